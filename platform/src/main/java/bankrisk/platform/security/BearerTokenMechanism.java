package bankrisk.platform.security;

import jakarta.inject.Singleton;

import io.grpc.Metadata;
import io.quarkus.grpc.auth.GrpcSecurityMechanism;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;

/**
 * Reads {@code authorization: Bearer <jwt>} from a gRPC call's metadata and hands the token to smallrye-jwt, which
 * verifies signature, issuer and expiry against {@code mp.jwt.verify.*}. A call without it stays anonymous, and
 * every RPC admits named roles only, so an anonymous call gets {@code UNAUTHENTICATED}.
 */
@Singleton
public class BearerTokenMechanism implements GrpcSecurityMechanism {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String SCHEME = "Bearer ";

    @Override
    public boolean handles(Metadata metadata) {
        String value = metadata.get(AUTHORIZATION);
        return value != null && value.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    @Override
    public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
        String token = metadata.get(AUTHORIZATION).substring(SCHEME.length()).trim();
        return new TokenAuthenticationRequest(new JsonWebTokenCredential(token));
    }
}
