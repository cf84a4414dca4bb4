package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.provision.fake.FakeLoanRisk;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** loan-risk's client pointed at a closed port: the run fails UNAVAILABLE naming loan-risk after its retries, and leaves no run. */
@QuarkusTest
@TestProfile(UnreachableLoanRiskGrpcTest.ClosedPort.class)
class UnreachableLoanRiskGrpcTest {

    public static class ClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.clients.loan-risk.test-port", "9299", "provision.run.max-attempts", "2");
        }
    }

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @Inject
    DataSource dataSource;

    @Test
    void anUnreachableLoanRiskIsUnavailableNamingItAndLeavesNoRun() throws Exception {
        assertThatThrownBy(() -> provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.DEC))
                .setPolicyCode("PBOC-2002").build()).forEachRemaining(p -> { }))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).startsWith("loan-risk unavailable: UNAVAILABLE");
                });
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery("SELECT count(*) FROM provision_run WHERE as_of = DATE '2024-12-31'")) {
            row.next();
            assertThat(row.getLong(1)).isZero();
        }
    }
}
