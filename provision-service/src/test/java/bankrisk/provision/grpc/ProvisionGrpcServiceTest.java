package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.loanrisk.v1.LoanCategory;
import bank.provision.v1.CategoryRate;
import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.GetPolicyRequest;
import bank.provision.v1.Policy;
import bank.provision.v1.ProvisionBase;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProvisionGrpcServiceTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Test
    void thePboc2002PolicyIsSeededWithItsRegulatoryRates() {
        Policy policy = provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("PBOC-2002").setVersion(1).build());

        assertThat(policy.getGeneralReserveRate().getValue()).isEqualTo("0.01");
        assertThat(policy.getBase()).isEqualTo(ProvisionBase.PROVISION_BASE_OUTSTANDING_BALANCE);
        assertThat(policy.getRatesList()).extracting(r -> r.getCategory() + " " + r.getRate().getValue() + " ["
                + r.getMinRate().getValue() + ", " + r.getMaxRate().getValue() + "]")
                .containsExactly(
                        "LOAN_CATEGORY_NORMAL 0 [0, 0]",
                        "LOAN_CATEGORY_SPECIAL_MENTION 0.02 [0.02, 0.02]",
                        "LOAN_CATEGORY_SUBSTANDARD 0.25 [0.2, 0.3]",
                        "LOAN_CATEGORY_DOUBTFUL 0.5 [0.4, 0.6]",
                        "LOAN_CATEGORY_LOSS 1 [1, 1]");
    }

    @Test
    void theMof2012StandardCoefficientsAreSeeded() {
        Policy policy = provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("MOF-2012-STANDARD").build());

        assertThat(policy.getGeneralReserveRate().getValue()).isEqualTo("0.015");
        assertThat(policy.getPurpose()).isEqualTo(bank.provision.v1.PolicyPurpose.POLICY_PURPOSE_GENERAL_RISK_RESERVE);
        assertThat(policy.getRatesList()).extracting(r -> r.getRate().getValue())
                .containsExactly("0.015", "0.03", "0.3", "0.6", "1");
    }

    @Test
    void storesANewVersionAndServesItAsTheLatest() {
        Policy v2 = bank("BANK-A", 2, "0.28", "0.45").build();
        provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(bank("BANK-A", 1, "0.25", "0.50")).build());

        Policy created = provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(v2).build());
        Policy latest = provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("BANK-A").build());
        Policy first = provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("BANK-A").setVersion(1).build());

        assertThat(created).isEqualTo(v2);
        assertThat(latest).isEqualTo(v2);
        assertThat(first.getRates(2).getRate().getValue()).isEqualTo("0.25");
    }

    @Test
    void anExistingVersionIsAlreadyExistsAndUnchanged() {
        provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(bank("BANK-B", 1, "0.25", "0.50")).build());

        assertThatThrownBy(() -> provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(bank("BANK-B", 1, "0.30", "0.60")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(e.getStatus().getDescription()).isEqualTo("policy 'BANK-B v1' already exists");
                });
        assertThat(provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("BANK-B").build()).getRates(2).getRate().getValue())
                .isEqualTo("0.25");
    }

    @Test
    void anUnknownPolicyIsNotFound() {
        assertThatThrownBy(() -> provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("NOPE").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("policy 'NOPE' not found");
                });
    }

    @Test
    void aRateOutsideItsBandIsInvalidArgumentAndNothingIsStored() {
        assertThatThrownBy(() -> provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(bank("BANK-C", 1, "0.31", "0.50")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e))
                            .containsExactly(org.assertj.core.api.Assertions.entry("policy.rates[2].rate",
                                    "SUBSTANDARD rate 0.31 is outside its band [0.2, 0.3]"));
                });
        assertThatThrownBy(() -> provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("BANK-C").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void malformedFieldsAreEachNamed() {
        Policy bad = bank("BANK-D", 0, "abc", "0.50").setBase(ProvisionBase.PROVISION_BASE_UNSPECIFIED).build();

        assertThatThrownBy(() -> provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsOnlyKeys("policy.version", "policy.rates[2].rate.value", "policy.base"));
    }

    private static Policy.Builder bank(String code, int version, String substandard, String doubtful) {
        return Policy.newBuilder()
                .setPolicyCode(code)
                .setVersion(version)
                .setName(code + " provisioning policy")
                .setPurpose(bank.provision.v1.PolicyPurpose.POLICY_PURPOSE_IMPAIRMENT_ALLOWANCE)
                .setEffectiveFrom(Date.newBuilder().setYear(2024).setMonth(1).setDay(1))
                .addAllRates(List.of(
                        rate(LoanCategory.LOAN_CATEGORY_NORMAL, "0", "0", "0"),
                        rate(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "0.02", "0.02", "0.02"),
                        rate(LoanCategory.LOAN_CATEGORY_SUBSTANDARD, substandard, "0.2", "0.3"),
                        rate(LoanCategory.LOAN_CATEGORY_DOUBTFUL, doubtful, "0.4", "0.6"),
                        rate(LoanCategory.LOAN_CATEGORY_LOSS, "1", "1", "1")))
                .setGeneralReserveRate(Decimal.newBuilder().setValue("0.01"))
                .setBase(ProvisionBase.PROVISION_BASE_OUTSTANDING_BALANCE)
                .setSource("Board decision 2024-01");
    }

    private static CategoryRate rate(LoanCategory category, String rate, String min, String max) {
        return CategoryRate.newBuilder()
                .setCategory(category)
                .setRate(Decimal.newBuilder().setValue(rate))
                .setMinRate(Decimal.newBuilder().setValue(min))
                .setMaxRate(Decimal.newBuilder().setValue(max))
                .build();
    }
}
