package io.orgbase.persistence;

import java.util.function.Supplier;

/**
 * Whether the database is ready to serve, as the application's start-up ({@code
 * io.orgbase.database.Database} in the EJB module) reports it, for the readiness check beside this
 * class. Both live in the EAR's library because that is where WildFly looks for an EAR's health
 * checks; the EJB module hands over how to ask.
 */
public final class DatabaseStatus {

    private static volatile Supplier<String> source = () -> "starting";

    private DatabaseStatus() {}

    /** Installs how to find out; called once the database start-up has run. */
    public static void reportWith(Supplier<String> notReadyReason) {
        source = notReadyReason;
    }

    /** Why the database is not ready, or null when it is. */
    public static String notReadyReason() {
        return source.get();
    }
}
