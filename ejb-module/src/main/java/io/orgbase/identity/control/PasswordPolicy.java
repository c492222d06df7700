package io.orgbase.identity.control;

import io.orgbase.problems.InvalidInput;
import java.util.Locale;

/** Minimum rules for a new password (OWASP ASVS: length over composition rules). */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {}

    /** @throws InvalidInput naming {@code field} when the password is too short, too long or the email */
    public static void check(String field, String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw InvalidInput.field(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw InvalidInput.field(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (email != null && password.toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
            throw InvalidInput.field(field, "must not be the email address");
        }
    }
}
