package bankrisk.loanrisk.grading;

/**
 * What a rule tests. A rule set is a list of rules of these kinds with their parameters; the interpreter
 * ({@link Grader}, and its SQL twin in {@code ClassificationRun}) is the only code that knows what each kind means.
 */
public enum RuleKind {
    /** The larger of principal and interest days past due is strictly more than the threshold (days). */
    DPD_OVER,
    /** The asset is credit-impaired. */
    CREDIT_IMPAIRED,
    /** Credit-impaired and the expected credit loss is at least the threshold (fraction of the book balance). */
    CREDIT_IMPAIRED_ECL_AT_LEAST,
    /** Non-retail borrower whose debt at other banks overdue more than 90 days is strictly more than the threshold. */
    OVERDUE_ELSEWHERE_SHARE_OVER,
    /** The borrower is in bankruptcy liquidation. */
    BANKRUPTCY_LIQUIDATION,
    /** The borrower evades bank debt. */
    DEBT_EVASION,
    /** Significant downgrade of the borrower's external rating. */
    EXTERNAL_DOWNGRADE,
    /** Restructured for financial difficulty and the as-of date is inside the observation period. */
    RESTRUCTURED_IN_OBSERVATION,
    /** As above, and the loan was non-performing before the restructuring. */
    RESTRUCTURED_FROM_NON_PERFORMING,
    /**
     * Debtor-centred: a non-retail borrower's non-performing share of its claims at the bank (by balance, before
     * this rule) is strictly more than the threshold; every claim of the borrower gets the floor.
     */
    DEBTOR_CONTAGION_SHARE_OVER;

    /** True for the kinds that read the borrower's whole book rather than one loan. */
    public boolean isDebtorLevel() {
        return this == DEBTOR_CONTAGION_SHARE_OVER;
    }
}
