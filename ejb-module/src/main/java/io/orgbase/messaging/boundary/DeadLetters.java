package io.orgbase.messaging.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.messaging.DeadLetter;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Platform administrators' view of the dead letters of every organization: list, inspect, requeue
 * (back to its consumer, as a first attempt) and discard. Requeues and discards are audited in the
 * platform's chain, with the letter's organization, consumer and event.
 */
@Stateless
@Audited
public class DeadLetters {

    private static final String NOT_FOUND = "No such dead letter.";

    /** Newest first; filterable by organization, consumer, type and event. */
    public static final CollectionSpec<DeadLetter> COLLECTION = CollectionSpec.of(DeadLetter.class)
            .sortable("failedAt", "failedAt", FieldType.TIMESTAMP, false)
            .sortable("attempts", "attempts", FieldType.INTEGER, false)
            .filterable("orgId", "orgId", FieldType.UUID, false)
            .filterable("eventId", "eventId", FieldType.UUID, false)
            .filterable("consumer", "consumer", FieldType.STRING, true)
            .filterable("type", "type", FieldType.STRING, true)
            .filterable("error", "error", FieldType.STRING, true)
            .defaultSort("failedAt", true)
            .build();

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    CollectionQueries collections;

    @Inject
    AuditTrail trail;

    @PlatformAdminOnly("read dead letters")
    public Slice<DeadLetter> list(Caller caller, CollectionRequest request) {
        session.enterPlatformScope();
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when there is none with this id */
    @PlatformAdminOnly("read dead letters")
    public DeadLetter get(Caller caller, UUID id) {
        session.enterPlatformScope();
        return find(id);
    }

    /**
     * Publishes the letter again to its consumer and removes it.
     *
     * @throws NotFound when there is none with this id
     * @throws Conflict when the message was unreadable: nothing can ever take it
     */
    @PlatformAdminOnly("requeue dead letters")
    public void requeue(Caller caller, UUID id) {
        session.enterPlatformScope();
        DeadLetter letter = find(id);
        if (letter.getEventId() == null) {
            throw new Conflict("This message is not an event anyone can read; discard it instead.");
        }
        boolean moved = (Boolean) em.createNativeQuery("select orgbase_dead_letter_requeue(?1)")
                .setParameter(1, id)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        if (!moved) {
            throw new NotFound(NOT_FOUND);
        }
        trail.record("dead-letter-requeued", "dead-letter", id, details(letter));
    }

    /** @throws NotFound when there is none with this id */
    @PlatformAdminOnly("discard dead letters")
    public void discard(Caller caller, UUID id) {
        session.enterPlatformScope();
        DeadLetter letter = find(id);
        int deleted = em.createNativeQuery("delete from dead_letter where id = ?1")
                .setParameter(1, id)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (deleted == 0) {
            throw new NotFound(NOT_FOUND);
        }
        trail.record("dead-letter-discarded", "dead-letter", id, details(letter));
    }

    private DeadLetter find(UUID id) {
        DeadLetter letter = em.find(DeadLetter.class, id);
        if (letter == null) {
            throw new NotFound(NOT_FOUND);
        }
        return letter;
    }

    private static Map<String, Object> details(DeadLetter letter) {
        Map<String, Object> details = new HashMap<>();
        details.put("consumer", letter.getConsumer());
        details.put("type", letter.getType());
        details.put(
                "eventId",
                letter.getEventId() == null ? null : letter.getEventId().toString());
        details.put(
                "orgId", letter.getOrgId() == null ? null : letter.getOrgId().toString());
        details.put("attempts", letter.getAttempts());
        details.put("error", letter.getError());
        return details;
    }
}
