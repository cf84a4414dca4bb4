package bankrisk.provision.policy;

/** What a category's provision rate applies to. */
public enum ProvisionBase {
    /** The outstanding balance. */
    OUTSTANDING_BALANCE,
    /** The outstanding balance less the eligible collateral value, floored at 0. */
    NET_OF_COLLATERAL
}
