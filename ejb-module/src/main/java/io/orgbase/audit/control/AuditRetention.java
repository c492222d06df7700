package io.orgbase.audit.control;

import io.orgbase.audit.Actor;
import io.orgbase.logging.Logs;
import io.orgbase.persistence.Ids;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.config.QueryHints;

/**
 * Removes audit entries older than each organization's retention, every night and on demand. Each
 * organization is purged in its own transaction, inside its own tenant, by the database function
 * that alone may delete entries; the purge itself is recorded in the organization's chain.
 */
@Singleton
public class AuditRetention {

    private static final Logger LOG = Logs.get(AuditRetention.class);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    AuditTrail trail;

    @Resource
    SessionContext context;

    /** @return entries removed per organization (organizations with nothing removed are left out) */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Map<UUID, Long> applyAll() {
        AuditRetention self = context.getBusinessObject(AuditRetention.class);
        Map<UUID, Long> removed = new LinkedHashMap<>();
        for (UUID org : self.organizationsWithRetention()) {
            try {
                long count = self.purge(org);
                if (count > 0) {
                    removed.put(org, count);
                }
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "audit retention failed for organization " + org, failed);
            }
        }
        return removed;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<UUID> organizationsWithRetention() {
        return em.createNativeQuery("select id from organization where audit_retention_days is not null order by id")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultStream()
                .map(Ids::of)
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long purge(UUID org) {
        session.enterTenant(org, null);
        long removed = ((Number) em.createNativeQuery("select orgbase_purge_audit(?1)")
                        .setParameter(1, org)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .longValue();
        if (removed > 0) {
            trail.actAs(Actor.SYSTEM);
            trail.record("audit-purged", "organization", org, Map.of("removed", removed));
            trail.writeNow();
        }
        return removed;
    }
}
