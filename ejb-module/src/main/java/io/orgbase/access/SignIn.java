package io.orgbase.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How and when the session behind a user's access token began: the {@code auth_time} and {@code
 * amr} claims (RFC 8176 method values), carried unchanged through refreshes.
 *
 * @param at null when the token does not say (issued before tokens carried it)
 */
public record SignIn(Instant at, List<String> methods) {

    public SignIn {
        methods = methods == null
                ? List.of()
                : methods.stream().filter(method -> !method.isBlank()).toList();
    }

    /** Methods kept as one space-separated string (possibly empty). */
    public static List<String> parse(String methods) {
        return Arrays.stream(methods.split(" "))
                .filter(method -> !method.isBlank())
                .toList();
    }

    /** RFC 8176 method values Orgbase passes on from an external identity provider. */
    private static final Set<String> REGISTERED = Set.of(
            "face", "fpt", "geo", "hwk", "iris", "kba", "mca", "mfa", "otp", "pin", "pop", "pwd", "rba", "retina", "sc",
            "sms", "swk", "tel", "user", "vbm", "wia");

    /** The methods of a sign-in with a password, then a second factor. */
    public static List<String> methodsOf(String how) {
        return switch (how) {
            case "password" -> List.of("pwd");
            case "second-factor" -> withSecondFactor(List.of("pwd"));
            default -> throw new IllegalArgumentException("unknown sign-in method " + how);
        };
    }

    /**
     * The methods of a sign-in through the external identity provider: the registered values of its
     * own {@code amr}, and {@code mfa} only when it says it used several factors (its {@code amr}
     * says {@code mfa}, or its {@code acr} is one the operator declared multi-factor).
     */
    public static List<String> external(List<String> providerMethods, boolean multiFactor) {
        Set<String> methods = new LinkedHashSet<>();
        providerMethods.stream().filter(REGISTERED::contains).forEach(methods::add);
        if (!multiFactor) {
            methods.remove("mfa");
        } else {
            methods.add("mfa");
        }
        return List.copyOf(methods);
    }

    /** The methods of a first factor completed by Orgbase's own TOTP. */
    public static List<String> withSecondFactor(List<String> first) {
        Set<String> methods = new LinkedHashSet<>(first);
        methods.add("otp");
        methods.add("mfa");
        return List.copyOf(methods);
    }

    public boolean multiFactor() {
        return methods.contains("mfa");
    }

    /** Whether the sign-in is older than {@code limit} at {@code now} (unknown counts as too old). */
    public boolean olderThan(Duration limit, Instant now) {
        return at == null || at.plus(limit).isBefore(now);
    }
}
