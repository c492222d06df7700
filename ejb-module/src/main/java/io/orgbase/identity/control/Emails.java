package io.orgbase.identity.control;

import java.util.Locale;

/** One spelling of an email address for storage and lookup: trimmed and lowercased. */
public final class Emails {

    private Emails() {}

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
