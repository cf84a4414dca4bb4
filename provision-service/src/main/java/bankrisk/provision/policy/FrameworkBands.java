package bankrisk.provision.policy;

import java.math.BigDecimal;
import java.util.Map;

import bankrisk.common.error.Violations;

/**
 * A framework's bands per category and its general-reserve floor, as the regulation sets them (empty for a bank's own
 * policy). Applied to a policy before it is stored: the policy's bands become the regulation's, whatever the request
 * said, so its rates are then checked against them (PolicyRules), and its general reserve rate against the floor.
 */
public record FrameworkBands(PolicyFramework framework, Map<LoanCategory, BigDecimal[]> bands, BigDecimal generalReserveMin) {

    public void applyTo(ProvisionPolicy policy, Violations violations) {
        for (CategoryRate rate : policy.rates) {
            BigDecimal[] band = bands.get(rate.category);
            if (band != null) {
                rate.minRate = band[0];
                rate.maxRate = band[1];
            }
        }
        if (generalReserveMin != null && policy.generalReserveRate != null && policy.generalReserveRate.compareTo(generalReserveMin) < 0) {
            violations.add("policy.general_reserve_rate", policy.generalReserveRate.toPlainString() + " is below " + framework
                    + "'s minimum " + generalReserveMin.stripTrailingZeros().toPlainString()
                    + "; a policy beyond the regulation is the bank's own (framework BANK_OWN)");
        }
    }
}
