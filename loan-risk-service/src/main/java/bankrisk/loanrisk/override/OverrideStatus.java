package bankrisk.loanrisk.override;

/** Life of an override proposal: pending until a different person approves or rejects it, once. */
public enum OverrideStatus {
    PENDING,
    APPROVED,
    REJECTED
}
