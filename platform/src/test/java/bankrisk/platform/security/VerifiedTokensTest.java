package bankrisk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;

class VerifiedTokensTest {

    static final long EXP = 1_000_000;

    /** smallrye-jwt's validator stand-in: accepts tokens starting with "good" (exp {@link #EXP}), counts calls. */
    static class CountingValidator extends MpJwtValidator {
        final List<String> verified = new ArrayList<>();

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            String token = request.getToken().getToken();
            verified.add(token);
            if (!token.startsWith("good")) {
                return Uni.createFrom().failure(new AuthenticationFailedException("refused"));
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(jwt(token, EXP)).addRole("r").build());
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        long second = EXP - 100;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(second);
        }
    }

    final CountingValidator validator = new CountingValidator();
    final MovableClock clock = new MovableClock();
    final VerifiedTokens tokens = new VerifiedTokens(validator, clock, Duration.ofHours(12));

    @Test
    void aTokenIsVerifiedOnceAndItsIdentityServedUntilItsExpiry() {
        SecurityIdentity first = authenticate("good-1");
        SecurityIdentity second = authenticate("good-1");

        assertThat(second).isSameAs(first);
        assertThat(second.getPrincipal().getName()).isEqualTo("good-1");
        assertThat(validator.verified).containsExactly("good-1");

        clock.second = EXP - 1;
        authenticate("good-1");
        assertThat(validator.verified).containsExactly("good-1");

        clock.second = EXP; // expired: smallrye-jwt decides again
        authenticate("good-1");
        assertThat(validator.verified).containsExactly("good-1", "good-1");
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        assertThatThrownBy(() -> authenticate("forged")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> authenticate("forged")).isInstanceOf(AuthenticationFailedException.class);

        assertThat(validator.verified).containsExactly("forged", "forged");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anExpiredKeptTokenIsRefusedWhenTheValidatorRefusesIt() {
        CountingValidator strict = new CountingValidator() {
            @Override
            public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
                verified.add(request.getToken().getToken());
                return verified.size() == 1 ? super.authenticate(request, context)
                        : Uni.createFrom().failure(new AuthenticationFailedException("expired"));
            }
        };
        VerifiedTokens cache = new VerifiedTokens(strict, clock, Duration.ofHours(12));
        cache.authenticate(request("good-2"), null).await().indefinitely();

        clock.second = EXP + 1;

        assertThatThrownBy(() -> cache.authenticate(request("good-2"), null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenValidForLongerThanTheMaximumIsRefusedAndNeverKept() {
        // Signed by the trusted key, unexpired, but valid until 2999 (exp - iat: 977 years), or with iat dated ahead so
        // that exp - iat looks short while 977 years remain.
        long year2999 = 32_503_680_000L;
        CountingValidator longLived = new CountingValidator() {
            @Override
            public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
                String token = request.getToken().getToken();
                verified.add(token);
                long iat = token.equals("iat-ahead") ? year2999 - 60 : clock.second;
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(jwt(token, iat, year2999)).build());
            }
        };
        VerifiedTokens cache = new VerifiedTokens(longLived, clock, Duration.ofHours(12));

        for (String token : List.of("exp-2999", "iat-ahead")) {
            assertThatThrownBy(() -> cache.authenticate(request(token), null).await().indefinitely())
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("longer than PT12H");
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenOfExactlyTheMaximumLifetimeIsAccepted() {
        CountingValidator twelveHours = new CountingValidator() {
            @Override
            public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(jwt("alice", clock.second, clock.second + 12 * 3600)).build());
            }
        };

        assertThat(new VerifiedTokens(twelveHours, clock, Duration.ofHours(12)).authenticate(request("t"), null).await().indefinitely()
                .getPrincipal().getName()).isEqualTo("alice");
    }

    @Test
    void theCacheStaysBounded() {
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES * 3; i++) {
            authenticate("good-" + i);
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
    }

    private SecurityIdentity authenticate(String token) {
        return tokens.authenticate(request(token), null).await().indefinitely();
    }

    private static TokenAuthenticationRequest request(String token) {
        return new TokenAuthenticationRequest(new JsonWebTokenCredential(token));
    }

    static JsonWebToken jwt(String name, long exp) {
        return jwt(name, exp - 3600, exp);
    }

    static JsonWebToken jwt(String name, long iat, long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp", "iat");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return switch (claimName) {
                    case "exp" -> (T) Long.valueOf(exp);
                    case "iat" -> (T) Long.valueOf(iat);
                    default -> null;
                };
            }
        };
    }
}
