package io.orgbase.persistence;

/**
 * Whether the web module serves requests, for the readiness check beside this class. A server
 * registers the application's health checks when its beans start, and may answer {@code
 * /health/ready} for seconds before the REST and SOAP endpoints are loaded (Payara Micro: 404,
 * then 503 and 500, for about three seconds after the database check was UP). The web module
 * reports through here once its last servlet has started, and again when it stops.
 */
public final class ApiStatus {

    private static volatile String notReadyReason = "starting";

    private ApiStatus() {}

    /** The web module's servlets have all started. */
    public static void serving() {
        notReadyReason = null;
    }

    /** The web module is being taken out of service (undeployed or the server stopping). */
    public static void stopping() {
        notReadyReason = "stopping";
    }

    /** Why the API does not serve, or null when it does. */
    public static String notReadyReason() {
        return notReadyReason;
    }
}
