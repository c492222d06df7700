package io.orgbase.datajob.control;

import io.orgbase.access.Lifecycle;
import io.orgbase.datajob.DataSpec;
import io.orgbase.datajob.DataSpec.Applied;
import io.orgbase.datajob.DataSpec.Unit;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.RowArrays;
import io.orgbase.datajob.RowFailures;
import io.orgbase.datajob.RowProblem;
import io.orgbase.problems.Forbidden;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The work of an import's chunks, each in the chunk's own transaction (begun by the batch runtime),
 * as the tenant that started the job: what a chunk writes and the job's position advance together,
 * so a job resumed after a crash neither skips nor repeats a row.
 */
@Stateless
@TenantScoped
public class ImportSteps {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @jakarta.inject.Inject
    ImportStatistics statistics;

    /** A row read from the file: checked, with its cells as the file had them. */
    public record StagedRow(long rowNo, DataSpec.Checked checked, String original) {}

    /** The rows of a chunk, and how far into the file they reach. */
    public record StageChunk(UUID jobId, List<StagedRow> rows, long position) {}

    private Connection connection(Tenant tenant, DataSpec spec) {
        if (!tenant.permits(spec.writePermission())) {
            throw new Forbidden("Whoever started this job may no longer change " + spec.collection() + ".");
        }
        Lifecycle.check(tenant, spec.writePermission());
        return em.unwrap(Connection.class);
    }

