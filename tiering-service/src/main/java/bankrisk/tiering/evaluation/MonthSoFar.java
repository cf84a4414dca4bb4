package bankrisk.tiering.evaluation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;

import bankrisk.tiering.average.MissingFxRates;
import bankrisk.tiering.scheme.TierScheme;

/**
 * A month up to a business date, by the evaluation's own SQL ({@link EvaluationSql}: the same accounts, carry-forward,
 * weights and daily FX rates, cut at that day), for the projection. Runs in the caller's transaction; its temporary
 * tables go with it.
 */
public final class MonthSoFar {

    private MonthSoFar() {
    }

    /**
     * Builds the month's accounts and segments up to {@code through} (of the accounts listed in the temporary table
     * {@code scope}, a constant name, or of every account when null) and returns a query of (customer_number,
     * so_far, today): the unrounded sum of the weighted base-currency balances of the 1st to {@code through} and the
     * balance of {@code through}.
     *
     * @throws bankrisk.common.error.FailedPreconditionException {@code FX_RATE_MISSING} when a foreign balance held
     *         on a day up to {@code through} has no rate for it, as the evaluation refuses it
     */
    public static String prepare(Connection connection, YearMonth month, LocalDate through, TierScheme scheme, String scope)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(EvaluationSql.monthAccounts(month, through, scope));
            statement.execute(EvaluationSql.monthSegmentsSoFar(month, through, scheme, scope));
            try (ResultSet missing = statement.executeQuery(EvaluationSql.firstMissingRate(scheme, through))) {
                if (missing.next()) {
                    throw MissingFxRates.of(missing.getString(1), scheme.baseCurrency(), missing.getDate(2).toLocalDate());
                }
            }
        }
        return EvaluationSql.monthSoFar(through, scheme);
    }

    /** The month's average as the evaluation rounds it, in SQL, of a sum over the whole month. */
    public static String rounded(String sum, YearMonth month) {
        return EvaluationSql.rounded(sum, month.lengthOfMonth());
    }
}
