package bankrisk.loanrisk.grading;

/** A floor that applies to a loan: a rule's, the upgrade discipline's or an approved override's. */
public record Floor(String reasonCode, Category category, String source) {

    public static final String UPGRADE_NOT_YET_ALLOWED = "UPGRADE_NOT_YET_ALLOWED";
    public static final String OVERRIDE_APPROVED = "OVERRIDE_APPROVED";
}
