package bankrisk.loanrisk.loan;

/** How a loan is repaid: the exposure profile expected credit loss will need. */
public enum RepaymentMethod {
    /** All principal at maturity. */
    BULLET,
    /** Equal principal each period (等额本金). */
    EQUAL_PRINCIPAL,
    /** Equal instalments of principal and interest (等额本息). */
    EQUAL_INSTALMENT,
    /** A revolving line drawn and repaid at will. */
    REVOLVING
}
