package io.orgbase.messaging;

/**
 * A consumer of domain events: a CDI bean the events listener finds by type. Each event reaches it
 * once per event id, in a transaction of its own, inside the event's organization (row-level
 * security included); a handler that throws is retried with backoff, then dead-lettered.
 */
public interface EventHandler {

    /** A stable name: what it has processed and its dead letters are kept under it. */
    String name();

    /** Whether this handler wants events of {@code type}. */
    boolean handles(String type);

    /**
     * Whether it works inside an organization. An event without one is then refused (dead-lettered
     * at once), never applied under a default tenant.
     */
    default boolean needsOrganization() {
        return true;
    }

    void handle(Event event);
}
