package bankrisk.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

class TokenSignerTest {

    private static final Path DEV_KEYS = Path.of("..", "deploy", "dev-keys");

    @Test
    void signsTokensThePublicKeyVerifies() throws Exception {
        TokenSigner signer = TokenSigner.fromPem(DEV_KEYS.resolve("jwt-private.pem"), "https://bankrisk.local");

        String token = signer.sign("alice", List.of(Roles.FINANCE, Roles.AUDITOR), Duration.ofMinutes(5));

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(publicKey())
                .setExpectedIssuer("https://bankrisk.local")
                .setRequireExpirationTime()
                .build()
                .processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("finance", "auditor");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300);
        assertThat(claims.getJwtId()).isNotBlank();
    }

    @Test
    void anExpiredTokenIsRefusedByTheVerifier() throws Exception {
        TokenSigner signer = TokenSigner.fromPem(DEV_KEYS.resolve("jwt-private.pem"), "https://bankrisk.local");

        String token = signer.sign("alice", List.of(Roles.FINANCE), Duration.ofMinutes(-5));

        assertThatThrownBy(() -> new JwtConsumerBuilder().setVerificationKey(publicKey())
                .setRequireExpirationTime().build().processToClaims(token))
                .isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("no longer valid");
    }

    @Test
    void refusesAKeyThatIsNotPkcs8() {
        assertThatThrownBy(() -> TokenSigner.readPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#8");
    }

    private static PublicKey publicKey() throws Exception {
        String pem = java.nio.file.Files.readString(DEV_KEYS.resolve("jwt-public.pem"));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", ""));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
