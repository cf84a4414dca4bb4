package bankrisk.provision.policy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers of one policy version that the provision arithmetic reads: the base, the rate of each of the five
 * categories and the general reserve rate. A plain value, so the arithmetic runs (and is tested and benchmarked)
 * without the persistence layer.
 */
public record PolicyRates(ProvisionBase base, Map<LoanCategory, BigDecimal> categoryRates, BigDecimal generalReserveRate) {

    public PolicyRates {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(generalReserveRate, "generalReserveRate");
        Map<LoanCategory, BigDecimal> copy = new EnumMap<>(LoanCategory.class);
        copy.putAll(categoryRates);
        for (LoanCategory category : LoanCategory.values()) {
            if (copy.get(category) == null) {
                throw new IllegalArgumentException("no rate for " + category);
            }
        }
        categoryRates = Collections.unmodifiableMap(copy);
    }

    public BigDecimal rate(LoanCategory category) {
        return categoryRates.get(category);
    }
}
