package io.orgbase.datajob.control;

import io.orgbase.access.Caller;
import io.orgbase.access.Caller.ApiKeyGrant;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.SignIn;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The tenant a job acts as, rebuilt in each of its transactions from who started it: the user (a
 * platform administrator stays one) or the API key, which must still be valid. The boundary call
 * that takes it then checks the membership and permissions again, as for a request: a member who
 * lost the right, or a revoked key, fails the job at its next chunk.
 */
@Stateless
public class JobCallers {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /** @param signInMethods how the starter had signed in (the organization's sign-in policy applies to them) */
    public Tenant tenant(UUID orgId, UUID startedBy, boolean byKey, List<String> signInMethods) {
        if (startedBy == null) {
            throw new NotFound("Nobody who may run this job is left.");
        }
        if (byKey) {
            session.enterTenant(orgId, null);
            List<?> found = em.createNativeQuery(
                            "select id, org_id, role, role_id, rate_limit_per_minute from api_key where id = ?1"
                                    + " and revoked_at is null and (expires_at is null or expires_at > now())")
                    .setParameter(1, startedBy)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .getResultList();
            if (found.isEmpty()) {
                throw new NotFound("The API key that started the job is no longer valid.");
            }
            Object[] key = (Object[]) found.get(0);
            RoleAssignment role = key[3] == null
                    ? Optional.ofNullable(Role.byKey(key[2].toString()))
                            .map(RoleAssignment::system)
                            .orElseThrow(() -> new NotFound("The API key that started the job has no role."))
                    : RoleAssignment.custom(Ids.of(key[3]), key[2].toString());
            return Tenant.of(
                    Caller.apiKey(new ApiKeyGrant(Ids.of(key[0]), Ids.of(key[1]), role, null)), orgId.toString());
        }
        List<?> admin = em.createNativeQuery("select platform_admin from app_user where id = ?1")
                .setParameter(1, startedBy)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (admin.isEmpty()) {
            throw new NotFound("The user who started the job no longer exists.");
        }
        // the job is no session: its sign-in is as fresh as each chunk, by the starter's methods
        SignIn signIn = new SignIn(Instant.now(), signInMethods);
        return Tenant.of(Caller.user(startedBy, null, Boolean.TRUE.equals(admin.get(0)), signIn), orgId.toString());
    }
}
