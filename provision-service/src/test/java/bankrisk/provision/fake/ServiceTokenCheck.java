package bankrisk.provision.fake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import bankrisk.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * What loan-risk and tiering check of provision-service's calls, done here by the stubs themselves at the gRPC
 * boundary (independently of the service's own verification): a bearer JWT signed with the sample key
 * ({@code deploy/dev-keys/jwt-public.pem}), issuer {@code bankrisk}, subject {@code provision-service}, role
 * {@code service}. Anything else is refused UNAUTHENTICATED; each verified call is remembered for the tests.
 */
@ApplicationScoped
public class ServiceTokenCheck implements ServerInterceptor {

    /** A call the stub accepted: its method, the token's subject and roles. */
    public record VerifiedCall(String method, String subject, List<String> roles) {
    }

    public static final List<VerifiedCall> VERIFIED = new CopyOnWriteArrayList<>();
    public static final List<String> REFUSED = new CopyOnWriteArrayList<>();

    private final JwtConsumer consumer;

    ServiceTokenCheck() throws Exception {
        String pem = Files.readString(TestTokens.publicKey(), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        consumer = new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(TestTokens.ISSUER).setRequireExpirationTime()
                .setRequireSubject().build();
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        String authorization = headers.get(TestTokens.AUTHORIZATION);
        try {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                throw new IllegalArgumentException("no bearer token");
            }
            JwtClaims claims = consumer.processToClaims(authorization.substring("Bearer ".length()));
            List<String> roles = claims.getStringListClaimValue("groups");
            if (!"provision-service".equals(claims.getSubject()) || !roles.contains("service")) {
                throw new IllegalArgumentException("subject " + claims.getSubject() + " roles " + roles);
            }
            VERIFIED.add(new VerifiedCall(method, claims.getSubject(), roles));
        } catch (Exception refused) {
            REFUSED.add(method + ": " + refused.getMessage());
            call.close(Status.UNAUTHENTICATED.withDescription("stub refused the service token: " + refused.getMessage()), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
