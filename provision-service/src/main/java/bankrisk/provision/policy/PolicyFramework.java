package bankrisk.provision.policy;

/**
 * Which rule book a policy says it follows. A regulatory framework's bands and general-reserve floor are data
 * ({@code policy_framework}, {@code policy_framework_band}); a bank's own policy is checked only for being a policy
 * and is labelled as its own wherever it is shown.
 */
public enum PolicyFramework {
    /** PBOC 2002 loan-loss provisioning guideline. */
    PBOC_2002,
    /** MOF 2012 measures on reserves, standard method. */
    MOF_2012,
    /** The bank's own policy, not a regulator's. */
    BANK_OWN
}
