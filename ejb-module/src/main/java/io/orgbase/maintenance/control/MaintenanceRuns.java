package io.orgbase.maintenance.control;

import io.orgbase.datajob.control.Member;
import io.orgbase.maintenance.MaintenanceTask;
import io.orgbase.persistence.Ids;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The records of maintenance runs ({@code maintenance_run}), each change in a transaction of its
 * own. Claiming inserts the (task, slot) pair: of the cluster's members that find a task due at the
 * same minute, one inserts it and runs it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MaintenanceRuns {

    /** A run left queued or running this long is taken for one whose server stopped. */
    static final int STALE_HOURS = 2;

    private static final String COLUMNS = "select id, task, slot, trigger, status, requested_by, execution_id, removed,"
            + " failure, claimed_by, created_at, started_at, finished_at from maintenance_run";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** One run of a task: why it ran, how it went, what it removed. */
    public record Run(
            UUID id,
            String task,
            OffsetDateTime slot,
            String trigger,
            String status,
            UUID requestedBy,
            Long executionId,
            long removed,
            String failure,
            String claimedBy,
            OffsetDateTime createdAt,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {}

    /**
     * Claims the task's run for this slot.
     *
     * @return the run's id, or empty when the slot was claimed already or a run of the task is unfinished
     */
    public Optional<UUID> claim(MaintenanceTask task, OffsetDateTime slot, String trigger, UUID requestedBy) {
        UUID id = Ids.newId();
        int inserted = update(
                "insert into maintenance_run (id, task, slot, trigger, requested_by, claimed_by, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, now()) on conflict do nothing",
                id,
                task.key(),
                slot,
                trigger,
                requestedBy,
                Member.ID);
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    public void started(UUID id, long executionId) {
        update("update maintenance_run set execution_id = ? where id = ?", executionId, id);
    }

    /** The run's batch step began, on this member. */
    public void running(UUID id) {
        update(
                "update maintenance_run set status = 'running', started_at = now(), claimed_by = ?"
                        + " where id = ? and status = 'queued'",
                Member.ID,
                id);
    }

    public void completed(UUID id, long removed) {
        update(
                "update maintenance_run set status = 'completed', removed = ?, finished_at = now()"
                        + " where id = ? and status = 'running'",
                removed,
                id);
    }

    public void failed(UUID id, String reason) {
        update(
                "update maintenance_run set status = 'failed', failure = ?, finished_at = now()"
                        + " where id = ? and status in ('queued', 'running')",
                reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                id);
    }

    /** Runs whose server stopped before they ended have failed, so that the task can run again. */
    public int failStale() {
        return update(
                "update maintenance_run set status = 'failed', finished_at = now(),"
                        + " failure = 'the server running it stopped before it ended'"
                        + " where status in ('queued', 'running') and created_at < now() - make_interval(hours => ?)",
                STALE_HOURS);
    }

    public Optional<Run> get(UUID id) {
        List<Run> found = query(COLUMNS + " where id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The task's latest run, if it ever ran. */
    public Optional<Run> latest(MaintenanceTask task) {
        List<Run> found = query(COLUMNS + " where task = ? order by created_at desc, id desc limit 1", task.key());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Newest first, at most {@code limit}; null filters match any. */
    public List<Run> list(String task, String status, int limit) {
        return query(
                COLUMNS + " where (cast(? as text) is null or task = ?) and (cast(? as text) is null or status = ?)"
                        + " order by created_at desc, id desc limit ?",
                task,
                task,
                status,
                status,
                limit);
    }

    private int update(String sql, Object... values) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("maintenance run record: " + e.getMessage(), e);
        }
    }

    private List<Run> query(String sql, Object... values) {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getObject(6, UUID.class),
                            rs.getObject(7) == null ? null : rs.getLong(7),
                            rs.getLong(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getObject(11, OffsetDateTime.class),
                            rs.getObject(12, OffsetDateTime.class),
                            rs.getObject(13, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("maintenance run records: " + e.getMessage(), e);
        }
        return runs;
    }

    private Connection connection() {
        return em.unwrap(Connection.class);
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
