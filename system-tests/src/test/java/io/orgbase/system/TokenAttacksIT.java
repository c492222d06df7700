package io.orgbase.system;

import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access-token verification against the known attacks: other algorithms (none, HS256 keyed with
 * the public key), foreign and unknown keys, keys smuggled in headers, and wrong, expired or
 * not-yet-valid claims. Each forged token differs from a valid one in one respect only.
 */
class TokenAttacksIT {

    private Session user;
    private RSAPrivateCrtKey orgbaseKey;
    private String keyId;
    private KeyPair attacker;

    @BeforeEach
    void keys() throws Exception {
        user = Fixtures.newUser();
        orgbaseKey = Tokens.orgbaseKey();
        JsonObject jwks = Api.anonymous().get("/.well-known/jwks.json").json();
        keyId = jwks.getJsonArray("keys").getJsonObject(0).getString("kid");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        attacker = generator.generateKeyPair();
    }

    private JwtClaims claims() {
        return Tokens.claims(user.id().toString(), user.email());
    }

    private static void refused(String token) {
        assertProblem(Api.anonymous().withToken(token).get("/api/v1/me"), 401);
    }

    @Test
    void aCorrectlyForgedTokenIsAcceptedSoTheOthersFailForTheirOneFlaw() throws Exception {
        String valid = Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, keyId);
        assertThat(Api.anonymous().withToken(valid).get("/api/v1/me").status()).isEqualTo(200);
    }

    /**
     * A token once verified is remembered (Payara answers it from the verified-token cache): that
     * must vouch for its exact text only, not for a token that shares its claims or its signature.
     */
    @Test
    void aTokenVerifiedBeforeVouchesForNoOtherText() throws Exception {
        String valid = Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, keyId);
        for (int i = 0; i < 3; i++) {
            assertThat(Api.anonymous().withToken(valid).get("/api/v1/me").status())
                    .isEqualTo(200);
        }
        String[] parts = valid.split("\\.");
        String forged = Tokens.sign(claims(), attacker.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, keyId);
        String[] forgedParts = forged.split("\\.");
        refused(parts[0] + "." + parts[1] + "." + forgedParts[2]); // the claims with another signature
        refused(forgedParts[0] + "." + forgedParts[1] + "." + parts[2]); // the signature under other claims
        JwtClaims admin = claims();
        admin.setStringListClaim("groups", "user", "platform-admin");
        String elevated = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(admin.toJson().getBytes(StandardCharsets.UTF_8));
        refused(parts[0] + "." + elevated + "." + parts[2]); // more groups, the verified signature
        assertThat(Api.anonymous().withToken(valid).get("/api/v1/me").status()).isEqualTo(200);
    }

    /**
     * Tokens the runtime's verifier passes (signed with Orgbase's key) but Orgbase's policy refuses
     * are refused every time they come: a refusal is never remembered as a verification. Nor is
     * another spelling of a valid token (Payara's Base64 decoding skips stray characters).
     */
    @Test
    void whatThePolicyRefusesStaysRefused() throws Exception {
        JwtClaims notYet = claims();
        notYet.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        JsonWebSignature pointed = base(orgbaseKey);
        pointed.setHeader("jku", "https://attacker.example/keys.json");
        String valid = Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, keyId);
        String signature = valid.substring(valid.lastIndexOf('.') + 1);
        String respelt = valid.substring(0, valid.lastIndexOf('.') + 1) + signature.substring(0, 5) + "!"
                + signature.substring(5);
        for (String token : new String[] {
            Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, "unknown-key"),
            Tokens.sign(notYet, orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, keyId),
            pointed.getCompactSerialization(),
            respelt
        }) {
            for (int i = 0; i < 3; i++) {
                refused(token);
            }
        }
        assertThat(Api.anonymous().withToken(valid).get("/api/v1/me").status()).isEqualTo(200);
        refused(respelt);
    }

    @Test
    void jwksPublishesOnlyPublicRs256Keys() {
        Api.Reply jwks = Api.anonymous().get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        JsonObject key = jwks.json().getJsonArray("keys").getJsonObject(0);
        assertThat(key.getString("kty")).isEqualTo("RSA");
        assertThat(key.getString("alg")).isEqualTo("RS256");
        assertThat(key.containsKey("d")).isFalse();
        assertThat(key.containsKey("p")).isFalse();
    }

    @Test
    void otherAlgorithmsAreRefused() throws Exception {
        byte[] publicKeyBytes = Base64.getMimeEncoder()
                .encodeToString(((RSAPublicKey) publicKey()).getEncoded())
                .getBytes(StandardCharsets.US_ASCII);
        refused(Tokens.sign(
                claims(), new SecretKeySpec(publicKeyBytes, "HmacSHA256"), AlgorithmIdentifiers.HMAC_SHA256, keyId));
        refused(Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA384, keyId));
        refused(Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_PSS_USING_SHA256, keyId));

        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims().toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        refused(none.getCompactSerialization());
    }

    @Test
    void foreignUnknownAndMissingKeysAreRefused() throws Exception {
        refused(Tokens.sign(claims(), attacker.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, keyId));
        refused(Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, "unknown-key"));
        refused(Tokens.sign(claims(), orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, null));
    }

    @Test
    void keysPointedToOrEmbeddedInTheHeaderAreRefused() throws Exception {
        for (String header : new String[] {"jku", "x5u"}) {
            JsonWebSignature jws = base(attacker.getPrivate());
            jws.setHeader(header, "https://attacker.example/keys.json");
            refused(jws.getCompactSerialization());
            JsonWebSignature ours = base(orgbaseKey);
            ours.setHeader(header, "https://attacker.example/keys.json");
            refused(ours.getCompactSerialization());
        }
        JsonWebSignature embedded = base(attacker.getPrivate());
        embedded.setJwkHeader(new RsaJsonWebKey((RSAPublicKey) attacker.getPublic()));
        refused(embedded.getCompactSerialization());
    }

    @Test
    void wrongIssuerAudienceOrLifetimeIsRefused() throws Exception {
        JwtClaims issuer = claims();
        issuer.setIssuer("https://attacker.example");
        JwtClaims audience = claims();
        audience.setAudience("some-other-service");
        JwtClaims expired = claims();
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
        JwtClaims notYet = claims();
        notYet.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        JwtClaims issuedInTheFuture = claims();
        issuedInTheFuture.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        for (JwtClaims flawed : new JwtClaims[] {issuer, audience, expired, notYet, issuedInTheFuture}) {
            refused(Tokens.sign(flawed, orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, keyId));
        }
    }

    @Test
    void tokensWithinTheClockSkewAreAccepted() throws Exception {
        JwtClaims slightlyAhead = claims();
        slightlyAhead.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 20));
        slightlyAhead.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 20));
        String token = Tokens.sign(slightlyAhead, orgbaseKey, AlgorithmIdentifiers.RSA_USING_SHA256, keyId);
        assertThat(Api.anonymous().withToken(token).get("/api/v1/me").status()).isEqualTo(200);
    }

    private JsonWebSignature base(java.security.PrivateKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keyId);
        return jws;
    }

    private java.security.PublicKey publicKey() throws Exception {
        return java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.RSAPublicKeySpec(
                        orgbaseKey.getModulus(), orgbaseKey.getPublicExponent()));
    }
}
