package bankrisk.provision.ecl;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

import bankrisk.provision.policy.LoanCategory;

/**
 * The IFRS 9 / CAS 22 parameters of the product: the stage each category starts in, the days-past-due
 * presumptions that move a loan to stage 2 (&gt; 30 days) and stage 3 (&gt; 90 days), and per category the 12-month
 * PD (stage 1), the lifetime PD (stages 2 and 3) and the LGD.
 */
public record EclParameters(Map<LoanCategory, Integer> baseStage, int stage2DaysPastDue, int stage3DaysPastDue,
        Map<LoanCategory, BigDecimal> pd12Month, Map<LoanCategory, BigDecimal> pdLifetime, Map<LoanCategory, BigDecimal> lgd) {

    public EclParameters {
        baseStage = complete(baseStage, "stage");
        pd12Month = complete(pd12Month, "12-month PD");
        pdLifetime = complete(pdLifetime, "lifetime PD");
        lgd = complete(lgd, "LGD");
        for (LoanCategory category : LoanCategory.values()) {
            int stage = baseStage.get(category);
            if (stage < 1 || stage > 3) {
                throw new IllegalArgumentException("ECL stage of " + category + " must be 1, 2 or 3, not " + stage);
            }
            fraction(pd12Month.get(category), "12-month PD of " + category);
            fraction(pdLifetime.get(category), "lifetime PD of " + category);
            fraction(lgd.get(category), "LGD of " + category);
        }
    }

    /** The parameters in a fixed text form, part of a run's inputs and fingerprint. */
    public String canonical() {
        StringJoiner text = new StringJoiner(";", "ecl[", "]");
        text.add("dpd2>" + stage2DaysPastDue).add("dpd3>" + stage3DaysPastDue);
        for (LoanCategory category : LoanCategory.values()) {
            text.add(category + ":s" + baseStage.get(category) + ",pd12=" + pd12Month.get(category).stripTrailingZeros().toPlainString()
                    + ",pdlt=" + pdLifetime.get(category).stripTrailingZeros().toPlainString()
                    + ",lgd=" + lgd.get(category).stripTrailingZeros().toPlainString());
        }
        return text.toString();
    }

    private static <V> Map<LoanCategory, V> complete(Map<LoanCategory, V> values, String what) {
        Map<LoanCategory, V> copy = new EnumMap<>(LoanCategory.class);
        copy.putAll(values);
        for (LoanCategory category : LoanCategory.values()) {
            if (copy.get(category) == null) {
                throw new IllegalArgumentException("ECL " + what + " of " + category + " is not configured");
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void fraction(BigDecimal value, String what) {
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, not " + value.toPlainString());
        }
    }
}
