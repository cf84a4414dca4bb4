package bankrisk.tiering.scheme;

import java.math.BigDecimal;

/** One tier: a stable code, the name people see, and the inclusive lower bound of the monthly average. */
public record Tier(String code, String displayName, BigDecimal lowerBound) {
}
