package io.orgbase.api;

import io.orgbase.identity.control.SigningKeys;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.Unauthenticated;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks on an access token beyond what MicroProfile JWT verifies, so that the rules hold whatever
 * the runtime's implementation does: RS256 only, a key id of one of our keys, no header that
 * points at a key elsewhere, and not issued or valid-from in the future (60 s clock skew). Its text
 * is the one canonical form of what was signed: three parts of base64url without padding, each
 * decoding to bytes that encode back to the same text, at most {@link #MAX_LENGTH} characters.
 * (Payara's decoder skips characters outside the alphabet; without this, one signed token could be
 * sent as any number of different texts, each verified, and remembered, anew.)
 */
final class TokenPolicy {

    static final long CLOCK_SKEW_SECONDS = 60;
    /** Orgbase's tokens are under 1,000 characters; a little room for longer names and emails. */
    static final int MAX_LENGTH = 4_096;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("jku", "x5u", "jwk", "x5c", "crit");

    private TokenPolicy() {}

    /**
     * @return the token's key id
     * @throws Unauthenticated naming nothing about which rule the token broke
     */
    static String check(String rawToken) {
        String[] parts = rawToken == null || rawToken.length() > MAX_LENGTH ? new String[0] : rawToken.split("\\.", -1);
        if (parts.length != 3) {
            throw refused();
        }
        for (String part : parts) {
            if (!canonical(part)) {
                throw refused();
            }
        }
        JsonObject header = decode(parts[0]);
        JsonObject claims = decode(parts[1]);
        if (!"RS256".equals(header.getString("alg", null))
                || !SigningKeys.current().keyIds().contains(header.getString("kid", ""))
                || FORBIDDEN_HEADERS.stream().anyMatch(header::containsKey)) {
            throw refused();
        }
        long latest = Instant.now().getEpochSecond() + CLOCK_SKEW_SECONDS;
        if (after(claims, "nbf", latest) || after(claims, "iat", latest)) {
            throw refused();
        }
        return header.getString("kid");
    }

    private static boolean canonical(String part) {
        if (!BASE64URL.matcher(part).matches()) {
            return false;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean after(JsonObject claims, String name, long latest) {
        return claims.get(name) instanceof JsonNumber number && number.longValue() > latest;
    }

    private static JsonObject decode(String part) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(
                new StringReader(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IllegalArgumentException | JsonException | ClassCastException e) {
            throw refused();
        }
    }

    private static Unauthenticated refused() {
        return new Unauthenticated("A valid bearer token is required.");
    }
}
