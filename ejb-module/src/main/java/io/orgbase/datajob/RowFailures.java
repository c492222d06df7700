package io.orgbase.datajob;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rows an apply step refuses: each gets its problems recorded beside its original cells, and leaves
 * the staged rows, so that rows referring to it (its children) find nothing to refer to.
 */
public final class RowFailures {

    private final Connection connection;
    private final UUID jobId;
    private final List<Long> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long count;

    public RowFailures(Connection connection, UUID jobId) {
        this.connection = connection;
        this.jobId = jobId;
    }

    public void add(long rowNo, List<RowProblem> found) {
        rows.add(rowNo);
        problems.add(json(found));
        count++;
    }

    /** Rows failed so far, flushed or not. */
    public long count() {
        return count;
    }

    public static String json(List<RowProblem> found) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (RowProblem problem : found) {
            var item = Json.createObjectBuilder();
            if (problem.field() == null) {
                item.addNull("field");
            } else {
                item.add("field", problem.field());
            }
            array.add(item.add("message", problem.message()));
        }
        return array.build().toString();
    }

    public void flush() throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement record = connection.prepareStatement(
                        """
                        insert into data_job_error (org_id, job_id, row_no, problems, original)
                        select r.org_id, r.job_id, r.row_no, ?::jsonb, r.original from data_job_row r
                        where r.job_id = ? and r.row_no = ?
                        on conflict (job_id, row_no) do update set problems = excluded.problems""");
                PreparedStatement remove =
                        connection.prepareStatement("delete from data_job_row where job_id = ? and row_no = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                record.setString(1, problems.get(i));
                record.setObject(2, jobId);
                record.setLong(3, rows.get(i));
                record.addBatch();
                remove.setObject(1, jobId);
                remove.setLong(2, rows.get(i));
                remove.addBatch();
            }
            record.executeBatch();
            remove.executeBatch();
        }
        rows.clear();
        problems.clear();
    }
}
