package io.orgbase.identity.boundary;

import java.util.Locale;

/** One spelling of an email address for storage and lookup: trimmed and lowercased. */
final class Emails {

    private Emails() {}

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
