package io.orgbase.analytics.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.persistence.config.QueryHints;

/**
 * The platform's key figures for its administrators, counted in SQL across every organization: one
 * statement per group, in a transaction that enters the platform scope (the row policies of
 * memberships, data jobs and dead letters then admit every organization's rows, as for the other
 * platform-administrator reads) and no organization (so the audit trail shows the platform's chain).
 * Organizations, accounts, second factors and memberships are counted over their whole tables; sign-ins,
 * running, queued and failed jobs through indexes on their time or status.
 */
@Stateless
@Audited
public class PlatformOverview {

    public record Organizations(long total, long active, long suspended, long archived, long createdLast30Days) {}

    /** @param twoFactor accounts with a confirmed TOTP second factor */
    public record Users(long total, long emailVerified, long twoFactor, long platformAdmins, long createdLast30Days) {}

    public record Memberships(long active) {}

    /** Entries {@code login-succeeded} and {@code login-failed} of the platform's audit trail. */
    public record SignIns(long last24Hours, long failedLast24Hours) {}

    /** @param failedLast24Hours jobs that failed (finished as failed) in the last 24 hours */
    public record DataJobs(long queued, long running, long failedLast24Hours) {}

    public record Figures(
            Organizations organizations,
            Users users,
            Memberships memberships,
            SignIns signIns,
            DataJobs dataJobs,
            long deadLetters,
            OffsetDateTime generatedAt) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /**
     * The figures as of now; windows (24 hours, 30 days) end at {@code generatedAt}.
     *
     * @throws io.orgbase.problems.Forbidden unless a platform administrator calls
     */
    @PlatformAdminOnly("read the platform's overview")
    public Figures figures(Caller caller) {
        session.enterPlatformScope();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime dayAgo = now.minusHours(24);
        OffsetDateTime monthAgo = now.minusDays(30);
        Object[] orgs = row(
                "select count(*), count(*) filter (where status = 'active'),"
                        + " count(*) filter (where status = 'suspended'), count(*) filter (where status = 'archived'),"
                        + " count(*) filter (where created_at >= ?1) from organization",
                monthAgo);
        // one pass over the accounts; second factors are rows of their own table
        Object[] users = row(
                "select count(*), count(*) filter (where email_verified_at is not null),"
                        + " (select count(*) from totp_credential where confirmed_at is not null),"
                        + " count(*) filter (where platform_admin), count(*) filter (where created_at >= ?1)"
                        + " from app_user",
                monthAgo);
        Object[] memberships = row("select count(*) from membership where active");
        // the platform chain's entries of the last day, through audit_event (chain, occurred_at)
        Object[] signIns = row(
                "select count(*) filter (where action = 'login-succeeded'),"
                        + " count(*) filter (where action = 'login-failed') from audit_event"
                        + " where chain = ?1 and occurred_at >= ?2 and action in ('login-succeeded', 'login-failed')",
                AuditTrail.PLATFORM_CHAIN,
                dayAgo);
        // each through its partial index: queued (V47), running and stopping, finished
        Object[] jobs = row(
                "select (select count(*) from data_job where status = 'queued'),"
                        + " (select count(*) from data_job where status = 'running'),"
                        + " (select count(*) from data_job where status = 'failed' and finished_at >= ?1)",
                dayAgo);
        Object[] letters = row("select count(*) from dead_letter");
        return new Figures(
                new Organizations(number(orgs[0]), number(orgs[1]), number(orgs[2]), number(orgs[3]), number(orgs[4])),
                new Users(number(users[0]), number(users[1]), number(users[2]), number(users[3]), number(users[4])),
                new Memberships(number(memberships[0])),
                new SignIns(number(signIns[0]), number(signIns[1])),
                new DataJobs(number(jobs[0]), number(jobs[1]), number(jobs[2])),
                number(letters[0]),
                now);
    }

    private Object[] row(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql).setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        Object row = query.getSingleResult();
        return row instanceof Object[] columns ? columns : new Object[] {row};
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
