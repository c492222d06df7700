package io.orgbase.identity.control;

import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bounds on presented credentials, checked before anything is hashed, counted or stored: an email
 * longer than any address (RFC 5321: 254) or a password longer than any password Orgbase accepts
 * cannot match, and would otherwise cost a hash and land in the throttle table and audit chain.
 */
public final class Credentials {

    public static final int MAX_EMAIL_LENGTH = 254;

    private Credentials() {}

    /** @throws InvalidInput naming each field that is too long */
    public static void requireBounded(String email, String password) {
        List<FieldError> errors = new ArrayList<>();
        if (email != null && email.length() > MAX_EMAIL_LENGTH) {
            errors.add(new FieldError("email", "must be at most " + MAX_EMAIL_LENGTH + " characters"));
        }
        passwordError("password", password).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** @throws InvalidInput naming {@code field} when the password is longer than any valid one */
    public static void requireBoundedPassword(String field, String password) {
        passwordError(field, password).ifPresent(error -> {
            throw new InvalidInput(List.of(error));
        });
    }

    private static Optional<FieldError> passwordError(String field, String password) {
        if (password != null && password.codePointCount(0, password.length()) > PasswordPolicy.MAX_LENGTH) {
            return Optional.of(new FieldError(field, "must be at most " + PasswordPolicy.MAX_LENGTH + " characters"));
        }
        return Optional.empty();
    }
}
