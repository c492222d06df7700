package io.orgbase.audit.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.Permission;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.AuditEvent;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditRetention;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.audit.control.ChainHash;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.problems.Forbidden;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The audit trail: an organization's entries for those allowed to read them, the platform's for
 * platform administrators, newest first; and a check of a whole chain.
 */
@Stateless
@Audited
public class AuditEvents {

    private static final int VERIFY_BATCH = 1000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    AuditRetention retention;

    @Inject
    CollectionQueries collections;

    /** What clients may sort, filter and search entries on; newest first unless asked otherwise. */
    public static final CollectionSpec<AuditEvent> COLLECTION = CollectionSpec.of(AuditEvent.class)
            .sortable("seq", "seq", FieldType.INTEGER, false)
            .sortable("occurredAt", "occurredAt", FieldType.TIMESTAMP, false)
            .filterable("action", "action", FieldType.STRING, true)
            .filterable("entityType", "entityType", FieldType.STRING, true)
            .filterable("entityId", "entityId", FieldType.STRING, true)
            .filterable("actorId", "actorId", FieldType.UUID, false)
            .filterable("actorType", "actorType", FieldType.STRING, false)
            .filterable("actor", "actor", FieldType.STRING, true)
            .filterable("requestId", "requestId", FieldType.STRING, false)
            .filterable("clientAddress", "clientAddress", FieldType.STRING, false)
            .filterable("changes", "changes", FieldType.STRING, true)
            .defaultSort("seq", true)
            .build();

    /**
     * The outcome of walking a chain from its first entry.
     *
     * @param brokenAt the sequence number of the first entry that does not fit, null when intact
     */
    public record Verification(boolean intact, long checked, Long brokenAt, String reason) {}

    @TenantScoped
    @RequiresPermission(Permission.AUDIT_READ)
    public Slice<AuditEvent> list(Tenant tenant, CollectionRequest request) {
        return page(tenant.orgId(), request);
    }

    @TenantScoped
    @RequiresPermission(Permission.AUDIT_READ)
    public Verification verify(Tenant tenant) {
        return walk(tenant.orgId());
    }

    /** @throws Forbidden unless the caller is a platform administrator */
    @PlatformAdminOnly("read the platform's audit trail")
    public Slice<AuditEvent> listPlatform(Caller caller, CollectionRequest request) {
        return page(AuditTrail.PLATFORM_CHAIN, request);
    }

    /** @throws Forbidden unless the caller is a platform administrator */
    @PlatformAdminOnly("read the platform's audit trail")
    public Verification verifyPlatform(Caller caller) {
        return walk(AuditTrail.PLATFORM_CHAIN);
    }

    /**
     * Applies every organization's audit retention now (it also runs every night).
     *
     * @return entries removed per organization id
     * @throws Forbidden unless the caller is a platform administrator
     */
    @PlatformAdminOnly("apply audit retention")
    public Map<UUID, Long> applyRetention(Caller caller) {
        return retention.applyAll();
    }

    private Slice<AuditEvent> page(UUID chain, CollectionRequest request) {
        return collections.page(COLLECTION, request, (cb, entry) -> cb.equal(entry.get("chain"), chain));
    }

    /** Recomputes every hash in order; the first entry that does not fit is reported. */
    private Verification walk(UUID chain) {
        List<?> start = em.createNativeQuery("select first_seq, first_prev_hash from audit_chain where chain = ?1")
                .setParameter(1, chain)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        // after retention removed old entries, the chain starts at the first kept one
        long expectedSeq = start.isEmpty() ? 1 : ((Number) ((Object[]) start.get(0))[0]).longValue();
        String previous = start.isEmpty() ? ChainHash.GENESIS : (String) ((Object[]) start.get(0))[1];
        long checked = 0;
        while (true) {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<AuditEvent> query = cb.createQuery(AuditEvent.class);
            Root<AuditEvent> entry = query.from(AuditEvent.class);
            query.select(entry)
                    .where(
                            cb.equal(entry.get("chain"), chain),
                            cb.greaterThanOrEqualTo(entry.<Long>get("seq"), expectedSeq))
                    .orderBy(cb.asc(entry.get("seq")));
            List<AuditEvent> events =
                    em.createQuery(query).setMaxResults(VERIFY_BATCH).getResultList();
            for (AuditEvent event : events) {
                if (event.getSeq() != expectedSeq) {
                    return broken(checked, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!previous.equals(event.getPrevHash())) {
                    return broken(checked, event.getSeq(), "does not link to the entry before it");
                }
                String hash = ChainHash.of(row(event));
                if (!hash.equals(event.getHash())) {
                    return broken(checked, event.getSeq(), "its content does not match its hash");
                }
                previous = hash;
                expectedSeq++;
                checked++;
            }
            em.clear();
            if (events.size() < VERIFY_BATCH) {
                break;
            }
        }
        List<?> head = em.createNativeQuery("select last_seq, last_hash from audit_chain where chain = ?1")
                .setParameter(1, chain)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (!head.isEmpty()) {
            Object[] last = (Object[]) head.get(0);
            if (((Number) last[0]).longValue() != expectedSeq - 1 || !previous.equals(last[1])) {
                return broken(checked, expectedSeq, "entries after " + (expectedSeq - 1) + " are missing");
            }
        }
        return new Verification(true, checked, null, null);
    }

    private static Verification broken(long checked, long seq, String reason) {
        return new Verification(false, checked, seq, "Entry " + seq + ": " + reason + ".");
    }

    private static ChainHash.Row row(AuditEvent e) {
        return new ChainHash.Row(
                e.getId(),
                e.getChain(),
                e.getSeq(),
                e.getOccurredAt(),
                e.getAction(),
                e.getEntityType(),
                e.getEntityId(),
                e.getChanges(),
                e.getActorType(),
                e.getActorId(),
                e.getActor(),
                e.getClientAddress(),
                e.getUserAgent(),
                e.getRequestId(),
                e.getPrevHash());
    }
}
