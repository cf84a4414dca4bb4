package bankrisk.provision.grpc;

import java.util.Comparator;

import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.Policy;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.provision.policy.CategoryRate;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.PolicyFramework;
import bankrisk.provision.policy.RecoveryBooking;
import bankrisk.provision.policy.PolicyPurpose;
import bankrisk.provision.policy.ProvisionBase;
import bankrisk.provision.policy.ProvisionPolicy;

/** Maps policies between the contract and the domain, checking every field of a request. */
final class PolicyMapper {

    private PolicyMapper() {
    }

    static ProvisionPolicy toDomain(CreatePolicyRequest request) {
        Violations violations = new Violations();
        if (!request.hasPolicy()) {
            violations.add("policy", "is required");
            violations.throwIfAny();
        }
        Policy in = request.getPolicy();
        ProvisionPolicy policy = new ProvisionPolicy();
        policy.policyCode = Texts.identifier(in.getPolicyCode(), "policy.policy_code", 40, violations);
        policy.version = in.getVersion();
        violations.require(in.getVersion() >= 1, "policy.version", "must be 1 or more");
        policy.name = Texts.text(in.getName(), "policy.name", 200, violations);
        policy.effectiveFrom = Dates.parse(in.getEffectiveFrom(), "policy.effective_from", violations);
        for (int i = 0; i < in.getRatesCount(); i++) {
            bank.provision.v1.CategoryRate rate = in.getRates(i);
            String field = "policy.rates[" + i + "]";
            policy.rates.add(CategoryRate.of(
                    Enums.fromProto(rate.getCategory(), LoanCategory.class, field + ".category", violations),
                    Decimals.parse(rate.getRate(), field + ".rate", violations),
                    Decimals.parse(rate.getMinRate(), field + ".min_rate", violations),
                    Decimals.parse(rate.getMaxRate(), field + ".max_rate", violations)));
        }
        policy.generalReserveRate = Decimals.parse(in.getGeneralReserveRate(), "policy.general_reserve_rate", violations);
        policy.base = Enums.fromProto(in.getBase(), ProvisionBase.class, "policy.base", violations);
        policy.source = Texts.optionalText(in.getSource(), "policy.source", 500, violations);
        policy.framework = in.getFramework() == bank.provision.v1.PolicyFramework.POLICY_FRAMEWORK_UNSPECIFIED ? PolicyFramework.BANK_OWN
                : Enums.fromProto(in.getFramework(), PolicyFramework.class, "policy.framework", violations);
        policy.recoveryBooking = in.getRecoveryBooking() == bank.provision.v1.RecoveryBooking.RECOVERY_BOOKING_UNSPECIFIED
                ? RecoveryBooking.ALLOWANCE
                : Enums.fromProto(in.getRecoveryBooking(), RecoveryBooking.class, "policy.recovery_booking", violations);
        policy.purpose = in.getPurpose() == bank.provision.v1.PolicyPurpose.POLICY_PURPOSE_UNSPECIFIED ? PolicyPurpose.IMPAIRMENT_ALLOWANCE
                : Enums.fromProto(in.getPurpose(), PolicyPurpose.class, "policy.purpose", violations);
        violations.throwIfAny();
        return policy;
    }

    static Policy toProto(ProvisionPolicy policy) {
        Policy.Builder out = Policy.newBuilder()
                .setPolicyCode(policy.policyCode)
                .setVersion(policy.version)
                .setName(policy.name)
                .setEffectiveFrom(Dates.toDate(policy.effectiveFrom))
                .setGeneralReserveRate(Decimals.toDecimal(policy.generalReserveRate.stripTrailingZeros()))
                .setBase(Enums.toProto(policy.base, bank.provision.v1.ProvisionBase.class))
                .setSource(policy.source)
                .setPurpose(Enums.toProto(policy.purpose, bank.provision.v1.PolicyPurpose.class))
                .setFramework(Enums.toProto(policy.framework, bank.provision.v1.PolicyFramework.class))
                .setRecoveryBooking(Enums.toProto(policy.recoveryBooking, bank.provision.v1.RecoveryBooking.class));
        policy.rates.stream().sorted(Comparator.comparing(r -> r.category)).forEach(rate -> out.addRates(
                bank.provision.v1.CategoryRate.newBuilder()
                        .setCategory(Enums.toProto(rate.category, bank.loanrisk.v1.LoanCategory.class))
                        .setRate(Decimals.toDecimal(rate.rate.stripTrailingZeros()))
                        .setMinRate(Decimals.toDecimal(rate.minRate.stripTrailingZeros()))
                        .setMaxRate(Decimals.toDecimal(rate.maxRate.stripTrailingZeros()))));
        return out.build();
    }
}
