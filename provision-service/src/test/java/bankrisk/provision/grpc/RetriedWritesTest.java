package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.GetPolicyRequest;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.Policy;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.PolicyRequests;
import bankrisk.provision.TestDatabase;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TableFingerprints;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A client that retries a write (it lost the answer, or timed out) never makes it count twice: the second
 * CreatePolicy is ALREADY_EXISTS and changes nothing; the second RunProvisioning returns the first run (REUSED)
 * with one set of lines and the same totals.
 */
@QuarkusTest
class RetriedWritesTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Test
    void createPolicyTwiceIsAlreadyExistsAndChangesNothing() throws Exception {
        CreatePolicyRequest request = PolicyRequests.pboc2002As("RETRY-POL", LocalDate.of(2024, 1, 1));
        Policy first = provision.createPolicy(request);
        Map<String, String> tablesBefore = TableFingerprints.of(dataSource, "provision_policy", "provision_policy_rate");
        long auditBefore = count("SELECT count(*) FROM audit_event");

        assertThatThrownBy(() -> provision.createPolicy(request)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));

        assertThat(TableFingerprints.of(dataSource, "provision_policy", "provision_policy_rate")).isEqualTo(tablesBefore);
        assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(auditBefore);
        assertThat(provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("RETRY-POL").setVersion(1).build())).isEqualTo(first);
    }

    @Test
    void runProvisioningTwiceReturnsTheSameRunWithOneSetOfLines() {
        provision.createPolicy(PolicyRequests.pboc2002As("RETRY-RUN", LocalDate.of(2024, 1, 1)));
        RunProvisioningRequest request = RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.DEC))
                .setPolicyCode("RETRY-RUN").setPolicyVersion(1).build();

        RunProvisioningProgress first = last(request);
        RunProvisioningProgress second = last(request);

        assertThat(first.getPhase()).isEqualTo(RunPhase.RUN_PHASE_COMPLETED);
        assertThat(second.getPhase()).isEqualTo(RunPhase.RUN_PHASE_REUSED);
        ProvisionRun run = first.getRun();
        assertThat(second.getRun()).isEqualTo(run);
        assertThat(run.getAllowance().getAmount()).isEqualTo("99598.78");
        assertThat(count("SELECT count(*) FROM provision_run WHERE policy_code = 'RETRY-RUN'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM provision_line WHERE run_id = " + run.getRunId())).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM provision_run_category WHERE run_id = " + run.getRunId())).isEqualTo(5);
        assertThat(provision.getRun(GetRunRequest.newBuilder().setRunId(run.getRunId()).build())).isEqualTo(run);
    }

    private RunProvisioningProgress last(RunProvisioningRequest request) {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(request).forEachRemaining(progress::add);
        return progress.get(progress.size() - 1);
    }

    private long count(String sql) {
        return TestDatabase.count(dataSource, sql);
    }
}
