package bankrisk.tiering.projection;

import java.math.BigDecimal;

/** A tier the customer aims at this month and what it takes: its bound and the balance needed from tomorrow on. */
public record TierTarget(String tierCode, String tierName, BigDecimal lowerBound, BalanceNeeded needed) {
}
