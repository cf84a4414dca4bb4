package bankrisk.provision.returns;

/**
 * G11's overdue buckets by days past due on the as-of date (1–90, 91–180, 181–360, over 360); "over 90" is the sum
 * of the last three. The same day counts as the 2023 Measures' floors: more than 90, 270, 360 days (strict).
 */
public enum OverdueBucket {
    NOT_OVERDUE(null),
    D1_90("OVERDUE_1_90"),
    D91_180("OVERDUE_91_180"),
    D181_360("OVERDUE_181_360"),
    OVER_360("OVERDUE_OVER_360");

    /** The largest day count the buckets tell apart: SQL may cap days past due at it and lose nothing. */
    public static final int CAP = 361;

    private final String rowCode;

    OverdueBucket(String rowCode) {
        this.rowCode = rowCode;
    }

    public String rowCode() {
        return rowCode;
    }

    public static OverdueBucket of(int daysPastDue) {
        if (daysPastDue <= 0) {
            return NOT_OVERDUE;
        }
        if (daysPastDue <= 90) {
            return D1_90;
        }
        if (daysPastDue <= 180) {
            return D91_180;
        }
        return daysPastDue <= 360 ? D181_360 : OVER_360;
    }

    /** Examiners' NPL recognition compares these with NPL (2019; 60 days for some banks). */
    public static boolean over90(int daysPastDue) {
        return daysPastDue > 90;
    }

    public static boolean over60(int daysPastDue) {
        return daysPastDue > 60;
    }
}
