package io.orgbase.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How and when the session behind a user's access token began: the {@code auth_time} and {@code
 * amr} claims (RFC 8176 method values), carried unchanged through refreshes.
 *
 * @param at null when the token does not say (issued before tokens carried it)
 */
public record SignIn(Instant at, List<String> methods) {

    public SignIn {
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** The methods of a sign-in with a password, then a second factor, or through the external identity provider. */
    public static List<String> methodsOf(String how) {
        return switch (how) {
            case "password" -> List.of("pwd");
            case "second-factor" -> List.of("pwd", "otp", "mfa");
                // The external identity provider is trusted to have authenticated the person with
                // whatever factors it requires (Orgbase does not ask for its own second factor then).
            case "oidc" -> List.of("mfa");
            default -> throw new IllegalArgumentException("unknown sign-in method " + how);
        };
    }

    public boolean multiFactor() {
        return methods.contains("mfa");
    }

    /** Whether the sign-in is older than {@code limit} at {@code now} (unknown counts as too old). */
    public boolean olderThan(Duration limit, Instant now) {
        return at == null || at.plus(limit).isBefore(now);
    }
}