    /** Stages the chunk's good rows, records the bad ones, and moves the job's position past them. */
    private void stageSql(Tenant tenant, DataSpec spec, StageChunk chunk) throws SQLException {
        Connection connection = connection(tenant, spec);
        UUID orgId = tenant.orgId();
        long failed = 0;
        List<StagedRow> good =
                chunk.rows().stream().filter(r -> r.checked().ok()).toList();
        // The chunk's good rows in one statement; rows without a parent are placed at the first level now.
        java.util.Set<Long> staged = new java.util.HashSet<>();
        if (!good.isEmpty()) {
            RowArrays rows = new RowArrays("bigint", "text", "text", "text", "text");
            for (StagedRow row : good) {
                rows.add(
                        row.rowNo(),
                        row.checked().key(),
                        row.checked().parentKey(),
                        row.checked().fields().toString(),
                        row.original());
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    """
                    insert into data_job_row (org_id, job_id, row_no, key, parent_key, level, fields, original)
                    select ?, ?, r.row_no, r.key, r.parent_key, case when r.parent_key is null then 0 end,
                           r.fields::jsonb, r.original::json
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                        as r (row_no, key, parent_key, fields, original)
                    order by r.row_no
                    on conflict do nothing
                    returning row_no""")) {
                insert.setObject(1, orgId);
                insert.setObject(2, chunk.jobId());
                rows.bind(connection, insert, 3);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        staged.add(rs.getLong(1));
                    }
                }
            }
        }
        try (PreparedStatement error =
                connection.prepareStatement("insert into data_job_error (org_id, job_id, row_no, problems, original)"
                        + " values (?, ?, ?, ?::jsonb, ?::json) on conflict do nothing")) {
            for (StagedRow row : chunk.rows()) {
                List<RowProblem> problems = row.checked().ok()
                        ? staged.contains(row.rowNo()) ? null : List.of(duplicate(spec, row))
                        : row.checked().problems();
                if (problems != null) {
                    // a key the file has in an earlier row (the first one wins, in the file's order)
                    addError(error, orgId, chunk.jobId(), row.rowNo(), problems, row.original());
                    failed++;
                }
            }
            if (failed > 0) {
                error.executeBatch();
            }
        }

        try (PreparedStatement advance = connection.prepareStatement(
                "update data_job set position = ?, rows_read = rows_read + ?, rows_failed = rows_failed + ?,"
                        + " phase = 'stage', heartbeat_at = now(), claimed_by = ? where id = ?")) {
            advance.setLong(1, chunk.position());
            advance.setLong(2, chunk.rows().size());
            advance.setLong(3, failed);
            advance.setString(4, Member.ID);
            advance.setObject(5, chunk.jobId());
            advance.executeUpdate();
        }
    }

    private static RowProblem duplicate(DataSpec spec, StagedRow row) {
        return new RowProblem(spec.keyField(), "appears in more than one row of the file");
    }

    private static void addError(
            PreparedStatement error, UUID orgId, UUID jobId, long rowNo, List<RowProblem> problems, String original)
            throws SQLException {
        error.setObject(1, orgId);
        error.setObject(2, jobId);
        error.setLong(3, rowNo);
        error.setString(4, RowFailures.json(problems));
        error.setString(5, original);
        error.addBatch();
    }

    /**
     * After staging: orders the rows (parents first); rows that cannot be ordered (a cycle of parents
     * in the file) fail. Runs once: a job resumed after it finds the phase moved on.
     */
    private void arrangeSql(Tenant tenant, DataSpec spec, UUID jobId) throws SQLException {
        Connection connection = connection(tenant, spec);
        if (!"stage".equals(phase(connection, jobId)) && !"queued".equals(phase(connection, jobId))) {
            return;
        }
        level(connection, jobId);
        RowFailures failures = new RowFailures(connection, jobId);
        try (PreparedStatement unplaced =
                connection.prepareStatement("select row_no from data_job_row where job_id = ? and level is null")) {
            unplaced.setObject(1, jobId);
            try (ResultSet rs = unplaced.executeQuery()) {
                while (rs.next()) {
                    failures.add(rs.getLong(1), List.of(new RowProblem(null, spec.cycleProblem())));
                }
            }
        }
        long failed = failures.count();
        failures.flush();
        try (PreparedStatement advance = connection.prepareStatement(
                "update data_job set phase = case when all_or_nothing and not dry_run then 'verify' else 'apply' end,"
                        + " rows_total = position, rows_failed = rows_failed + ?,"
                        + " apply_level = 0, apply_row = 0, heartbeat_at = now(), claimed_by = ? where id = ?")) {
            advance.setLong(1, failed);
            advance.setString(2, Member.ID);
            advance.setObject(3, jobId);
            advance.executeUpdate();
        }
    }

    /**
     * Levels the staged rows: 0 for a row that refers to no row of the file, one more than its
     * parent's for the others, one set-based statement per level. Rows still without a level after
     * the deepest one are in a cycle.
     */
    private static void level(Connection connection, UUID jobId) throws SQLException {
        // The staged rows are new: the planner's statistics know none of them, estimate one row per
        // level and pick nested loops, quadratic in the rows (minutes for 100,000). Hash joins are
        // linear whatever the estimate; the setting ends with the transaction.
        try (PreparedStatement hashJoins = connection.prepareStatement("set local enable_nestloop = off")) {
            hashJoins.execute();
        }
        try (PreparedStatement top = connection.prepareStatement(
                "update data_job_row r set level = 0 where r.job_id = ? and r.level is null and not exists ("
                        + "select 1 from data_job_row p where p.job_id = r.job_id and p.key = r.parent_key)")) {
            top.setObject(1, jobId);
            top.executeUpdate();
        }
        try (PreparedStatement below = connection.prepareStatement(
                "update data_job_row c set level = ? from data_job_row p where c.job_id = ? and c.level is null"
                        + " and c.parent_key is not null and p.job_id = c.job_id and p.key = c.parent_key and p.level = ?")) {
            for (int level = 0; level < io.orgbase.persistence.TreeNode.MAX_DEPTH; level++) {
                below.setInt(1, level + 1);
                below.setObject(2, jobId);
                below.setInt(3, level);
                if (below.executeUpdate() == 0) {
                    break;
                }
            }
        }
        try (PreparedStatement planAsUsual = connection.prepareStatement("set local enable_nestloop = on")) {
            planAsUsual.execute();
        }
    }

    /**
     * Where the apply step stands: the level and the last row it finished there; whether it only
     * judges the rows (the check of an all-or-nothing job, before anything is written); whether it
     * has just gone back to the first row (the check passed, the writing begins).
     */
    public record Position(int level, long lastRow, boolean verifying, boolean fromStart) {}

    private Position appliedSql(Tenant tenant, DataSpec spec, UUID jobId) throws SQLException {
        Connection connection = connection(tenant, spec);
        try (PreparedStatement statement =
                connection.prepareStatement("select apply_level, apply_row, phase from data_job where id = ?")) {
            statement.setObject(1, jobId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Position(rs.getInt(1), rs.getLong(2), "verify".equals(rs.getString(3)), false);
            }
        }
    }

    /**
     * The next unit after {@code from}, or null when every level is applied. An all-or-nothing job's
     * check that reaches the end either fails the job or begins the writing at the first unit.
     */
    private Position nextSql(Tenant tenant, DataSpec spec, UUID jobId, Position from) throws SQLException {
        Connection connection = connection(tenant, spec);
        int level = from.level();
        long after = from.lastRow();
        boolean verifying = from.verifying();
        boolean fromStart = false;
        while (true) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select max(row_no) from (select row_no from data_job_row where job_id = ? and level = ?"
                            + " and row_no > ? order by row_no limit ?) unit")) {
                statement.setObject(1, jobId);
                statement.setInt(2, level);
                statement.setLong(3, after);
                statement.setInt(4, spec.unitRows());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    long last = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return new Position(level, last, verifying, fromStart);
                    }
                }
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("select min(level) from data_job_row where job_id = ? and level > ?")) {
                statement.setObject(1, jobId);
                statement.setInt(2, level);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    int higher = rs.getInt(1);
                    if (rs.wasNull()) {
                        if (!verifying) {
                            done(connection, jobId);
                            return null;
                        }
                        verified(connection, jobId);
                        verifying = false;
                        fromStart = true;
                        level = -1; // before the first level: the search begins again at level 0
                        after = 0;
                        continue;
                    }
                    level = higher;
                    after = 0;
                }
            }
        }
    }

    /** Applies one unit and records it, and its counts, as done. */
    private void applySql(Tenant tenant, DataSpec spec, Unit unit) throws SQLException {
        Connection connection = connection(tenant, spec);
        long written = written(connection, unit.jobId());
        if (written >= 0) {
            try {
                statistics.refreshIfDue(unit.jobId(), spec.collection(), written);
            } catch (jakarta.ejb.EJBException skipped) {
                // only the estimates: the unit runs on the ones there are
                io.orgbase.logging.Logs.get(ImportSteps.class)
                        .log(
                                java.util.logging.Level.INFO,
                                "Statistics not refreshed for data job " + unit.jobId(),
                                skipped);
            }
        }
        Applied applied = spec.apply(tenant, connection, unit);
        if (applied.failed() > 0 && !unit.dryRun() && allOrNothing(connection, unit.jobId())) {
            // the check passed every row, yet writing refused some (a change made meanwhile, or a
            // move the check judged against the tree as it was): this unit is undone, the job fails
            throw new JobFailure(applied.failed() + (applied.failed() == 1 ? " row" : " rows")
                    + " could not be written although the check passed them (the organization changed meanwhile,"
                    + " or rows of the file move departments below each other); the units written before stay");
        }
        try (PreparedStatement advance = connection.prepareStatement(
                "update data_job set apply_level = ?, apply_row = ?, rows_created = rows_created + ?,"
                        + " rows_updated = rows_updated + ?, rows_unchanged = rows_unchanged + ?,"
                        + " rows_failed = rows_failed + ?, heartbeat_at = now(), claimed_by = ? where id = ?")) {
            advance.setInt(1, unit.level());
            advance.setLong(2, unit.lastRow());
            advance.setLong(3, applied.created());
            advance.setLong(4, applied.updated());
            advance.setLong(5, applied.unchanged());
            advance.setLong(6, applied.failed());
            advance.setString(7, Member.ID);
            advance.setObject(8, unit.jobId());
            advance.executeUpdate();
        }
    }

    /** How many input rows the stage step has consumed (committed with what it staged from them). */
    private long positionSql(Tenant tenant, DataSpec spec, UUID jobId) throws SQLException {
        Connection connection = connection(tenant, spec);
        try (PreparedStatement statement = connection.prepareStatement("select position from data_job where id = ?")) {
            statement.setObject(1, jobId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The check of an all-or-nothing job judged every row: with any problem (staging's or the
     * check's, all listed among the job's errors) the job fails having written nothing; otherwise
     * the counts begin again and the rows are written from the first.
     */
    private static void verified(Connection connection, UUID jobId) throws SQLException {
        try (PreparedStatement failed = connection.prepareStatement("select rows_failed from data_job where id = ?")) {
            failed.setObject(1, jobId);
            try (ResultSet rs = failed.executeQuery()) {
                rs.next();
                long problems = rs.getLong(1);
                if (problems > 0) {
                    throw new JobFailure(problems + (problems == 1 ? " row has" : " rows have")
                            + " problems (see the job's errors); the job asked for all or nothing, so nothing was"
                            + " imported");
                }
            }
        }
        try (PreparedStatement write = connection.prepareStatement(
                "update data_job set phase = 'apply', apply_level = 0, apply_row = 0, rows_created = 0,"
                        + " rows_updated = 0, rows_unchanged = 0, heartbeat_at = now() where id = ?")) {
            write.setObject(1, jobId);
            write.executeUpdate();
        }
    }

    /** Every unit is applied: the job has reached its end (committed with the last unit's chunk). */
    private static void done(Connection connection, UUID jobId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("update data_job set phase = 'done', heartbeat_at = now() where id = ?")) {
            statement.setObject(1, jobId);
            statement.executeUpdate();
        }
    }

    /**
     * Rows the job's apply step has written (or judged) so far; -1 for an import too small for its
     * statistics to matter.
     */
    private static long written(Connection connection, UUID jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select case when coalesce(rows_total, 0) < ? then -1"
                        + " else rows_created + rows_updated + rows_unchanged + rows_failed end from data_job where id = ?")) {
            statement.setLong(1, ImportStatistics.FROM_ROWS);
            statement.setObject(2, jobId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean allOrNothing(Connection connection, UUID jobId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select all_or_nothing from data_job where id = ?")) {
            statement.setObject(1, jobId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String phase(Connection connection, UUID jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select phase from data_job where id = ?")) {
            statement.setObject(1, jobId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    public void stage(Tenant tenant, DataSpec spec, StageChunk chunk) {
        try {
            stageSql(tenant, spec, chunk);
        } catch (SQLException e) {
            throw new JobFailure(e);
        }
    }

    public void arrange(Tenant tenant, DataSpec spec, UUID jobId) {
        try {
            arrangeSql(tenant, spec, jobId);
        } catch (SQLException e) {
            throw new JobFailure(e);
        }
    }

    public Position applied(Tenant tenant, DataSpec spec, UUID jobId) {
        try {
            return appliedSql(tenant, spec, jobId);
        } catch (SQLException e) {
            throw new JobFailure(e);
        }
    }

    public Position next(Tenant tenant, DataSpec spec, UUID jobId, Position from) {
        try {
            return nextSql(tenant, spec, jobId, from);
        } catch (SQLException e) {
            throw new JobFailure(e);
        }
    }

    public void apply(Tenant tenant, DataSpec spec, Unit unit) {
        try {
            applySql(tenant, spec, unit);
        } catch (SQLException e) {
            throw new JobFailure(e);
        }
    }

    public long position(Tenant tenant, DataSpec spec, UUID jobId) {
        try {
            return positionSql(tenant, spec, jobId);
        } catch (SQLException e) {
            throw new JobFailure(e);
        }
    }
}
