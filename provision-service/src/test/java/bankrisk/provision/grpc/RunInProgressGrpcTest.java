package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.rpc.ErrorInfo;

import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.run.RunLock;
import bankrisk.common.security.Roles;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Scale-out guard of RunProvisioning: while another replica (here: the test, holding the same database lock) runs a
 * run key, a call for it is refused at once with the running job's id; once the lock is released it runs.
 */
@QuarkusTest
class RunInProgressGrpcTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Inject
    DataSource dataSource;

    @Test
    void aRunKeyInProgressElsewhereIsRefusedWithTheRunningJobsId() {
        RunProvisioningRequest request = RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.NOV))
                .setPolicyCode("PBOC-2002").setPolicyVersion(1).build();

        try (RunLock otherReplica = RunLock.acquire(dataSource, "provision/run-provisioning", FakeLoanRisk.NOV + " PBOC-2002 v1")) {
            StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                    () -> provision.runProvisioning(request).forEachRemaining(p -> { }));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            ErrorInfo info = StatusDetails.detail(refused, ErrorInfo.class).orElseThrow();
            assertThat(info.getReason()).isEqualTo("RUN_IN_PROGRESS");
            assertThat(info.getMetadataMap()).containsEntry("job_id", otherReplica.jobId())
                    .containsEntry("run_key", "provision/run-provisioning " + FakeLoanRisk.NOV + " PBOC-2002 v1");
        }

        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(request).forEachRemaining(progress::add);
        String jobId = progress.get(0).getJobId();
        assertThat(jobId).isNotEmpty();
        assertThat(progress).extracting(RunProvisioningProgress::getJobId).containsOnly(jobId);
        assertThat(progress.get(progress.size() - 1).getRun().getRunId()).isPositive();
    }
}
