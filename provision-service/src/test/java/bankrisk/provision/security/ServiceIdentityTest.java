package bankrisk.provision.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.GetReportRequest;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.ReportView;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.provision.fake.ServiceTokenCheck;
import bankrisk.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * provision-service calls loan-risk and tiering as itself, never as its caller: the stubs at the gRPC boundary
 * verify (jose4j, sample public key) a token with subject {@code provision-service} and role {@code service}.
 */
@QuarkusTest
class ServiceIdentityTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
        ServiceTokenCheck.VERIFIED.clear();
        ServiceTokenCheck.REFUSED.clear();
    }

    @Test
    void loanRiskAndTieringReceiveProvisionServicesOwnToken() {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.NOV)).setPolicyCode("PBOC-2002")
                .setPolicyVersion(1).build()).forEachRemaining(progress::add);
        ProvisionRun run = progress.get(progress.size() - 1).getRun();
        // tiering has not evaluated November: nothing is stored, so every tier report asks tiering again.
        provision.getReport(GetReportRequest.newBuilder().setRunId(run.getRunId()).setView(ReportView.REPORT_VIEW_TIER).build());

        assertThat(ServiceTokenCheck.REFUSED).isEmpty();
        assertThat(ServiceTokenCheck.VERIFIED).extracting(ServiceTokenCheck.VerifiedCall::method)
                .contains("bank.loanrisk.v1.SnapshotService/GetSnapshot", "bank.tiering.v1.TieringService/StreamTierAssignments");
        assertThat(ServiceTokenCheck.VERIFIED).allSatisfy(call -> {
            assertThat(call.subject()).isEqualTo("provision-service");
            assertThat(call.roles()).containsExactly(Roles.SERVICE);
        });
    }
}
