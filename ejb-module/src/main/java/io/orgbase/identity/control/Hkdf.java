package io.orgbase.identity.control;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA-256 (RFC 5869): derives keys for separate purposes from one secret. */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {}

    /**
     * @param salt optional (null or empty: a string of zeros, as the RFC says)
     * @param length at most 255 × 32 bytes
     */
    public static byte[] derive(byte[] inputKey, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 derives 1 to 8160 bytes, not " + length);
        }
        try {
            Mac extract = Mac.getInstance(HMAC);
            extract.init(new SecretKeySpec(salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt, HMAC));
            byte[] pseudoRandomKey = extract.doFinal(inputKey);
            Mac expand = Mac.getInstance(HMAC);
            expand.init(new SecretKeySpec(pseudoRandomKey, HMAC));
            ByteArrayOutputStream output = new ByteArrayOutputStream(length + HASH_LENGTH);
            byte[] block = new byte[0];
            for (int counter = 1; output.size() < length; counter++) {
                expand.update(block);
                expand.update(info);
                expand.update((byte) counter);
                block = expand.doFinal();
                output.write(block, 0, block.length);
            }
            byte[] derived = new byte[length];
            System.arraycopy(output.toByteArray(), 0, derived, 0, length);
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
