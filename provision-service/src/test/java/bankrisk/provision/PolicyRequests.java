package bankrisk.provision;

import java.time.LocalDate;

import bank.common.v1.Decimal;
import bank.loanrisk.v1.LoanCategory;
import bank.provision.v1.CategoryRate;
import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.Policy;
import bank.provision.v1.ProvisionBase;
import bankrisk.api.convert.Dates;

/** CreatePolicy requests the gRPC tests send: PBOC 2002's rates under another code. */
public final class PolicyRequests {

    private PolicyRequests() {
    }

    public static CreatePolicyRequest pboc2002As(String code, LocalDate effectiveFrom) {
        return CreatePolicyRequest.newBuilder().setPolicy(pboc2002Policy(code, effectiveFrom)).build();
    }

    public static Policy.Builder pboc2002Policy(String code, LocalDate effectiveFrom) {
        return Policy.newBuilder()
                .setPolicyCode(code).setVersion(1).setName(code).setEffectiveFrom(Dates.toDate(effectiveFrom))
                .setGeneralReserveRate(decimal("0.01")).setBase(ProvisionBase.PROVISION_BASE_OUTSTANDING_BALANCE)
                .addRates(rate(LoanCategory.LOAN_CATEGORY_NORMAL, "0", "0", "0"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "0.02", "0.02", "0.02"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "0.25", "0.20", "0.30"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_DOUBTFUL, "0.50", "0.40", "0.60"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_LOSS, "1", "1", "1"));
    }

    public static CategoryRate rate(LoanCategory category, String rate, String min, String max) {
        return CategoryRate.newBuilder().setCategory(category).setRate(decimal(rate)).setMinRate(decimal(min)).setMaxRate(decimal(max)).build();
    }

    public static Decimal decimal(String value) {
        return Decimal.newBuilder().setValue(value).build();
    }
}
