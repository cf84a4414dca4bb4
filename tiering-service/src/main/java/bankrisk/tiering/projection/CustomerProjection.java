package bankrisk.tiering.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Where a customer's month stands on a business date and where it goes if today's balance stays to the month end.
 * Amounts are in the scheme's base currency, weighted as the scheme says; averages are rounded as the evaluation
 * rounds them. {@code heldTierCode} is the tier held in the month before (null when none or not evaluated);
 * {@code current} aims at it, {@code next} at the tier above it (either null when there is no such tier).
 */
public record CustomerProjection(String customerNumber, YearMonth month, LocalDate businessDate, String currency,
        int schemeVersion, int daysLeft, BigDecimal monthToDateAverage, BigDecimal todayBalance, BigDecimal projectedAverage,
        String projectedTierCode, String projectedTierName, String heldTierCode, TierTarget current, TierTarget next) {
}
