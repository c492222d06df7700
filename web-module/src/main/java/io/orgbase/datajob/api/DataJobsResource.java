package io.orgbase.datajob.api;

import io.orgbase.api.Cost;
import io.orgbase.api.Items;
import io.orgbase.api.RequestBudget;
import io.orgbase.datajob.DataJob;
import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.StoredFile;
import io.orgbase.datajob.boundary.DataJobs;
import io.orgbase.datajob.boundary.ExportRequest;
import io.orgbase.datajob.boundary.ImportRequest;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.QueryInts;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization's imports: upload a file, start a job, watch it, read its per-row errors, control it. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data-jobs")
public class DataJobsResource {

    private static final int MAX_NAME = 255;

    private final Tenant tenant;
    private final DataJobs jobs;

    public DataJobsResource(Tenant tenant, DataJobs jobs) {
        this.tenant = tenant;
        this.jobs = jobs;
    }

    /** An uploaded file. */
    public record FileView(
            UUID id, String name, String contentType, long size, String sha256, OffsetDateTime expiresAt) {
        static FileView of(StoredFile file) {
            return new FileView(
                    file.getId(),
                    file.getName(),
                    file.getContentType(),
                    file.getSizeBytes(),
                    file.getSha256(),
                    file.getExpiresAt());
        }
    }

    /** A row an import refused: its number in the file (the header is row 1), why, and its cells. */
    public record ErrorView(long row, JsonArray problems, JsonObject original) {}

    /** A page of error rows; {@code nextAfter} continues it. */
    public record ErrorPage(List<ErrorView> items, Long nextAfter) {}

