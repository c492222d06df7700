package io.orgbase.identity.control;

import io.orgbase.identity.TotpCredential;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * TOTP secrets are kept sealed (AES-GCM under a key derived from the data key for this purpose),
 * bound to their user: a database dump holds no working second factor, and a secret moved to
 * another user's row does not open. Secrets stored before sealing still open and are sealed at
 * the next start ({@code SecretsAtRest}).
 */
@ApplicationScoped
public class TotpSecrets {

    private static final String PURPOSE = "totp-secret";

    public String seal(UUID userId, String secret) {
        return DataKeys.current().sealText(PURPOSE, userId.toString(), secret);
    }

    public String open(TotpCredential credential) {
        return DataKeys.current().openText(PURPOSE, credential.getUserId().toString(), credential.getSecret());
    }

    /** Whether the stored secret wants sealing again (stored plain, or with a previous key). */
    public boolean wantsSealing(TotpCredential credential) {
        return !DataKeys.current().sealedWithCurrent(credential.getSecret());
    }
}
