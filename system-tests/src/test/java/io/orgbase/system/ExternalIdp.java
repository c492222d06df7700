package io.orgbase.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A stand-in for an enterprise identity provider: an HTTP server in the test JVM that publishes a
 * JWKS, and the private keys to sign tokens with. Orgbase is started trusting it (see {@link
 * Orgbase#settings()}); it stops with the test JVM.
 */
final class ExternalIdp {

    static final String ISSUER = "https://idp.it.example/realms/corp";
    static final String AUDIENCE = "orgbase-it";

    private static ExternalIdp instance;

    private final HttpServer server;
    private final List<RsaJsonWebKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();

    private ExternalIdp() throws IOException, JoseException {
        published.add(newKey("idp-1"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JsonWebKeySet(List.<JsonWebKey>copyOf(published))
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static synchronized ExternalIdp get() {
        if (instance == null) {
            try {
                instance = new ExternalIdp();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    int fetches() {
        return fetches.get();
    }

    static RsaJsonWebKey newKey(String keyId) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(keyId);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return key;
    }

    /** Publishes another key (the provider rotates), returning it. */
    RsaJsonWebKey rotate(String keyId) throws JoseException {
        RsaJsonWebKey key = newKey(keyId);
        published.add(key);
        return key;
    }

    RsaJsonWebKey currentKey() {
        return published.get(0);
    }

    /** Claims of a valid ID token for {@code email}; tests break one thing at a time. */
    static JwtClaims claims(String email) {
        return claims(email, "idp-user-" + Secrets.suffix());
    }

    /** Claims of a valid ID token for the provider's person {@code subject} with {@code email}. */
    static JwtClaims claims(String email, String subject) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("email", email);
        claims.setClaim("email_verified", true);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        return claims;
    }

    /** Signs with the provider's published key. */
    String sign(JwtClaims claims) throws Exception {
        return Tokens.sign(
                claims,
                currentKey().getPrivateKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256,
                currentKey().getKeyId());
    }
}
