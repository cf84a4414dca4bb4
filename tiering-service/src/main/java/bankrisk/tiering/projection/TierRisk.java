package bankrisk.tiering.projection;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * A customer projected to fall below the tier held in the month before: what the month gives if today's balance
 * stays, the balance needed to keep the tier, and the shortfall (needed − today's balance, null when out of reach).
 * If the projection holds, {@code monthsBelow} months in a row will have been below the tier, this one included;
 * {@code graceHolds} says the downgrade grace still keeps the tier at this month's end (on watch: held by grace
 * only), and {@code graceLastMonth} is then the last month it can keep it (null when the month's evaluation would
 * drop the customer). {@code floorTierCode} is the tier of an approved manual floor for the month, below the tier
 * held (a floor at or above it keeps the tier, and the customer is not at risk): the evaluation assigns at least it.
 */
public record TierRisk(String customerNumber, String heldTierCode, String projectedTierCode, BigDecimal projectedAverage,
        BigDecimal todayBalance, TierTarget keep, BigDecimal shortfall, int monthsBelow, boolean graceHolds,
        YearMonth graceLastMonth, String floorTierCode) {
}
