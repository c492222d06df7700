package io.orgbase.datajob.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.collections.Slice;
import io.orgbase.datajob.DataJob;
import io.orgbase.datajob.control.JobActions;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Platform administrators' view of every organization's data jobs: list (newest first, filtered by
 * status, organization, kind, collection and age), one job with its steps as the batch runtime ran
 * them, and stop, restart and abandon — each audited in the organization's own trail (the
 * job's), where its owners see what an operator did.
 */
@Stateless
@Audited
public class PlatformDataJobs {

    private static final Set<String> STATUSES =
            Set.of("queued", "running", "stopping", "stopped", "completed", "failed", "abandoned");

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    JobActions actions;

    @Inject
    AuditTrail trail;

    /** A job of any organization, as the platform sees it: its record and where it runs. */
    public record PlatformJob(
            UUID id,
            UUID orgId,
            String orgSlug,
            String kind,
            String collection,
            String format,
            String status,
            String phase,
            Long rowsTotal,
            long rowsRead,
            long rowsCreated,
            long rowsUpdated,
            long rowsUnchanged,
            long rowsFailed,
            String failure,
            UUID createdBy,
            boolean startedByKey,
            Long executionId,
            String claimedBy,
            OffsetDateTime heartbeatAt,
            OffsetDateTime createdAt,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {}

    private static final String COLUMNS = "select j.id, j.org_id, o.slug, j.kind, j.collection, j.format, j.status,"
            + " j.phase, j.rows_total, j.rows_read, j.rows_created, j.rows_updated, j.rows_unchanged, j.rows_failed,"
            + " j.failure, j.created_by, j.started_by_key, j.execution_id, j.claimed_by, j.heartbeat_at, j.created_at,"
            + " j.started_at, j.finished_at from data_job j join organization o on o.id = j.org_id";

    /** A job and its steps as they ran: name to status, startedAt, endedAt and the runtime's metrics (JSON). */
    public record Detail(PlatformJob job, String steps) {}

    /**
     * What to list; every part may be null.
     *
     * @param createdBefore jobs created before this instant (older than an age)
     * @param createdAfter jobs created after it
     */
    public record Filter(
            String status,
            UUID orgId,
            String kind,
            String collection,
            OffsetDateTime createdBefore,
            OffsetDateTime createdAfter,
            String cursor,
            int limit) {}

    /** @throws InvalidInput for an unknown status or kind, or a cursor this list did not give */
    @PlatformAdminOnly("watch every organization's data jobs")
    public Slice<PlatformJob> list(Caller caller, Filter filter) {
        List<FieldError> errors = new ArrayList<>();
        if (filter.status() != null && !STATUSES.contains(filter.status())) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES)));
        }
        if (filter.kind() != null && !Set.of("import", "export").contains(filter.kind())) {
            errors.add(new FieldError("kind", "must be import or export"));
        }
        Object[] after = filter.cursor() == null ? null : cursor(filter.cursor(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        session.enterPlatformScope();
        StringBuilder sql = new StringBuilder(COLUMNS + " where true");
        List<Object> values = new ArrayList<>();
        condition(sql, values, " and j.status = ?", filter.status());
        condition(sql, values, " and j.org_id = ?", filter.orgId());
        condition(sql, values, " and j.kind = ?", filter.kind());
        condition(sql, values, " and j.collection = ?", filter.collection());
        condition(sql, values, " and j.created_at < ?", filter.createdBefore());
        condition(sql, values, " and j.created_at > ?", filter.createdAfter());
        if (after != null) {
            sql.append(" and (j.created_at, j.id) < (?, ?)");
            values.add(after[0]);
            values.add(after[1]);
        }
        sql.append(" order by j.created_at desc, j.id desc limit ?");
        values.add(filter.limit() + 1);
        Query query = em.createNativeQuery(sql.toString()).setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        List<PlatformJob> jobs = new ArrayList<>();
        for (Object row : query.getResultList()) {
            jobs.add(job((Object[]) row));
        }
        boolean more = jobs.size() > filter.limit();
        List<PlatformJob> page = more ? jobs.subList(0, filter.limit()) : jobs;
        String next = more ? cursorOf(page.get(page.size() - 1)) : null;
        return new Slice<>(List.copyOf(page), next, null);
    }

    /** @throws NotFound when no organization has such a job */
    @PlatformAdminOnly("watch every organization's data jobs")
    public Detail get(Caller caller, UUID id) {
        PlatformJob job = find(id);
        String steps = (String) em.createNativeQuery("select steps::text from data_job where id = ?1")
                .setParameter(1, id)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        return new Detail(job, steps);
    }

    /** @throws io.orgbase.problems.Conflict when it does not run */
    @PlatformAdminOnly("stop any organization's data jobs")
    public PlatformJob stop(Caller caller, UUID id) {
        DataJob job = controlled(id);
        actions.stop(job);
        return audited("data-job-stopped", id);
    }

    /** @throws io.orgbase.problems.Conflict when it is not stopped or failed */
    @PlatformAdminOnly("restart any organization's data jobs")
    public PlatformJob restart(Caller caller, UUID id) {
        PlatformJob found = find(id);
        DataJob job = controlled(found);
        actions.restart(found.orgId(), job);
        return audited("data-job-restarted", id);
    }

    /** @throws io.orgbase.problems.Conflict when it runs, or is done */
    @PlatformAdminOnly("abandon any organization's data jobs")
    public PlatformJob abandon(Caller caller, UUID id) {
        DataJob job = controlled(id);
        actions.abandon(job);
        return audited("data-job-abandoned", id);
    }

    /** Records what an operator did in the job's organization's trail, with the job as it now stands. */
    private PlatformJob audited(String action, UUID id) {
        em.flush();
        PlatformJob job = find(id);
        session.enterTenant(job.orgId(), null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("orgId", job.orgId());
        details.put("kind", job.kind());
        details.put("collection", job.collection());
        details.put("status", job.status());
        trail.record(action, "data-job", id, details);
        return job;
    }

    private DataJob controlled(UUID id) {
        return controlled(find(id));
    }

    /** The job's entity in its organization (entered: its record may change there), locked. */
    private DataJob controlled(PlatformJob found) {
        session.enterTenant(found.orgId(), null);
        DataJob job = em.find(DataJob.class, found.id());
        if (job == null) {
            throw new NotFound("No data job has this id.");
        }
        return actions.locked(job);
    }

    private PlatformJob find(UUID id) {
        session.enterPlatformScope();
        List<?> rows = em.createNativeQuery(COLUMNS + " where j.id = ?1")
                .setParameter(1, id)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("No data job has this id.");
        }
        return job((Object[]) rows.get(0));
    }

    private static PlatformJob job(Object[] row) {
        return new PlatformJob(
                Ids.of(row[0]),
                Ids.of(row[1]),
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (String) row[6],
                (String) row[7],
                row[8] == null ? null : ((Number) row[8]).longValue(),
                ((Number) row[9]).longValue(),
                ((Number) row[10]).longValue(),
                ((Number) row[11]).longValue(),
                ((Number) row[12]).longValue(),
                ((Number) row[13]).longValue(),
                (String) row[14],
                row[15] == null ? null : Ids.of(row[15]),
                Boolean.TRUE.equals(row[16]),
                row[17] == null ? null : ((Number) row[17]).longValue(),
                (String) row[18],
                at(row[19]),
                at(row[20]),
                at(row[21]),
                at(row[22]));
    }

    private static OffsetDateTime at(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime at) {
            return at;
        }
        if (value instanceof java.sql.Timestamp stamp) {
            return stamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private static void condition(StringBuilder sql, List<Object> values, String test, Object value) {
        if (value != null) {
            sql.append(test);
            values.add(value);
        }
    }

    private static String cursorOf(PlatformJob job) {
        String raw = job.createdAt() + "|" + job.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Object[] cursor(String cursor, List<FieldError> errors) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 2);
            return new Object[] {OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1])};
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            errors.add(new FieldError("cursor", "is not a cursor of this list"));
            return null;
        }
    }
}
