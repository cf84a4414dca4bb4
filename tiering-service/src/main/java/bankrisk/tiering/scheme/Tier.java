package bankrisk.tiering.scheme;

import java.math.BigDecimal;

/**
 * One tier: a stable code, the name people see, the inclusive lower bound of the monthly average, and its own
 * downgrade grace in months (null: the scheme's {@link TierScheme#downgradeGraceMonths()}), e.g. 3 months for the
 * mass tiers and 6 for private banking (Bohai Bank).
 */
public record Tier(String code, String displayName, BigDecimal lowerBound, Integer downgradeGraceMonths) {

    /** A tier with the scheme's grace. */
    public Tier(String code, String displayName, BigDecimal lowerBound) {
        this(code, displayName, lowerBound, null);
    }
}
