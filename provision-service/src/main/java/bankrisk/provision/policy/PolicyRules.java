package bankrisk.provision.policy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

import bankrisk.common.error.Violations;

/**
 * What makes a provisioning policy admissible: every category exactly once, every rate a fraction in [0, 1],
 * and each category's rate inside its regulatory band (PBOC 2002: the Substandard and Doubtful rates float by
 * ±20 % of the reference rate). Field paths name the request's fields.
 */
public final class PolicyRules {

    private PolicyRules() {
    }

    public static void validate(ProvisionPolicy policy) {
        Violations violations = new Violations();
        Set<LoanCategory> seen = EnumSet.noneOf(LoanCategory.class);
        for (int i = 0; i < policy.rates.size(); i++) {
            CategoryRate rate = policy.rates.get(i);
            String field = "policy.rates[" + i + "]";
            if (!seen.add(rate.category)) {
                violations.add(field + ".category", rate.category + " appears more than once");
            }
            checkFraction(rate.minRate, field + ".min_rate", violations);
            checkFraction(rate.maxRate, field + ".max_rate", violations);
            if (checkFraction(rate.rate, field + ".rate", violations) && rate.minRate.compareTo(rate.maxRate) <= 0
                    && (rate.rate.compareTo(rate.minRate) < 0 || rate.rate.compareTo(rate.maxRate) > 0)) {
                violations.add(field + ".rate", rate.category + " rate " + rate.rate.toPlainString() + " is outside its band ["
                        + rate.minRate.toPlainString() + ", " + rate.maxRate.toPlainString() + "]");
            }
            violations.require(rate.minRate.compareTo(rate.maxRate) <= 0, field + ".min_rate", "must not exceed max_rate");
        }
        Set<LoanCategory> missing = EnumSet.allOf(LoanCategory.class);
        missing.removeAll(seen);
        violations.require(missing.isEmpty(), "policy.rates", "missing categories " + missing);
        checkFraction(policy.generalReserveRate, "policy.general_reserve_rate", violations);
        violations.throwIfAny();
    }

    /** A rate is a fraction: 0 ≤ rate ≤ 1 (100 %). */
    private static boolean checkFraction(BigDecimal rate, String field, Violations violations) {
        return violations.require(rate.signum() >= 0 && rate.compareTo(BigDecimal.ONE) <= 0, field + ".value",
                rate.toPlainString() + " must be between 0 and 1 (0 % to 100 %)");
    }
}
