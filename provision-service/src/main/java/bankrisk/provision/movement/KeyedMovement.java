package bankrisk.provision.movement;

import java.math.BigDecimal;

/**
 * The movement of the specific provisions of one group (a category or a branch) between two runs, from SQL over the
 * runs' lines and loan-risk's booked flows: {@code opening + charges − releases − writeOffs − derecognitionLosses +
 * recoveries = closing}. {@code recoveredToProfit} is cash recovered on written-off loans under a policy that books
 * recoveries to profit: it never enters the allowance, the journal credits it to the impairment loss.
 */
public record KeyedMovement(String key, BigDecimal opening, BigDecimal charges, BigDecimal releases, BigDecimal writeOffs,
        BigDecimal derecognitionLosses, BigDecimal recoveries, BigDecimal recoveredToProfit, BigDecimal closing) {

    /** The closing amount the roll-forward arrives at. */
    public BigDecimal rolledForward() {
        return opening.add(charges).subtract(releases).subtract(writeOffs).subtract(derecognitionLosses).add(recoveries);
    }
}
