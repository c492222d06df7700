package io.orgbase.identity.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque bearer secrets (refresh tokens, later API keys): 256 random bits with a recognisable
 * prefix, stored only as SHA-256. A fast hash is enough because the secret itself has full entropy.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A recovery code: 80 random bits as four groups of four base32 characters, e.g. {@code ABCD-EFGH-...}. */
    public static String recoveryCode() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        String base32 = new org.apache.commons.codec.binary.Base32().encodeToString(bytes);
        return String.join(
                "-", base32.substring(0, 4), base32.substring(4, 8), base32.substring(8, 12), base32.substring(12, 16));
    }

    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
