package bankrisk.tiering.average;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import bankrisk.common.money.Amounts;
import bankrisk.tiering.balance.AssetType;
import bankrisk.tiering.balance.BalanceRow;

/**
 * Test oracle, not production code: the monthly average daily balance (月日均) in plain Java. The rule is the SQL of
 * {@code EvaluationSql}, which production runs; {@code EvaluationAgreementTest} checks it against this.
 *
 * <p>average = (Σ over each calendar day d of the month Σ over the customer's accounts a of balance(a, d) × rate(d)
 * × weight(asset type)) ÷ days in month, rounded once to 0.01 half-up. A day without a row for an account takes the
 * account's last row on or before that day (rows before the month included); before its first row it counts 0. The
 * row in effect also says which customer the account belongs to that day. A zero balance needs no FX rate.
 */
public final class MonthlyAverage {

    /** Daily FX rates into the base currency. */
    @FunctionalInterface
    public interface FxRates {
        Optional<BigDecimal> rate(String currency, LocalDate day);
    }

    private MonthlyAverage() {
    }

    /**
     * Averages of every customer with at least one row on or before the month's last day, by customer number.
     *
     * @param rows every row of the accounts concerned dated on or before the month end (earlier rows give the
     *        opening balances); rows after the month are ignored
     * @throws bankrisk.common.error.FailedPreconditionException {@code FX_RATE_MISSING} naming the first missing
     *         (currency, day) in that order
     */
    public static Map<String, BigDecimal> averages(YearMonth month, String baseCurrency, Map<AssetType, BigDecimal> weights,
            Collection<BalanceRow> rows, FxRates rates) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        Map<String, List<BalanceRow>> byAccount = rows.stream()
                .filter(row -> !row.date().isAfter(last))
                .collect(Collectors.groupingBy(BalanceRow::accountId));
        Map<String, BigDecimal> sums = new TreeMap<>();
        List<Missing> missing = new ArrayList<>();
        for (List<BalanceRow> accountRows : byAccount.values()) {
            accountRows.sort(Comparator.comparing(BalanceRow::date));
            int next = 0;
            BalanceRow inEffect = null;
            // The customers the account belongs to during the month (the opening row's and the month's rows') are
            // evaluated, with 0 when they held nothing.
            BalanceRow opening = null;
            for (BalanceRow row : accountRows) {
                if (row.date().isBefore(first)) {
                    opening = row;
                } else {
                    sums.putIfAbsent(row.customerNumber(), BigDecimal.ZERO);
                }
            }
            if (opening != null) {
                sums.putIfAbsent(opening.customerNumber(), BigDecimal.ZERO);
            }
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                while (next < accountRows.size() && !accountRows.get(next).date().isAfter(day)) {
                    inEffect = accountRows.get(next++);
                }
                if (inEffect == null || inEffect.balance().signum() == 0) {
                    continue;
                }
                BigDecimal rate = BigDecimal.ONE;
                if (!inEffect.currency().equals(baseCurrency)) {
                    Optional<BigDecimal> known = rates.rate(inEffect.currency(), day);
                    if (known.isEmpty()) {
                        missing.add(new Missing(inEffect.currency(), day));
                        continue;
                    }
                    rate = known.get();
                }
                BigDecimal weight = weights.getOrDefault(inEffect.assetType(), BigDecimal.ONE);
                sums.merge(inEffect.customerNumber(), inEffect.balance().multiply(rate).multiply(weight), BigDecimal::add);
            }
        }
        if (!missing.isEmpty()) {
            Missing firstMissing = missing.stream()
                    .min(Comparator.comparing(Missing::currency).thenComparing(Missing::day))
                    .orElseThrow();
            throw MissingFxRates.of(firstMissing.currency(), baseCurrency, firstMissing.day());
        }
        int days = month.lengthOfMonth();
        Map<String, BigDecimal> averages = new TreeMap<>();
        sums.forEach((customer, sum) -> averages.put(customer, Amounts.divide(sum, days)));
        return averages;
    }

    private record Missing(String currency, LocalDate day) {
    }
}
