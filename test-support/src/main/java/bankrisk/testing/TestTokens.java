package bankrisk.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

import bankrisk.common.security.TokenSigner;
import io.grpc.CallCredentials;
import io.grpc.Metadata;

/**
 * Bearer tokens for tests, signed with the repository's sample key ({@code deploy/dev-keys}), which the services'
 * test profiles trust; and the tokens they must refuse (foreign key, expired).
 */
public final class TestTokens {

    /** The issuer the services expect unless {@code JWT_ISSUER} says otherwise. */
    public static final String ISSUER = "bankrisk";
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Duration LIFETIME = Duration.ofHours(1);

    private TestTokens() {
    }

    /** The directory of the sample keys, found from the working directory of a module or of the repository. */
    public static Path devKeys() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path keys = dir.resolve("deploy").resolve("dev-keys");
            if (Files.isDirectory(keys)) {
                return keys;
            }
        }
        throw new IllegalStateException("deploy/dev-keys not found above " + Path.of("").toAbsolutePath());
    }

    public static Path publicKey() {
        return devKeys().resolve("jwt-public.pem");
    }

    public static Path privateKey() {
        return devKeys().resolve("jwt-private.pem");
    }

    /** A valid token for {@code subject} with {@code roles}. */
    public static String token(String subject, String... roles) {
        return TokenSigner.fromPem(privateKey(), ISSUER).sign(subject, List.of(roles), LIFETIME);
    }

    /** Call credentials carrying a valid token, for {@code stub.withCallCredentials(...)}. */
    public static CallCredentials as(String subject, String... roles) {
        return bearer(token(subject, roles));
    }

    /** A token signed with a key the services do not trust. */
    public static String foreignToken(String subject, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TokenSigner(generator.generateKeyPair().getPrivate(), ISSUER).sign(subject, List.of(roles), LIFETIME);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token from the trusted key that expired ten minutes ago. */
    public static String expiredToken(String subject, String... roles) {
        return TokenSigner.fromPem(privateKey(), ISSUER).sign(subject, List.of(roles), Duration.ofMinutes(-10));
    }

    /**
     * A token from the trusted key that is valid until 2999: good signature, issuer and expiry, but longer-lived
     * than any service accepts ({@code bankrisk.security.max-token-lifetime}).
     */
    public static String longLivedToken(String subject, String... roles) {
        Duration untilYear2999 = Duration.between(Instant.now(), Instant.parse("2999-01-01T00:00:00Z"));
        return TokenSigner.fromPem(privateKey(), ISSUER).sign(subject, List.of(roles), untilYear2999);
    }

    /** Call credentials sending {@code token} as given (valid or not). */
    public static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    /** Headers carrying a valid token, for {@code GrpcClientUtils.attachHeaders(client, ...)} on injected clients. */
    public static Metadata headers(String subject, String... roles) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token(subject, roles));
        return headers;
    }

    /** The {@code Authorization} header value for REST calls. */
    public static String authorizationHeader(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }
}
