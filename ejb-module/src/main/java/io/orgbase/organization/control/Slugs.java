package io.orgbase.organization.control;

import io.orgbase.problems.InvalidInput;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Organization slugs: 2-63 lowercase letters, digits and hyphens, starting with a letter (so a slug
 * is also a valid DNS label for subdomain routing). Words the API or the platform uses are
 * reserved, and a slug may not look like a UUID, because {@code {org}} in a path is either.
 */
public final class Slugs {

    public static final String PATTERN = "^[a-z][a-z0-9-]{1,62}$";

    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    private static final Set<String> RESERVED = Set.of(
            "current",
            "admin",
            "api",
            "www",
            "app",
            "auth",
            "login",
            "logout",
            "me",
            "orgs",
            "org",
            "health",
            "metrics",
            "openapi",
            "static",
            "assets",
            "public",
            "system",
            "platform",
            "root",
            "support",
            "help",
            "status",
            "mail",
            "smtp",
            "ftp",
            "new",
            "settings",
            "invitations",
            "well-known");

    private Slugs() {}

    /** @throws InvalidInput naming {@code field} when the slug is malformed or reserved */
    public static void check(String field, String slug) {
        if (!FORMAT.matcher(slug).matches()) {
            throw InvalidInput.field(field, "must be 2-63 lowercase letters, digits or '-', starting with a letter");
        }
        if (slug.endsWith("-") || slug.contains("--")) {
            throw InvalidInput.field(field, "must not end with '-' or contain '--'");
        }
        if (RESERVED.contains(slug)) {
            throw InvalidInput.field(field, "'" + slug + "' is reserved");
        }
        if (looksLikeId(slug)) {
            throw InvalidInput.field(field, "must not have the form of an id");
        }
    }

    /** Whether a path segment is an organization id rather than a slug. */
    public static boolean looksLikeId(String reference) {
        if (reference.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(reference);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The code an organization gets when it is created without one: its slug, upper case, at most 50 characters. */
    public static String defaultCode(String slug) {
        String code = slug.toUpperCase(java.util.Locale.ROOT);
        return code.length() > 50 ? code.substring(0, 50) : code;
    }
}
