package bankrisk.tiering.projection;

import java.math.BigDecimal;

/**
 * A customer projected to fall below the tier held in the month before: what the month gives if today's balance
 * stays, the balance needed to keep the tier, and the shortfall (needed − today's balance, null when out of reach).
 */
public record TierRisk(String customerNumber, String heldTierCode, String projectedTierCode, BigDecimal projectedAverage,
        BigDecimal todayBalance, TierTarget keep, BigDecimal shortfall) {
}
