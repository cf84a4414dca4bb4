package bankrisk.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs the bearer tokens the services verify (RS256, MicroProfile JWT claims: {@code iss}, {@code sub},
 * {@code upn}, {@code groups}, {@code iat}, {@code exp}, {@code jti}). Used by the token tool for people and by a
 * service for its own identity when it calls another.
 */
public final class TokenSigner {

    private final PrivateKey key;
    private final String issuer;

    public TokenSigner(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** A signer from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
    public static TokenSigner fromPem(Path pemFile, String issuer) {
        try {
            return new TokenSigner(readPrivateKey(Files.readString(pemFile, StandardCharsets.US_ASCII)), issuer);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + pemFile + ": " + e.getMessage(), e);
        }
    }

    public String sign(String subject, Collection<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.copyOf(roles));
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    static PrivateKey readPrivateKey(String pem) {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the private key must be PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA private key: " + e.getMessage(), e);
        }
    }
}
