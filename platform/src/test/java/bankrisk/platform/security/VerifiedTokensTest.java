package bankrisk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
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
    final VerifiedTokens tokens = new VerifiedTokens(validator, clock);

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
        VerifiedTokens cache = new VerifiedTokens(strict, clock);
        cache.authenticate(request("good-2"), null).await().indefinitely();

        clock.second = EXP + 1;

        assertThatThrownBy(() -> cache.authenticate(request("good-2"), null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(cache.size()).isZero();
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
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
            }
        };
    }
}
