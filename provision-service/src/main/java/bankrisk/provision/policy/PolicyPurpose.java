package bankrisk.provision.policy;

/**
 * What a policy computes. The two are booked apart and never added up (domain notes §5, "MOF general risk reserve —
 * how it is booked"): the loan-loss allowance goes through P&L, the general risk reserve is appropriated from profit.
 */
public enum PolicyPurpose {
    /** A loan-loss (impairment) allowance, e.g. PBOC 2002: Dr credit-impairment loss / Cr loan-loss allowance. */
    IMPAIRMENT_ALLOWANCE,
    /**
     * MOF 2012's general risk reserve: the category coefficients give the latent risk, the general reserve rate is the
     * floor on risk assets; Dr profit distribution – general risk reserve / Cr general risk reserve.
     */
    GENERAL_RISK_RESERVE
}
