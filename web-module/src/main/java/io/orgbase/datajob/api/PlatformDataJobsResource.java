package io.orgbase.datajob.api;

import io.orgbase.api.Callers;
import io.orgbase.api.Items;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.datajob.boundary.PlatformDataJobs;
import io.orgbase.datajob.boundary.PlatformDataJobs.PlatformJob;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.QueryInts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every organization's data jobs, for platform administrators: watch them, and stop, restart or abandon them. */
@Path("admin/data-jobs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data-jobs")
public class PlatformDataJobsResource {

    @Inject
    Callers callers;

    @Inject
    PlatformDataJobs jobs;

    /** A job with its steps as they ran (on GET of one job). */
    public record PlatformJobDetail(PlatformJob job, JsonObject steps) {}

    @GET
    @Operation(
            summary = "Data jobs of every organization, newest first; platform administrators only",
            description = "Filters: status, orgId, kind (import, export), collection, createdBefore and createdAfter "
                    + "(ISO 8601 instants: a job's age). Pages of limit (1-200, 50) with cursor.")
    @APIResponse(
            responseCode = "200",
            description = "A page of jobs",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PlatformDataJobPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<PlatformJob> list(
            @QueryParam("status") String status,
            @QueryParam("orgId") String orgId,
            @QueryParam("kind") String kind,
            @QueryParam("collection") String collection,
            @QueryParam("createdBefore") String createdBefore,
            @QueryParam("createdAfter") String createdAfter,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        PlatformDataJobs.Filter filter = new PlatformDataJobs.Filter(
                status,
                uuid("orgId", orgId),
                kind,
                collection,
                instant("createdBefore", createdBefore),
                instant("createdAfter", createdAfter),
                cursor == null || cursor.isEmpty() ? null : cursor,
                QueryInts.parse("limit", limit, CollectionRequest.DEFAULT_LIMIT, 1, CollectionRequest.MAX_LIMIT));
        var page = jobs.list(callers.currentUser(), filter);
        return new Items<>(page.items(), page.nextCursor(), null);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One data job of any organization, with its steps and the runtime's metrics")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PlatformDataJobDetail")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PlatformJobDetail get(@PathParam("id") UUID id) {
        PlatformDataJobs.Detail detail = jobs.get(callers.currentUser(), id);
        return new PlatformJobDetail(detail.job(), Jsonp.object(detail.steps()));
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop a queued or running job after its current chunk (audited)")
    @APIResponse(
            responseCode = "200",
            description = "Stopping",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PlatformDataJob")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public PlatformJob stop(@PathParam("id") UUID id) {
        return jobs.stop(callers.currentUser(), id);
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Run a stopped or failed job again from where it stands (audited)")
    @APIResponse(
            responseCode = "200",
            description = "Queued",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PlatformDataJob")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public PlatformJob restart(@PathParam("id") UUID id) {
        return jobs.restart(callers.currentUser(), id);
    }

    @POST
    @Path("{id}/abandon")
    @Operation(summary = "Give a stopped or failed job up for good (audited)")
    @APIResponse(
            responseCode = "200",
            description = "Abandoned",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PlatformDataJob")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public PlatformJob abandon(@PathParam("id") UUID id) {
        return jobs.abandon(callers.currentUser(), id);
    }

    private static UUID uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field(name, "must be a UUID");
        }
    }

    private static OffsetDateTime instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidInput.field(name, "must be an ISO 8601 instant with its offset (2026-12-01T00:00:00Z)");
        }
    }
}
