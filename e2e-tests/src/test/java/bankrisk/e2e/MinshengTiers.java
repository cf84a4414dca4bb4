package bankrisk.e2e;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tier a fresh database's scheme gives an average, computed here independently of the service (Minsheng 2017,
 * inclusive lower bounds: XINRAN 50,000, YOURAN 300,000, ZHUORAN 1,000,000, PRIVATE 8,000,000; below 50,000 no tier),
 * and a month's distribution as GetTierDistribution reports it: "customers / total average balance" per tier code.
 */
final class MinshengTiers {

    private MinshengTiers() {
    }

    static String tierOf(BigDecimal average) {
        return average.compareTo(new BigDecimal("8000000")) >= 0 ? "PRIVATE"
                : average.compareTo(new BigDecimal("1000000")) >= 0 ? "ZHUORAN"
                : average.compareTo(new BigDecimal("300000")) >= 0 ? "YOURAN"
                : average.compareTo(new BigDecimal("50000")) >= 0 ? "XINRAN" : "";
    }

    static Map<String, String> distribution(Iterable<BigDecimal> averages) {
        Map<String, Long> customers = new TreeMap<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (BigDecimal average : averages) {
            String tier = tierOf(average);
            customers.merge(tier, 1L, Long::sum);
            totals.merge(tier, average, BigDecimal::add);
        }
        Map<String, String> distribution = new TreeMap<>();
        customers.forEach((tier, n) -> distribution.put(tier, n + " / " + totals.get(tier).toPlainString()));
        return distribution;
    }
}
