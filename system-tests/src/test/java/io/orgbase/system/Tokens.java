package io.orgbase.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/** Forges access tokens, with Orgbase's own key or another, to attack the verification. */
final class Tokens {

    private Tokens() {}

    static RSAPrivateCrtKey orgbaseKey() throws Exception {
        Path file = Orgbase.target().signingKeyFile();
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Claims of a valid token for {@code subject}; tests break one thing at a time. */
    static JwtClaims claims(String subject, String email) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("orgbase");
        claims.setAudience("orgbase");
        claims.setSubject(subject);
        claims.setClaim("upn", email);
        claims.setStringListClaim("groups", "user");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        return claims;
    }

    static String sign(JwtClaims claims, java.security.Key key, String algorithm, String keyId) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setDoKeyValidation(false);
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    /** The claims of a JWT this API issued, read without checking the signature. */
    static jakarta.json.JsonObject payload(String jwt) {
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(payload))) {
            return reader.readObject();
        }
    }
}
