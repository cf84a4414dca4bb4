package bankrisk.provision.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.provision.fake.ServiceTokenCheck;
import bankrisk.testing.SampleTls;
import bankrisk.testing.TestTokens;
import io.grpc.ManagedChannel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Mutual TLS between the services, by configuration only: the gRPC server requires a client certificate from the
 * bank's CA (sample CA of deploy/dev-keys/tls), and provision's clients of loan-risk and tiering present one. The
 * fake upstream services are served by the same mTLS server, so a completed run proves provision's own calls went
 * through mutual TLS, carrying its service token on top.
 */
@QuarkusTest
@TestProfile(MutualTlsUpstreamTest.MutualTls.class)
class MutualTlsUpstreamTest {

    static final int GRPC_PORT = 9211;

    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = SampleTls.mutualTlsServer(GRPC_PORT);
            config.put("quarkus.http.test-port", "8291");
            config.put("quarkus.grpc.clients.loan-risk.test-port", Integer.toString(GRPC_PORT));
            config.put("quarkus.grpc.clients.tiering.test-port", Integer.toString(GRPC_PORT));
            config.put("UPSTREAM_TLS_CA", tls("ca.crt"));
            config.put("UPSTREAM_TLS_CERTIFICATE", tls("client.crt"));
            config.put("UPSTREAM_TLS_KEY", tls("client.key"));
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/provision_tls_test");
            return config;
        }
    }

    static String tls(String file) {
        return SampleTls.file(file).toString();
    }

    @Test
    void aRunReadsLoanRiskOverMutualTls() throws Exception {
        ServiceTokenCheck.VERIFIED.clear();
        ManagedChannel channel = SampleTls.channel(GRPC_PORT, true);
        try {
            List<RunProvisioningProgress> progress = new ArrayList<>();
            ProvisionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .withCallCredentials(TestTokens.as("finance-1", Roles.FINANCE))
                    .runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.NOV))
                            .setPolicyCode("PBOC-2002").setPolicyVersion(1).build())
                    .forEachRemaining(progress::add);

            RunProvisioningProgress last = progress.get(progress.size() - 1);
            assertThat(last.hasRun()).isTrue();
            assertThat(last.getRun().getLoanCount()).isPositive();
            assertThat(ServiceTokenCheck.VERIFIED).extracting(ServiceTokenCheck.VerifiedCall::method)
                    .contains("bank.loanrisk.v1.SnapshotService/GetSnapshot", "bank.loanrisk.v1.SnapshotService/StreamSnapshotGradeBatches");
        } finally {
            channel.shutdownNow();
        }
    }
}
