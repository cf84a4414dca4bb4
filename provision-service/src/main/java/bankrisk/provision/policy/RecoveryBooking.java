package bankrisk.provision.policy;

/**
 * Where a policy books cash recovered on a written-off loan (domain notes §5: "a recovery: Dr cash / Cr loan-loss
 * allowance (or profit, by the bank's policy)"); the allowance is the default.
 */
public enum RecoveryBooking {
    /** Dr recoveries clearing / Cr loan-loss allowance: the recovery rebuilds the allowance (a roll-forward column). */
    ALLOWANCE,
    /** Dr recoveries clearing / Cr credit-impairment loss: straight to profit, the allowance does not move. */
    PROFIT
}
