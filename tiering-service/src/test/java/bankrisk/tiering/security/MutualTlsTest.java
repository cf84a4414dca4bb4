package bankrisk.tiering.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import bank.tiering.v1.GetCustomerRequest;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.common.security.Roles;
import bankrisk.testing.SampleTls;
import bankrisk.testing.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * TLS as an operator turns it on, with nothing but configuration: gRPC with mutual TLS (a client certificate from
 * the bank's CA is required, then the bearer token still is) and HTTPS only on the HTTP side. Uses the sample
 * certificates of deploy/dev-keys/tls, its own ports and its own database.
 */
@QuarkusTest
@TestProfile(MutualTlsTest.MutualTls.class)
class MutualTlsTest {

    static final int GRPC_PORT = 9011;
    static final int HTTP_PORT = 8091;
    static final int HTTPS_PORT = 8491;

    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = SampleTls.mutualTlsServer(GRPC_PORT);
            config.put("quarkus.http.test-port", Integer.toString(HTTP_PORT));
            config.put("quarkus.http.test-ssl-port", Integer.toString(HTTPS_PORT));
            config.put("quarkus.tls.key-store.pem.0.cert", tls("service.crt"));
            config.put("quarkus.tls.key-store.pem.0.key", tls("service.key"));
            config.put("quarkus.http.insecure-requests", "disabled");
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/tiering_tls_test");
            return config;
        }
    }

    static String tls(String file) {
        return SampleTls.file(file).toString();
    }

    @Test
    void aClientCertificateFromTheBankCaAndATokenGetThrough() throws Exception {
        ManagedChannel channel = SampleTls.channel(GRPC_PORT, true);
        try {
            var tiering = TieringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> tiering.withCallCredentials(TestTokens.as("tier-admin-1", Roles.TIER_ADMIN))
                    .getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("C-404").build()))
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
            // TLS proves the channel, not the caller: without a token the call is still refused.
            assertThatThrownBy(() -> tiering.getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("C-404").build()))
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() throws Exception {
        assertRefused(SampleTls.channel(GRPC_PORT, false));
    }

    @Test
    void plaintextGrpcIsRefused() {
        assertRefused(NettyChannelBuilder.forAddress("localhost", GRPC_PORT).usePlaintext().build());
    }

    /** Even with a valid token, the call never reaches the service: the connection itself is refused. */
    private static void assertRefused(ManagedChannel channel) {
        try {
            assertThatThrownBy(() -> TieringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .withCallCredentials(TestTokens.as("tier-admin-1", Roles.TIER_ADMIN))
                    .getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("C-404").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void healthIsServedOverHttpsAndPlainHttpIsOff() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(Path.of(tls("ca.crt")))).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> ready = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + HTTPS_PORT + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\": \"UP\"");

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    private static SSLContext trusting(Path caCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
