package bankrisk.tiering.projection;

import java.math.BigDecimal;

import bankrisk.common.money.Amounts;

/**
 * The lowest constant end-of-day balance, in fen, that a customer must hold from tomorrow to the month end for the
 * month's average to reach a tier's bound, the average rounded exactly as the evaluation rounds it.
 *
 * <p>The month's average is (days so far' sum + X × days left) ÷ days in the month, rounded once, half-up, to the fen
 * ({@link Amounts#divide}, the rounding's one home; the evaluation's SQL rounds the same way). The answer is the
 * smallest X in fen whose rounded average reaches the bound: because of the rounding it can be a few fen below the
 * naive ceiling of (bound × days − sum) ÷ days left. It is found by asking {@link Amounts#divide} itself, starting
 * from the naive quotient and stepping a fen at a time (at most days ÷ days left + 1 steps), so this class holds no
 * second copy of the rounding rule.
 */
public record BalanceNeeded(Status status, BigDecimal amount) {

    public enum Status {
        /** The days so far reach the bound even if the balance is 0 from tomorrow: nothing more is needed. */
        SECURED,
        /** {@link #amount()} held every day from tomorrow to the month end reaches the bound; a fen less does not. */
        NEEDED,
        /** No day is left (the business date is the month's last day) and the month's average misses the bound. */
        OUT_OF_REACH
    }

    private static final BigDecimal FEN = new BigDecimal("0.01");

    /**
     * @param sumSoFar Σ over the days from the 1st to the business date of the customer's weighted end-of-day
     *        balances in the base currency, unrounded
     * @param daysInMonth 28..31
     * @param daysLeft days after the business date up to the month end, 0..daysInMonth − 1
     * @param bound the tier's inclusive lower bound
     */
    public static BalanceNeeded toReach(BigDecimal bound, BigDecimal sumSoFar, int daysInMonth, int daysLeft) {
        if (reaches(bound, sumSoFar, BigDecimal.ZERO, daysInMonth, daysLeft)) {
            return new BalanceNeeded(Status.SECURED, Amounts.ZERO);
        }
        if (daysLeft == 0) {
            return new BalanceNeeded(Status.OUT_OF_REACH, null);
        }
        BigDecimal amount = Amounts.divide(bound.multiply(BigDecimal.valueOf(daysInMonth)).subtract(sumSoFar), daysLeft)
                .max(FEN);
        while (!reaches(bound, sumSoFar, amount, daysInMonth, daysLeft)) {
            amount = amount.add(FEN);
        }
        while (amount.compareTo(FEN) > 0 && reaches(bound, sumSoFar, amount.subtract(FEN), daysInMonth, daysLeft)) {
            amount = amount.subtract(FEN);
        }
        return new BalanceNeeded(Status.NEEDED, amount);
    }

    /** The month's average, as the evaluation rounds it, when {@code daily} is held every day that is left. */
    public static BigDecimal monthAverage(BigDecimal sumSoFar, BigDecimal daily, int daysInMonth, int daysLeft) {
        return Amounts.divide(sumSoFar.add(daily.multiply(BigDecimal.valueOf(daysLeft))), daysInMonth);
    }

    private static boolean reaches(BigDecimal bound, BigDecimal sumSoFar, BigDecimal daily, int daysInMonth, int daysLeft) {
        return monthAverage(sumSoFar, daily, daysInMonth, daysLeft).compareTo(bound) >= 0;
    }
}
