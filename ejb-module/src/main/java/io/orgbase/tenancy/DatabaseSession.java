package io.orgbase.tenancy;

import io.orgbase.organization.Organization;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TransactionRequiredException;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.jpa.JpaEntityManager;

/**
 * Binds the current JTA transaction to one organization (and the calling user), in the ORM and in
 * PostgreSQL. The PostgreSQL settings are transaction-local ({@code set_config(..., true)}): they
 * cannot leak to the next transaction that borrows the pooled connection.
 */
@Dependent
public class DatabaseSession {

    /** The organization and user last set in PostgreSQL by this transaction. */
    private static final String APPLIED_PROPERTY = "io.orgbase.tenancy.applied";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /**
     * Makes {@code orgId} the tenant of this transaction.
     *
     * @throws IllegalStateException if the transaction already runs as another tenant
     */
    public void enterTenant(UUID orgId, UUID userId) {
        EntityManager transactional = transactional();
        Object current = transactional.getProperties().get(Tenancy.TENANT_PROPERTY);
        String tenant = orgId.toString();
        if (current != null && !Objects.equals(current, tenant)) {
            throw new IllegalStateException("one tenant per transaction: already " + current + ", asked for " + tenant);
        }
        transactional.setProperty(Tenancy.TENANT_PROPERTY, tenant);
        apply(tenant, userId == null ? "" : userId.toString());
    }

    /**
     * What the statement that entered (or would have entered) an organization read of it: its access
     * generation ({@code V48__access_generation.sql}) and its row's version (null when there is no
     * such organization).
     */
    public record AccessStamp(long generation, Long orgVersion, boolean entered) {}

    /**
     * Enters {@code orgId} as {@link #enterTenant} does, in the same statement reading the
     * organization's access generation, and only if that is still {@code expectedGeneration}
     * (negative: whatever it is). One round trip either way; when the generation has moved on,
     * nothing is entered and the transaction may still enter any organization. A transaction that
     * already runs as another organization enters nothing when {@code expectedGeneration} is a
     * cached guess, and is refused otherwise.
     */
    public AccessStamp enterTenantIfCurrent(UUID orgId, UUID userId, long expectedGeneration) {
        EntityManager transactional = transactional();
        Object current = transactional.getProperties().get(Tenancy.TENANT_PROPERTY);
        String tenant = orgId.toString();
        if (current != null && !Objects.equals(current, tenant)) {
            if (expectedGeneration >= 0) {
                return new AccessStamp(-1, null, false); // a cached guess; resolving afresh decides
            }
            throw new IllegalStateException("one tenant per transaction: already " + current + ", asked for " + tenant);
        }
        String user = userId == null ? "" : userId.toString();
        Object[] row = (Object[]) em.createNamedQuery(Organization.ENTER_IF_CURRENT)
                .setParameter(1, tenant)
                .setParameter(2, user)
                .setParameter(3, expectedGeneration)
                .getSingleResult();
        boolean entered = tenant.equals(row[0]);
        if (entered) {
            transactional.setProperty(Tenancy.TENANT_PROPERTY, tenant);
        }
        transactional.setProperty(APPLIED_PROPERTY, (entered ? tenant : "") + "/" + user);
        return new AccessStamp(
                ((Number) row[2]).longValue(), row[3] == null ? null : ((Number) row[3]).longValue(), entered);
    }

    /**
     * Has PostgreSQL plan the rest of this transaction's statements for their actual values, never
     * with the generic plan it caches for a prepared statement after five runs. For statements whose
     * work grows with the organization (a page of a collection, a report, all members of one):
     * organizations differ in size by orders of magnitude, and a generic plan is costed for the
     * average one. With 10,000 organizations, most of one member, it expects two rows for "org_id =
     * $1", and then joins and sorts all 10,000 members of a large organization to return a page of
     * 50 (17 ms where the custom plan walks the sort order's index and stops after 50 rows, 0.3 ms).
     * Other transactions, item reads by id among them, keep their cached plans: planning each
     * statement afresh would cost them more than it gains. Nothing outside a transaction (the
     * setting would end with its own statement).
     */
    public static void planForActualValues(EntityManager em) {
        if (em.isJoinedToTransaction()) {
            em.createNativeQuery("select set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .getSingleResult();
        }
    }

    /** Lets this transaction read the user's own rows across organizations (their memberships). */
    public void enterUser(UUID userId) {
        apply("", userId.toString());
    }

    /**
     * Lets this transaction see what the platform keeps for every organization (dead letters).
     * Only platform administrators' boundary methods enter it.
     */
    public void enterPlatformScope() {
        em.createNativeQuery("select set_config('orgbase.platform', 'on', true)")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    /**
     * Presents the hash of a secret the caller holds (an API key, an invitation token) in {@code
     * setting}; the row-level policies of those tables admit the one row with that hash, before
     * any tenant is known.
     */
    public void presentSecret(String setting, String hash) {
        em.createNativeQuery("select set_config(?1, ?2, true)")
                .setParameter(1, setting)
                .setParameter(2, hash)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    /**
     * Takes the advisory lock named {@code key} until this transaction ends: another transaction
     * asking for the same key waits for this one to commit or roll back. Keys name what they
     * serialize ({@code department-tree:<org>}); some are taken by the schema's triggers too.
     */
    public void lock(String key) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    /**
     * Takes the advisory lock named {@code key} in shared mode until this transaction ends: many
     * transactions hold it at once; one asking for it in {@link #lock exclusive} mode waits for them
     * all, and they for it.
     */
    public void lockShared(String key) {
        em.createNativeQuery("select pg_advisory_xact_lock_shared(hashtextextended(?1, 0))")
                .setParameter(1, key)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    private void apply(String orgId, String userId) {
        // The settings live as long as the transaction, and so does this persistence context: what
        // it says was applied is what PostgreSQL holds, and setting it again would cost a round trip.
        String applied = orgId + "/" + userId;
        EntityManager transactional = transactional();
        if (applied.equals(transactional.getProperties().get(APPLIED_PROPERTY))) {
            return;
        }
        transactional.setProperty(APPLIED_PROPERTY, applied);
        em.createNativeQuery("select set_config('" + Tenancy.ORG_SETTING + "', ?1, true), set_config('"
                        + Tenancy.USER_SETTING + "', ?2, true)")
                .setParameter(1, orgId)
                .setParameter(2, userId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    /**
     * The persistence context of this transaction itself, not the container's proxy for it. A
     * property set through WildFly's transaction-scoped proxy is also kept by the proxy and given
     * to every persistence context it creates afterwards: the next transaction would start as the
     * last one's tenant. Set on the context itself, a property ends with the transaction on every
     * server.
     *
     * @throws TransactionRequiredException outside a transaction, where there is no such context
     *     (WildFly would hand out one per call, without the tenant)
     */
    private EntityManager transactional() {
        if (!em.isJoinedToTransaction()) {
            throw new TransactionRequiredException("a tenant is entered in a transaction only");
        }
        return em.unwrap(JpaEntityManager.class);
    }
}
