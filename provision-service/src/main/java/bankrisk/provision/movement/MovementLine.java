package bankrisk.provision.movement;

import java.math.BigDecimal;

import bankrisk.common.money.Amounts;
import bankrisk.provision.policy.LoanCategory;

/**
 * One row of the allowance roll-forward that auditors tick:
 * {@code opening + charges − releases − writeOffs − derecognitionLosses + recoveries = closing}. Write-offs are the
 * allowance used by booked write-offs (Dr allowance / Cr loans), derecognition losses the allowance used by transfers
 * and foreclosures (principal − price or asset value), recoveries the cash recovered on written-off loans under a
 * policy that books them to the allowance (domain notes §5).
 */
public record MovementLine(Kind kind, LoanCategory category, BigDecimal opening, BigDecimal charges, BigDecimal releases,
        BigDecimal writeOffs, BigDecimal derecognitionLosses, BigDecimal recoveries, BigDecimal closing) {

    public enum Kind {
        CATEGORY,
        GENERAL_RESERVE,
        TOTAL
    }

    public static MovementLine of(Kind kind, LoanCategory category, KeyedMovement row) {
        return new MovementLine(kind, category, row.opening(), row.charges(), row.releases(), row.writeOffs(), row.derecognitionLosses(),
                row.recoveries(), row.closing());
    }

    /** The movement of an amount that is simply re-computed each run (the general reserve): the change is a charge or a release. */
    public static MovementLine ofChange(Kind kind, BigDecimal opening, BigDecimal closing) {
        BigDecimal change = closing.subtract(opening);
        return new MovementLine(kind, null, opening, change.max(Amounts.ZERO), change.negate().max(Amounts.ZERO), Amounts.ZERO,
                Amounts.ZERO, Amounts.ZERO, closing);
    }

    /** The closing amount the roll-forward arrives at. */
    public BigDecimal rolledForward() {
        return opening.add(charges).subtract(releases).subtract(writeOffs).subtract(derecognitionLosses).add(recoveries);
    }

    public boolean rollsForward() {
        return rolledForward().compareTo(closing) == 0;
    }

    public MovementLine plus(MovementLine other, Kind kind) {
        return new MovementLine(kind, null, opening.add(other.opening), charges.add(other.charges), releases.add(other.releases),
                writeOffs.add(other.writeOffs), derecognitionLosses.add(other.derecognitionLosses), recoveries.add(other.recoveries),
                closing.add(other.closing));
    }

    public static MovementLine zero(Kind kind, LoanCategory category) {
        return new MovementLine(kind, category, Amounts.ZERO, Amounts.ZERO, Amounts.ZERO, Amounts.ZERO, Amounts.ZERO, Amounts.ZERO,
                Amounts.ZERO);
    }
}
