package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.TestDatabase;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * loan-risk's client pointed at a closed port: three attempts with a growing back-off, then UNAVAILABLE naming
 * loan-risk and the attempts, and no run.
 */
@QuarkusTest
@TestProfile(UnreachableLoanRiskGrpcTest.ClosedPort.class)
class UnreachableLoanRiskGrpcTest {

    public static class ClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.clients.loan-risk.test-port", "9299", "provision.run.max-attempts", "3",
                    "provision.run.initial-backoff", "PT" + SlowLoanRiskGrpcTest.INITIAL_BACKOFF_MS / 1000.0 + "S");
        }
    }

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Test
    void anUnreachableLoanRiskIsRetriedThenUnavailableNamingItAndLeavesNoRun() {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        long start = System.nanoTime();
        StatusRuntimeException failure = null;
        try {
            provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.DEC))
                    .setPolicyCode("PBOC-2002").build()).forEachRemaining(progress::add);
        } catch (StatusRuntimeException e) {
            failure = e;
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;

        assertThat(failure).isNotNull();
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(failure.getStatus().getDescription()).startsWith("loan-risk unavailable after 3 attempts: UNAVAILABLE");
        List<Long> backoffs = SlowLoanRiskGrpcTest.backoffs(progress, Status.Code.UNAVAILABLE);
        SlowLoanRiskGrpcTest.assertBackoffsGrew(backoffs);
        assertThat(elapsed).isGreaterThanOrEqualTo(backoffs.get(0) + backoffs.get(1));
        System.out.printf("unreachable loan-risk: 3 attempts, back-offs %s ms, failed after %d ms%n", backoffs, elapsed);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_run")).isZero();
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_line")).isZero();
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM audit_event")).isZero();
    }
}
