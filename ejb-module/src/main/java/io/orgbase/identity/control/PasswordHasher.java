package io.orgbase.identity.control;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet parameters (19 MiB, 2 passes, 1 lane). The
 * PHC string carries its parameters, so stronger settings later still verify old hashes.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /** Spent on unknown accounts, so a login takes as long whether or not the email exists. */
    private final String decoy = hash("decoy-password-that-never-matches");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /**
     * Whether the password is the hashed one. A stored value that is no Argon2 hash (an account
     * created without a password) matches nothing, after the same time a real check takes.
     */
    public boolean matches(String password, String hash) {
        if (hash == null || !hash.startsWith("$argon2")) {
            burnTime(password);
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Burns the same time as a real check, for callers that have no hash to check against. */
    public void burnTime(String password) {
        matches(password, decoy);
    }
}
