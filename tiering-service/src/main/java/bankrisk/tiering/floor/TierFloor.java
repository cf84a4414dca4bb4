package bankrisk.tiering.floor;

import java.time.YearMonth;

/**
 * A manual tier floor (特批): from {@code firstMonth} to {@code lastMonth} the customer holds at least {@code tierCode},
 * once approved. {@code decidedBy} and {@code decisionComment} are null while pending.
 */
public record TierFloor(long floorId, String customerNumber, String tierCode, YearMonth firstMonth, YearMonth lastMonth,
        String reason, Status status, String proposedBy, String decidedBy, String decisionComment) {

    public enum Status {
        PENDING, APPROVED, REJECTED
    }
}
