package io.orgbase.maintenance.api;

import io.orgbase.api.Callers;
import io.orgbase.api.Items;
import io.orgbase.maintenance.boundary.PlatformMaintenance;
import io.orgbase.maintenance.control.MaintenanceRuns.Run;
import io.orgbase.requests.QueryInts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The platform's maintenance (retention and purges), each task a batch job run once per cluster at
 * its time: the tasks with their latest runs, the runs, and a run started now.
 */
@Path("admin/maintenance")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "maintenance")
public class PlatformMaintenanceResource {

    @Inject
    Callers callers;

    @Inject
    PlatformMaintenance maintenance;

    @GET
    @Operation(summary = "The maintenance tasks with their schedules and latest runs; platform administrators only")
    @APIResponse(
            responseCode = "200",
            description = "The tasks",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MaintenanceTaskList")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<PlatformMaintenance.Task> tasks() {
        return new Items<>(maintenance.tasks(callers.currentUser()), null, null);
    }

    @GET
    @Path("runs")
    @Operation(
            summary = "Maintenance runs, newest first",
            description = "Filters: task, status (queued, running, completed, failed); at most limit (1-200, 50).")
    @APIResponse(
            responseCode = "200",
            description = "The runs",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MaintenanceRunList")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<Run> runs(
            @QueryParam("task") String task, @QueryParam("status") String status, @QueryParam("limit") String limit) {
        return new Items<>(
                maintenance.runs(
                        callers.currentUser(),
                        blank(task),
                        blank(status),
                        QueryInts.parse("limit", limit, 50, 1, PlatformMaintenance.MAX_RUNS)),
                null,
                null);
    }

    @GET
    @Path("runs/{id}")
    @Operation(summary = "One maintenance run")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MaintenanceRun")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Run run(@PathParam("id") UUID id) {
        return maintenance.run(callers.currentUser(), id);
    }

    @POST
    @Path("{task}/runs")
    @Operation(summary = "Run a maintenance task now, outside its schedule (audited)")
    @APIResponse(
            responseCode = "202",
            description = "The run, queued; watch it at Location",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MaintenanceRun")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response start(@PathParam("task") String task, @Context UriInfo uri) {
        Run run = maintenance.start(callers.currentUser(), task);
        return Response.accepted(run)
                .location(uri.getBaseUriBuilder()
                        .path("admin/maintenance/runs/{id}")
                        .build(run.id()))
                .build();
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
