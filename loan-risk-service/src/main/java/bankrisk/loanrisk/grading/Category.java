package bankrisk.loanrisk.grading;

/** The five regulatory loan categories, best first. The rank (1..5) is what the database stores. */
public enum Category {
    NORMAL,
    SPECIAL_MENTION,
    SUBSTANDARD,
    DOUBTFUL,
    LOSS;

    /** 1 for NORMAL .. 5 for LOSS; "worst of" is the maximum rank. */
    public int rank() {
        return ordinal() + 1;
    }

    public static Category ofRank(int rank) {
        return values()[rank - 1];
    }

    /** Substandard, Doubtful and Loss are non-performing (不良). */
    public boolean isNonPerforming() {
        return this.compareTo(SUBSTANDARD) >= 0;
    }

    public boolean isWorseThan(Category other) {
        return this.compareTo(other) > 0;
    }

    public static Category worst(Category a, Category b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
