package io.orgbase.audit.control;

import io.orgbase.audit.Actor;
import io.orgbase.audit.AuditBuffer;
import io.orgbase.audit.AuditEntry;
import io.orgbase.audit.RequestInfo;
import io.orgbase.json.Jsonp;
import io.orgbase.logging.Logs;
import io.orgbase.messaging.Event;
import io.orgbase.messaging.Outbox;
import io.orgbase.persistence.Ids;
import io.orgbase.tenancy.Tenancy;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.persistence.config.QueryHints;

/**
 * The audit trail as the rest of Orgbase uses it: named actions go into the transaction's buffer
 * ({@link #record}), and the audit interceptor appends the buffer to the transaction's chain — its
 * organization's, or the platform chain outside any organization.
 */
@Dependent
public class AuditTrail {

    /** The chain of everything that happens outside an organization. */
    public static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private static final Logger AUDIT = Logs.get("io.orgbase.audit");
    private static final int MAX_USER_AGENT = 500;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    Instance<RequestInfo> request;

    @Inject
    Outbox outbox;

    /**
     * Records a named action (a sign-in, a revocation) in the current transaction's audit buffer.
     *
     * @param details what the entry should tell, without secrets
     */
    public void record(String action, String entityType, Object entityId, Map<String, Object> details) {
        record(action, entityType, entityId, details, null);
    }

    /** Like {@link #record(String, String, Object, Map)}, done by {@code actor} rather than the caller. */
    public void record(String action, String entityType, Object entityId, Map<String, Object> details, Actor actor) {
        AuditBuffer buffer = AuditBuffer.current();
        if (buffer == null) {
            throw new IllegalStateException("audit entries are recorded inside a transaction: " + action);
        }
        buffer.add(new AuditEntry(
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                action,
                entityType,
                entityId == null ? null : entityId.toString(),
                details,
                actor));
    }

    /** From now on in this transaction, changes are made by {@code actor} (who signed in, who redeemed). */
    public void actAs(Actor actor) {
        AuditBuffer buffer = AuditBuffer.current();
        if (buffer != null) {
            buffer.actAs(actor);
        }
    }

    /** For work that runs outside any boundary call (start-up): writes what the transaction did so far. */
    public void writeNow() {
        AuditBuffer buffer = AuditBuffer.current();
        if (buffer != null) {
            em.flush();
            write(buffer);
        }
    }

    /** Appends what the buffer holds to the transaction's chain. */
    public void write(AuditBuffer buffer) {
        List<AuditEntry> entries = buffer.drain();
        if (entries.isEmpty()) {
            return;
        }
        UUID chain = chain();
        Object[] head = (Object[])
                em.createNativeQuery("insert into audit_chain (chain, last_seq, last_hash) values (?1, 0, ?2)"
                                + " on conflict (chain) do update set last_seq = audit_chain.last_seq"
                                + " returning last_seq, last_hash")
                        .setParameter(1, chain)
                        .setParameter(2, ChainHash.GENESIS)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult();
        long seq = ((Number) head[0]).longValue();
        String previous = (String) head[1];
        String clientAddress = requestValue(RequestInfo::clientAddress);
        String userAgent = truncate(requestValue(RequestInfo::userAgent));
        String requestId = requestValue(RequestInfo::requestId);
        for (AuditEntry entry : entries) {
            Actor actor = entry.actor() != null ? entry.actor() : buffer.actor();
            ChainHash.Row row = new ChainHash.Row(
                    Ids.newId(),
                    chain,
                    ++seq,
                    OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC),
                    entry.action(),
                    entry.entityType(),
                    entry.entityId(),
                    entry.changes() == null ? null : json(entry.changes()),
                    actor.kind().key(),
                    actor.id(),
                    actor.label() == null ? actor.kind().key() : actor.label(),
                    clientAddress,
                    userAgent,
                    requestId,
                    previous);
            previous = ChainHash.of(row);
            insert(row, previous);
            outbox.publish(event(row, entry));
            AUDIT.fine(() -> row.action() + " " + row.entityType() + " " + row.entityId() + " by " + row.actor());
        }
        em.createNativeQuery("update audit_chain set last_seq = ?1, last_hash = ?2 where chain = ?3")
                .setParameter(1, seq)
                .setParameter(2, previous)
                .setParameter(3, chain)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /**
     * Every entry is also a domain event, published after commit: {@code <entity>.<action>} (or the
     * action alone), with what the entry records about the change.
     */
    private static Event event(ChainHash.Row row, AuditEntry entry) {
        JsonObjectBuilder payload = Jsonp.PROVIDER.createObjectBuilder();
        if (row.entityType() != null) {
            payload.add("entityType", row.entityType());
        }
        if (row.entityId() != null) {
            payload.add("entityId", row.entityId());
        }
        if (entry.changes() != null) {
            payload.add("changes", toJson(entry.changes()));
        }
        if (row.requestId() != null) {
            payload.add("requestId", row.requestId());
        }
        return new Event(
                row.id(),
                row.entityType() == null ? row.action() : row.entityType() + "." + row.action(),
                PLATFORM_CHAIN.equals(row.chain()) ? null : row.chain(),
                row.actorType(),
                row.actorId(),
                row.actor(),
                entry.at(),
                payload.build());
    }

    private void insert(ChainHash.Row row, String hash) {
        em.createNativeQuery("insert into audit_event (id, chain, seq, occurred_at, action, entity_type, entity_id,"
                        + " changes, actor_type, actor_id, actor, client_address, user_agent, request_id, prev_hash, hash)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")
                .setParameter(1, row.id())
                .setParameter(2, row.chain())
                .setParameter(3, row.seq())
                .setParameter(4, row.occurredAt())
                .setParameter(5, row.action())
                .setParameter(6, row.entityType())
                .setParameter(7, row.entityId())
                .setParameter(8, row.changes())
                .setParameter(9, row.actorType())
                .setParameter(10, row.actorId())
                .setParameter(11, row.actor())
                .setParameter(12, row.clientAddress())
                .setParameter(13, row.userAgent())
                .setParameter(14, row.requestId())
                .setParameter(15, row.prevHash())
                .setParameter(16, hash)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** The transaction's organization, as the ORM knows it; the platform chain without one. */
    private UUID chain() {
        Object tenant = em.getProperties().get(Tenancy.TENANT_PROPERTY);
        return tenant == null ? PLATFORM_CHAIN : UUID.fromString(tenant.toString());
    }

    private String requestValue(java.util.function.Function<RequestInfo, String> value) {
        try {
            return request.isResolvable() ? value.apply(request.get()) : null;
        } catch (ContextNotActiveException outsideARequest) {
            return null;
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_USER_AGENT ? text : text.substring(0, MAX_USER_AGENT);
    }

    /** The details as compact JSON text; stored as text so the hash covers exactly what is read back. */
    static String json(Map<String, Object> details) {
        return toJson(details).toString();
    }

    @SuppressWarnings("unchecked")
    private static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Jsonp.PROVIDER.createObjectBuilder();
            ((Map<String, Object>) map).forEach((key, item) -> object.add(key, toJson(item)));
            return object.build();
        }
        if (value instanceof List<?> list) {
            var array = Jsonp.PROVIDER.createArrayBuilder();
            list.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return Jsonp.PROVIDER.createValue(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return Jsonp.PROVIDER.createValue(number.doubleValue());
        }
        return Jsonp.PROVIDER.createValue(value.toString());
    }
}
