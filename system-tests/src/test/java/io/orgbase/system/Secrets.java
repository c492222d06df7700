package io.orgbase.system;

import java.security.SecureRandom;
import java.util.Base64;

/** Test credentials are generated per run, never written down. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "pw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String suffix() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }
}
