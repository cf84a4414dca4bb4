package bankrisk.tiering.evaluation;

import bankrisk.tiering.scheme.TierScheme;

/**
 * The downgrade grace as SQL fragments, its one home: the month-end run ({@link EvaluationSql#insertEvaluations})
 * and the projection's list of risks both build their SQL from these, so the list says exactly what the evaluation
 * will do. Below the tier held, a customer keeps it while the consecutive months below it do not exceed that tier's
 * grace — its own {@code downgrade_grace_months} (V14), else the scheme's single number.
 */
public final class GraceRule {

    private GraceRule() {
    }

    /** The grace, in months, of the tier row aliased {@code tier} ({@code tier_scheme_tier}) in {@code scheme}. */
    public static String graceMonths(String tier, TierScheme scheme) {
        return "coalesce(" + tier + ".downgrade_grace_months, " + scheme.downgradeGraceMonths() + ")";
    }

    /**
     * Whether the grace keeps the tier held for one more month below it: the months below it counted in the month
     * before ({@code tier_evaluation.months_below}), plus this one, do not exceed the tier's grace.
     */
    public static String holds(String monthsBelowBefore, String graceMonths) {
        return "(" + monthsBelowBefore + " + 1 <= " + graceMonths + ")";
    }
}
