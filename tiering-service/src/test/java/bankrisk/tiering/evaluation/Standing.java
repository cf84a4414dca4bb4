package bankrisk.tiering.evaluation;

import bankrisk.tiering.scheme.TierScheme;

/**
 * Test oracle, not production code: the month-end rule is the SQL of {@code EvaluationSql}; this plain-Java
 * rendering of its grace exists to check it ({@code EvaluationAgreementTest}). Where a customer stands after a month: the tier rank held (0 = none), how many consecutive months its average has
 * been below that tier, and whether the downgrade grace is what keeps it there (the customer is on watch).
 */
public record Standing(int tierRank, int monthsBelow, boolean graceHeld) {

    /** Nobody before: no tier, nothing counted. */
    public static final Standing NONE = new Standing(0, 0, false);

    /**
     * The downgrade grace (hysteresis), the Java twin of the SQL in {@code EvaluationSql}. Upgrades and staying are
     * immediate and reset the count. Below the tier held, the customer keeps it for {@code graceMonths} consecutive
     * months; in the month after, it drops to the tier the latest month supports (possibly several steps down).
     *
     * @param previous the standing of the month before, its tier rank mapped into the scheme now in force
     * @param qualifiedRank the rank the month's average alone supports
     * @param graceMonths the grace of the tier held ({@link #graceMonths}: the tier's
     *        own, else the scheme's)
     */
    /**
     * Months a customer below the tier of {@code rank} keeps it: the tier's own grace, else the scheme's (rank 0, no
     * tier, has nothing to keep) — the SQL's {@code coalesce(t.downgrade_grace_months, scheme's)}.
     */
    public static int graceMonths(TierScheme scheme, int rank) {
        Integer own = rank == 0 ? null : scheme.tier(rank).downgradeGraceMonths();
        return own == null ? scheme.downgradeGraceMonths() : own;
    }

    public static Standing next(Standing previous, int qualifiedRank, int graceMonths) {
        if (qualifiedRank >= previous.tierRank()) {
            return new Standing(qualifiedRank, 0, false);
        }
        int monthsBelow = previous.monthsBelow() + 1;
        if (monthsBelow <= graceMonths) {
            return new Standing(previous.tierRank(), monthsBelow, true);
        }
        return new Standing(qualifiedRank, 0, false);
    }
}
