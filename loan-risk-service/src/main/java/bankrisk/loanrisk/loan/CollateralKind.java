package bankrisk.loanrisk.loan;

/** What secures a loan. */
public enum CollateralKind {
    NONE,
    REAL_ESTATE,
    CASH_DEPOSIT,
    SECURITIES,
    MOVABLE_PROPERTY,
    RECEIVABLES,
    OTHER
}
