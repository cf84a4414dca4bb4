package bankrisk.loanrisk.fx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.regex.Pattern;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.money.Amounts;

/**
 * The one home of converting a loan's amounts into the reporting currency, in SQL (the portfolio run) and in Java
 * (on-demand grading, streamed flows).
 *
 * <p>Which rate: the {@code fx_rate} row of the loan's currency dated <em>exactly</em> the as-of date, never the
 * latest one before it. A balance sheet translates foreign-currency monetary items at the closing rate of the
 * reporting date (CAS 19 / IAS 21.23; the 1104 returns: "foreign currency converted at the period-end rate",
 * shared/domain/rules.md §5), and an auditor ties each rate to the published rate of that date. A fallback to an
 * older rate would silently value a month-end book at, say, last week's rate when the feed missed a day; on a day
 * without a published rate (a weekend month end) the feed loads the rate the bank's policy carries forward, dated that
 * day, so the choice is explicit and on record in {@code fx_rate}. A missing rate fails the run
 * ({@link #missingRate}); 1.0 is never assumed for a foreign currency.
 *
 * <p>Rounding: the product is rounded once, to the fen, half-up ({@link Amounts}); PostgreSQL's
 * {@code round(numeric, 2)} rounds half away from zero, which is half-up for the non-negative amounts of a book.
 */
public final class Conversion {

    /** FAILED_PRECONDITION reason of a classification or grade that lacks an FX rate. */
    public static final String FX_RATE_MISSING = "FX_RATE_MISSING";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Conversion() {
    }

    /** {@code amount} (in a currency) at {@code rate} (reporting units per unit), in the reporting currency. */
    public static BigDecimal toReporting(BigDecimal amount, BigDecimal rate) {
        return Amounts.round(amount.multiply(rate));
    }

    /** The SQL twin of {@link #toReporting}: the expressions {@code amount} and {@code rate}, converted. */
    public static String toReportingSql(String amount, String rate) {
        return "round(" + amount + " * " + rate + ", " + Amounts.SCALE + ")";
    }

    /**
     * The SQL expression of the rate of the currency in column {@code currency} on the date expression {@code date}:
     * 1 for the reporting currency, else the rate stored for exactly that date, NULL when there is none (the caller
     * refuses NULL with {@link #missingRate}).
     */
    public static String rateSql(String currency, String date, String reportingCurrency) {
        if (!CURRENCY.matcher(reportingCurrency).matches()) {
            throw new IllegalStateException("loanrisk.reporting-currency must be an ISO 4217 code, not " + reportingCurrency);
        }
        return "CASE WHEN " + currency + " = '" + reportingCurrency + "' THEN 1::numeric ELSE (SELECT x.rate FROM fx_rate x"
                + " WHERE x.currency = " + currency + " AND x.rate_date = " + date + ") END";
    }

    /** FAILED_PRECONDITION naming the currencies without a rate on {@code date}. */
    public static FailedPreconditionException missingRate(Collection<String> currencies, LocalDate date) {
        return new FailedPreconditionException(FX_RATE_MISSING, "no FX rate for " + String.join(", ", currencies) + " on " + date
                + " (loan-risk converts at the rate dated exactly the as-of date): load it with PutFxRates");
    }
}
