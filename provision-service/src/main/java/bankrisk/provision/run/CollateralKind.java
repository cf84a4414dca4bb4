package bankrisk.provision.run;

/** Kind of collateral securing a loan, as loan-risk reports it. */
public enum CollateralKind {
    NONE,
    REAL_ESTATE,
    CASH_DEPOSIT,
    SECURITIES,
    MOVABLE_PROPERTY,
    RECEIVABLES,
    OTHER
}
