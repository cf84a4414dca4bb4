package bankrisk.provision.run;

/**
 * Where a run is in the month-end close. A computed run is a {@code DRAFT}; only an {@code APPROVED} run can be
 * posted, and a {@code POSTED} run is undone only by an approved reversal posting.
 */
public enum ApprovalStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    REJECTED,
    POSTED,
    REVERSAL_REQUESTED,
    REVERSED
}
