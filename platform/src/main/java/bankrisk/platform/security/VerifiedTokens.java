package bankrisk.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import bankrisk.common.security.TokenLifetime;
import io.quarkus.security.AuthenticationFailedException;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;

/**
 * Verifies a bearer token once, not on every call: a client sends the same token for minutes, and parsing it and
 * checking its RS256 signature costs more than a whole read. The identity smallrye-jwt made from a token is kept,
 * keyed by the raw token, until the token's {@code exp}; from then on (and for every token not seen yet, and every
 * token smallrye-jwt refuses, which is never kept) smallrye-jwt decides as before. A token is kept only after it was
 * verified in full, and it is immutable, so a kept identity is the one a new verification would give until
 * {@code exp}.
 *
 * <p>A token valid for longer than {@code bankrisk.security.max-token-lifetime} ({@link TokenLifetime}) is refused
 * like a forged one, whatever its signature.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} tokens; when full, expired ones are dropped, and if that is not enough,
 * all of them (the next calls verify again).
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    static final int MAX_ENTRIES = 1024;

    private record Verified(SecurityIdentity identity, long expiresAtSecond) {
    }

    private static final Logger LOG = Logger.getLogger(VerifiedTokens.class);

    private final MpJwtValidator validator;
    private final Clock clock;
    private final Duration maxLifetime;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    VerifiedTokens(MpJwtValidator validator,
            @ConfigProperty(name = "bankrisk.security.max-token-lifetime", defaultValue = "PT12H") Duration maxLifetime) {
        this(validator, Clock.systemUTC(), maxLifetime);
    }

    VerifiedTokens(MpJwtValidator validator, Clock clock, Duration maxLifetime) {
        this.validator = validator;
        this.clock = clock;
        this.maxLifetime = maxLifetime;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before smallrye-jwt's validator, which it calls for what it has not verified. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Verified known = verified.get(token);
        if (known != null) {
            if (now() < known.expiresAtSecond()) {
                return Uni.createFrom().item(known.identity());
            }
            verified.remove(token, known);
        }
        return validator.authenticate(request, context).invoke(this::refuseIfValidTooLong).invoke(identity -> keep(token, identity));
    }

    private void refuseIfValidTooLong(SecurityIdentity identity) {
        if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
            Number issuedAt = jwt.getClaim("iat");
            TokenLifetime.tooLong(issuedAt == null ? 0 : issuedAt.longValue(), jwt.getExpirationTime(), now(), maxLifetime)
                    .ifPresent(why -> {
                        LOG.debugf("Refused the token of %s: %s", jwt.getName(), why);
                        throw new AuthenticationFailedException(why);
                    });
        }
    }

    private void keep(String token, SecurityIdentity identity) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return; // not a token we can tell the expiry of: verify it every time
        }
        if (verified.size() >= MAX_ENTRIES) {
            long now = now();
            verified.values().removeIf(v -> now >= v.expiresAtSecond());
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(identity, jwt.getExpirationTime()));
    }

    private long now() {
        return clock.millis() / 1000;
    }

    /** Tokens kept now (tests). */
    int size() {
        return verified.size();
    }
}
