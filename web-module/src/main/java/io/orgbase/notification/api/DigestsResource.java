package io.orgbase.notification.api;

import io.orgbase.api.Callers;
import io.orgbase.notification.boundary.Digests;
import io.orgbase.notification.control.DigestJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Notification digests on demand: platform administrators only. */
@Path("admin/notification-digests")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class DigestsResource {

    @Inject
    Callers callers;

    @Inject
    Digests digests;

    @POST
    @Path("{mode}")
    @Operation(
            summary = "Send the daily or weekly notification digests now; platform administrators only",
            description = "Covers the last day or week of unread notifications of everyone who chose that digest. "
                    + "The schedule sends them anyway (daily from 06:00 UTC, weekly from Monday 06:00 UTC, once "
                    + "per cluster); this is for after an outage or to try the mail setup.")
    @APIResponse(
            responseCode = "200",
            description = "Queued",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DigestRun")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public DigestJob.Outcome send(@PathParam("mode") String mode) {
        return digests.sendNow(callers.currentUser(), mode);
    }
}
