package bankrisk.provision.policy;

/** The five regulatory loan categories, best first; the last three are non-performing. */
public enum LoanCategory {
    NORMAL,
    SPECIAL_MENTION,
    SUBSTANDARD,
    DOUBTFUL,
    LOSS;

    public boolean isNonPerforming() {
        return compareTo(SUBSTANDARD) >= 0;
    }
}
