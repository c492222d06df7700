package io.orgbase.access;

import io.orgbase.persistence.Ids;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.persistence.config.QueryHints;

/**
 * Records security events in the database (append-only for the application role) and the log.
 * Written in the caller's transaction: an action that is rolled back leaves no event behind.
 */
@Dependent
public class SecurityEvents {

    private static final Logger SECURITY = Logger.getLogger("io.orgbase.security");

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    public void record(String kind, Caller caller, UUID orgId, String detail) {
        SECURITY.info(() -> kind + " by " + caller.describe() + " in " + orgId + ": " + detail);
        em.createNativeQuery("insert into security_event (id, occurred_at, kind, actor_id, actor, org_id, detail)"
                        + " values (?1, now(), ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, Ids.newId())
                .setParameter(2, kind)
                .setParameter(3, caller.userId())
                .setParameter(4, caller.describe())
                .setParameter(5, orgId)
                .setParameter(6, detail)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }
}
