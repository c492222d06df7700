package io.orgbase.datajob;

import io.orgbase.audit.RequestInfo;
import io.orgbase.datajob.DataSpec.Applied;
import io.orgbase.datajob.DataSpec.Unit;
import io.orgbase.logging.Logs;
import io.orgbase.problems.DomainException;
import io.orgbase.problems.InvalidInput;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolationException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies a unit one row at a time, for collections whose rules live in their boundaries (members,
 * contacts): each row is written by a {@link Writer} that calls the boundary in a transaction of its
 * own and marks the staged row with its outcome there. Rows a resumed unit finds marked count as
 * they were; a row the boundary refuses gets the boundary's answer as its problems. Audit entries the
 * rows write carry {@code data-job:<id>} as their request id.
 */
@ApplicationScoped
public class RowByRow {

    private static final Logger LOG = Logs.get(RowByRow.class);

    @Inject
    RequestContextController requestContext;

    @Inject
    Instance<RequestInfo> requestInfo;

    /** Writes one row in its own transaction (rolled back in a dry run); returns its outcome. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @return created, invited, updated or unchanged
         * @throws DomainException what the API would answer, the row's problem
         */
        String write(long rowNo, JsonObject fields);
    }

    /**
     * @param fields the file's column for a field the boundary names ({@code departmentId} →
     *     {@code departmentCode}); others stay as they are
     */
    public Applied apply(Connection connection, Unit unit, Writer writer, UnaryOperator<String> fields)
            throws SQLException {
        boolean activated = requestContext.activate();
        try {
            if (requestInfo.isResolvable()) {
                requestInfo.get().set(null, "Orgbase data job", "data-job:" + unit.jobId());
            }
            return rows(connection, unit, writer, fields);
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
        }
    }

    private static Applied rows(Connection connection, Unit unit, Writer writer, UnaryOperator<String> fields)
            throws SQLException {
        Map<String, long[]> counts = Map.of(
                "created", new long[1], "invited", new long[1], "updated", new long[1], "unchanged", new long[1]);
        RowFailures failures = new RowFailures(connection, unit.jobId());
        for (Staged row : staged(connection, unit)) {
            String outcome = row.outcome();
            if (outcome == null) {
                try {
                    outcome = writer.write(row.rowNo(), row.fields());
                } catch (DomainException refused) {
                    failures.add(row.rowNo(), problems(refused, fields));
                    continue;
                } catch (EJBException broken) {
                    List<RowProblem> invalid = violations(broken, fields);
                    if (!invalid.isEmpty()) {
                        failures.add(row.rowNo(), invalid);
                        continue;
                    }
                    if (duplicate(broken)) {
                        failures.add(
                                row.rowNo(),
                                List.of(new RowProblem(
                                        null, "conflicts with a record written meanwhile; import the row again")));
                        continue;
                    }
                    LOG.log(Level.WARNING, "row " + row.rowNo() + " of data job " + unit.jobId() + " failed", broken);
                    failures.add(
                            row.rowNo(),
                            List.of(new RowProblem(
                                    null,
                                    "could not be written (the organization changed meanwhile); import it again")));
                    continue;
                }
            }
            counts.get(outcome)[0]++;
        }
        failures.flush();
        return new Applied(
                counts.get("created")[0] + counts.get("invited")[0],
                counts.get("updated")[0],
                counts.get("unchanged")[0],
                failures.count());
    }

    /**
     * The constraints a boundary's parameters broke (a system exception of the container's), as the
     * row's problems: field paths after the parameter ({@code create.request.emails[0].email} →
     * {@code emails[0].email}).
     */
    private static List<RowProblem> violations(Throwable broken, UnaryOperator<String> fields) {
        for (Throwable cause = broken; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException invalid) {
                return invalid.getConstraintViolations().stream()
                        .map(violation -> {
                            String path = violation.getPropertyPath().toString();
                            String[] parts = path.split("\\.", 3);
                            String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
                            return new RowProblem(fields.apply(field), violation.getMessage());
                        })
                        .toList();
            }
        }
        return List.of();
    }

    /** Whether the database refused a write as a duplicate of a unique key (SQLSTATE 23505). */
    private static boolean duplicate(Throwable broken) {
        for (Throwable cause = broken; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static List<RowProblem> problems(DomainException refused, UnaryOperator<String> fields) {
        if (refused instanceof InvalidInput invalid && !invalid.errors().isEmpty()) {
            return invalid.errors().stream()
                    .map(error -> new RowProblem(fields.apply(error.name()), error.reason()))
                    .toList();
        }
        return List.of(new RowProblem(null, refused.getMessage()));
    }

    private record Staged(long rowNo, JsonObject fields, String outcome) {}

    private static List<Staged> staged(Connection connection, Unit unit) throws SQLException {
        List<Staged> found = new ArrayList<>();
        try (PreparedStatement statement =
                connection.prepareStatement("select row_no, fields::text, outcome from data_job_row"
                        + " where job_id = ? and level = ? and row_no > ? and row_no <= ? order by row_no")) {
            statement.setObject(1, unit.jobId());
            statement.setInt(2, unit.level());
            statement.setLong(3, unit.afterRow());
            statement.setLong(4, unit.lastRow());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(new Staged(
                            rs.getLong(1),
                            Json.createReader(new StringReader(rs.getString(2))).readObject(),
                            rs.getString(3)));
                }
            }
        }
        return found;
    }
}