    @POST
    @Path("files")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Upload a file to import (the raw body: CSV); kept 24 hours unless a job reads it",
            description = "The body is streamed into the database, never held whole; at most "
                    + "ORGBASE_IMPORT_MAX_BYTES (1 GiB unless set). Name it with ?name=.")
    @APIResponse(
            responseCode = "201",
            description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "StoredFile")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    public Response upload(
            InputStream body,
            @QueryParam("name") String name,
            @HeaderParam("Content-Type") String contentType,
            @Context UriInfo uri) {
        String fileName = name == null || name.isBlank() ? "upload.csv" : name.strip();
        if (fileName.length() > MAX_NAME || fileName.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInput.field("name", "must be at most " + MAX_NAME + " characters, without control characters");
        }
        String type = contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType;
        if (type.length() > 200) {
            throw InvalidInput.field("Content-Type", "is too long");
        }
        StoredFile file = jobs.upload(tenant, fileName, type, body);
        return Response.status(Response.Status.CREATED)
                .entity(FileView.of(file))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start an import of an uploaded file into a collection (the collection's write permission),"
                    + " or an export of a collection to CSV, XLSX or PDF (its read permission)",
            description = "Answers 202 at once; the job runs in the background (GET it for its progress). "
                    + "Imports: rows are matched by the collection's natural key (departments: code); mode create, "
                    + "update or upsert (default). dryRun checks and counts everything and changes nothing. Headers "
                    + "match the API's field names or their aliases; mapping names others (header to field). "
                    + "Exports: the rows the collection's list would give for query, in the columns named by "
                    + "fields; GET the finished job for its file (result). A caller has at most "
                    + "ORGBASE_DATA_JOBS_PER_CALLER (3) jobs queued or running at once (429 beyond).")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJobRequest")))
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJob")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response start(InputStream body, @Context UriInfo uri) {
        JsonBody json = JsonBody.read(body);
        String type = json.string("type", Need.NULLABLE);
        if (type != null && !type.equals("import") && !type.equals("export")) {
            throw InvalidInput.field("type", "must be import or export");
        }
        DataJob job = "export".equals(type) ? startExport(json) : startImport(json);
        DataJobView started = DataJobView.of(job);
        return Response.accepted(started)
                .location(uri.getAbsolutePathBuilder()
                        .path(started.id().toString())
                        .build())
                .build();
    }

    private DataJob startExport(JsonBody json) {
        List<String> fields = json.strings("fields", Need.NULLABLE, 100);
        ExportRequest request = new ExportRequest(
                json.string("collection", Need.REQUIRED),
                json.string("format", Need.REQUIRED),
                fields,
                json.string("query", Need.NULLABLE));
        json.finish();
        // the export's query is a search and a count, once: charged as one list would be
        RequestBudget.current().chargeExpensive(CollectionParams.SEARCH_COST + CollectionParams.COUNT_COST);
        return jobs.startExport(tenant, request);
    }

    private DataJob startImport(JsonBody json) {
        Map<String, String> mapping = null;
        JsonBody map = json.object("mapping", Need.NULLABLE);
        if (map != null) {
            mapping = new LinkedHashMap<>();
            for (String header : map.present()) {
                mapping.put(header, map.string(header, Need.REQUIRED));
            }
        }
        ImportRequest request = new ImportRequest(
                json.string("collection", Need.REQUIRED),
                json.uuid("fileId", Need.REQUIRED),
                json.string("mode", Need.NULLABLE),
                json.bool("dryRun", Need.NULLABLE),
                json.string("charset", Need.NULLABLE),
                json.string("delimiter", Need.NULLABLE),
                mapping,
                json.string("format", Need.NULLABLE),
                json.string("sheet", Need.NULLABLE),
                json.bool("allOrNothing", Need.NULLABLE));
        json.finish();
        return jobs.startImport(tenant, request);
    }

    @GET
    @Operation(
            summary = "Data jobs, newest first: your own, or everyone's with data-jobs:manage (owner, admin)",
            description = "Sortable: createdAt (default, newest first). Filterable: status, kind, collection, "
                    + "createdBy.")
    @APIResponse(
            responseCode = "200",
            description = "A page of jobs",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJobPage")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Items<DataJobView> list(@Context UriInfo uri) {
        return Items.of(jobs.list(tenant, CollectionParams.from(uri)), DataJobView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One data job: its status, counts, pace and time left")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJob")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public DataJobView get(@PathParam("id") UUID id, @Context UriInfo uri) {
        DataJob job = jobs.get(tenant, id);
        DataJobs.Result result = jobs.result(tenant, id);
        DataJobView.Download download = null;
        if (result != null) {
            StoredFile file = result.file();
            download = new DataJobView.Download(
                    file.getName(),
                    file.getContentType(),
                    file.getSizeBytes(),
                    file.getSha256(),
                    file.getExpiresAt(),
                    uri.getAbsolutePathBuilder().path("result").build(),
                    uri.getBaseUriBuilder()
                            .path("data-job-downloads")
                            .path(result.token())
                            .build());
        }
        return DataJobView.of(job, download);
    }

    @GET
    @Path("{id}/result")
    @Produces(MediaType.WILDCARD)
    @Operation(
            summary = "A finished export's file (CSV, XLSX or PDF), while it is kept",
            description = "The job's result.link downloads the same file without signing in until it expires.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response result(@PathParam("id") UUID id) {
        StoredFile file = jobs.download(tenant, id);
        return Downloads.stream(
                file.getName(),
                file.getContentType(),
                file.getSizeBytes(),
                n -> jobs.resultChunk(tenant, id, file.getId(), n));
    }

    @GET
    @Path("{id}/errors")
    @Operation(
            summary = "The rows a job refused, in file order: row number, problems (field and message), original cells",
            description = "Pages of up to limit (100 unless asked, at most 1000) rows; continue with after=nextAfter.")
    @APIResponse(
            responseCode = "200",
            description = "A page of error rows",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJobErrorPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ErrorPage errors(
            @PathParam("id") UUID id, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        long from = QueryInts.parseLong("after", after, 0, 0, Long.MAX_VALUE);
        int size = QueryInts.parse("limit", limit, 100, 1, 1000);
        List<DataJobs.ErrorRow> rows = jobs.errors(tenant, id, from, size + 1);
        List<ErrorView> items = new ArrayList<>();
        for (DataJobs.ErrorRow row : rows.subList(0, Math.min(size, rows.size()))) {
            items.add(new ErrorView(row.row(), Jsonp.array(row.problems()), Jsonp.object(row.original())));
        }
        Long next = rows.size() > size ? items.get(items.size() - 1).row() : null;
        return new ErrorPage(items, next);
    }

    @GET
    @Path("{id}/errors.csv")
    @Produces("text/csv")
    @Cost(20) // reads every refused row of the job, twice, and writes a file
    @Operation(
            summary = "Every row a job refused, as CSV: row, field and message, then the row's original cells",
            description = "One line per problem, the original cells under the file's own headers, so the rows can be"
                    + " corrected and imported again.")
    @APIResponse(responseCode = "200", description = "The error rows", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response errorsCsv(@PathParam("id") UUID id) {
        return ErrorFiles.download(tenant, jobs, id, ExportOutput.Format.CSV);
    }

    @GET
    @Path("{id}/errors.xlsx")
    @Cost(20) // reads every refused row of the job, twice, and writes a workbook
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(
            summary = "Every row a job refused, as a workbook: row, field and message, then the row's original cells")
    @APIResponse(
            responseCode = "200",
            description = "The error rows",
            content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response errorsXlsx(@PathParam("id") UUID id) {
        return ErrorFiles.download(tenant, jobs, id, ExportOutput.Format.XLSX);
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop a queued or running job after its current chunk (its starter, or data-jobs:manage)")
    @APIResponse(
            responseCode = "200",
            description = "Stopping",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJob")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public DataJobView stop(@PathParam("id") UUID id) {
        return DataJobView.of(jobs.stop(tenant, id));
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Run a stopped or failed job again from where it stands (its starter, or data-jobs:manage)")
    @APIResponse(
            responseCode = "200",
            description = "Queued again",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJob")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public DataJobView restart(@PathParam("id") UUID id) {
        return DataJobView.of(jobs.restart(tenant, id));
    }

    @POST
    @Path("{id}/abandon")
    @Operation(
            summary = "Give a stopped or failed job up for good (its starter, or data-jobs:manage)",
            description = "What it staged is dropped; what it already applied stays.")
    @APIResponse(
            responseCode = "200",
            description = "Abandoned",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DataJob")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public DataJobView abandon(@PathParam("id") UUID id) {
        return DataJobView.of(jobs.abandon(tenant, id));
    }
}
