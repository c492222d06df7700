package io.orgbase.datajob.api;

import io.orgbase.datajob.CsvInput;
import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.boundary.DataJobs;
import io.orgbase.json.Jsonp;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A job's refused rows as a file to download (CSV or XLSX): one line per problem, its row number,
 * field and message, then the row's original cells under the file's own headers, so the file can be
 * corrected beside what was wrong and imported again. Written with the exports' own writers (formula
 * neutralisation, typed XLSX) to a private temporary file, streamed, and deleted.
 */
final class ErrorFiles {

    /** Error rows read from the database at a time. */
    private static final int PAGE = 1000;

    private ErrorFiles() {}

    static Response download(Tenant tenant, DataJobs jobs, UUID id, ExportOutput.Format format) {
        String collection = jobs.get(tenant, id).getCollection();
        Path file;
        try {
            file = Files.createTempFile("orgbase-errors-", "." + format.key());
            try {
                write(tenant, jobs, id, collection, format, file);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamingOutput stream = output -> {
            try {
                Files.copy(file, output);
            } finally {
                Files.deleteIfExists(file);
            }
        };
        return Response.ok(stream, format.contentType())
                .header("Content-Disposition", "attachment; filename=\"errors-" + id + "." + format.key() + "\"")
                .build();
    }

    private static void write(
            Tenant tenant, DataJobs jobs, UUID id, String collection, ExportOutput.Format format, Path file)
            throws IOException {
        // the original cells' headers, in the file's order (rows longer than the header add theirs)
        Set<String> headers = new LinkedHashSet<>();
        each(tenant, jobs, id, row -> {
            if (headers.size() < CsvInput.MAX_COLUMNS) {
                headers.addAll(Jsonp.object(row.original()).keySet());
            }
        });
        List<String> columns = new ArrayList<>(List.of("row", "field", "message"));
        columns.addAll(headers);
        ExportOutput.Report report = new ExportOutput.Report(
                "", collection + " errors", columns, "rows with problems", "#000000", OffsetDateTime.now());
        try (ExportOutput output = format.open(file, report)) {
            each(tenant, jobs, id, row -> {
                JsonObject original = Jsonp.object(row.original());
                for (JsonValue problem : Jsonp.array(row.problems())) {
                    JsonObject p = problem.asJsonObject();
                    List<Object> values = new ArrayList<>(columns.size());
                    values.add(row.row());
                    values.add(p.isNull("field") ? "" : p.getString("field"));
                    values.add(p.getString("message"));
                    for (String header : headers) {
                        JsonValue cell = original.get(header);
                        values.add(cell instanceof jakarta.json.JsonString text ? text.getString() : "");
                    }
                    try {
                        output.row(values);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void each(
            Tenant tenant, DataJobs jobs, UUID id, java.util.function.Consumer<DataJobs.ErrorRow> action) {
        long after = 0;
        while (true) {
            List<DataJobs.ErrorRow> rows = jobs.errors(tenant, id, after, PAGE);
            rows.forEach(action);
            if (rows.size() < PAGE) {
                return;
            }
            after = rows.get(rows.size() - 1).row();
        }
    }
}
