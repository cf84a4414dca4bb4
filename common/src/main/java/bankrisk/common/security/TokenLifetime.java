package bankrisk.common.security;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a bearer token may be valid. A stolen token is a login for as long as it lives, so the services refuse a
 * token valid for longer than the maximum ({@code bankrisk.security.max-token-lifetime}, {@link #DEFAULT_MAX} by
 * default) even when its signature, issuer and expiry are good: judged by its own claims ({@code exp − iat}) and,
 * because an issuer could also date {@code iat} ahead, by what is left of it ({@code exp − now}). Identity providers
 * issue access tokens for minutes (Keycloak: 5 minutes, ADFS and Azure AD: about an hour); provision-service's own
 * tokens live 5 minutes, the CLI's at most {@link #DEFAULT_MAX}.
 */
public final class TokenLifetime {

    /** The default maximum: a working day with room to spare. */
    public static final Duration DEFAULT_MAX = Duration.ofHours(12);
    /** Clocks of issuer and service may differ by this much. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private TokenLifetime() {
    }

    /**
     * Why a token with these claims (epoch seconds; {@code issuedAt} 0 when absent) is valid for too long at
     * {@code now}, or empty when it is not.
     */
    public static Optional<String> tooLong(long issuedAt, long expiresAt, long now, Duration max) {
        if (issuedAt > 0 && expiresAt - issuedAt > max.toSeconds()) {
            return Optional.of("the token is valid for " + Duration.ofSeconds(expiresAt - issuedAt) + " (exp - iat), longer than "
                    + max);
        }
        if (expiresAt - now > max.plus(CLOCK_SKEW).toSeconds()) {
            return Optional.of("the token is valid for another " + Duration.ofSeconds(expiresAt - now) + ", longer than " + max);
        }
        return Optional.empty();
    }
}
