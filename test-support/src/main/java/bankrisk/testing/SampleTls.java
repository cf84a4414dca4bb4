package bankrisk.testing;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * The sample TLS material of deploy/dev-keys/tls as tests use it: the configuration an operator sets for a gRPC
 * server that requires client certificates from the bank's CA, and a client channel that presents one.
 */
public final class SampleTls {

    private SampleTls() {
    }

    public static File file(String name) {
        return TestTokens.devKeys().resolve("tls").resolve(name).toFile();
    }

    /** Quarkus configuration of a gRPC server on {@code grpcPort} with mutual TLS required. */
    public static Map<String, String> mutualTlsServer(int grpcPort) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.grpc.server.test-port", Integer.toString(grpcPort));
        config.put("quarkus.grpc.server.ssl.certificate", file("service.crt").toString());
        config.put("quarkus.grpc.server.ssl.key", file("service.key").toString());
        config.put("quarkus.grpc.server.ssl.trust-store", file("truststore.p12").toString());
        config.put("quarkus.grpc.server.ssl.trust-store-password", "changeit");
        config.put("quarkus.grpc.server.ssl.client-auth", "REQUIRED");
        return config;
    }

    /** A channel to {@code localhost:port} trusting the sample CA and, when {@code withClientCertificate}, presenting the client certificate. */
    public static ManagedChannel channel(int port, boolean withClientCertificate) throws SSLException {
        SslContextBuilder ssl = SslContextBuilder.forClient().trustManager(file("ca.crt"));
        if (withClientCertificate) {
            ssl.keyManager(file("client.crt"), file("client.key"));
        }
        return NettyChannelBuilder.forAddress("localhost", port).sslContext(GrpcSslContexts.configure(ssl).build()).build();
    }
}
