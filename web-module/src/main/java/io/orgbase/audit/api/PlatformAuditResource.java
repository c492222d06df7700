package io.orgbase.audit.api;

import io.orgbase.api.Callers;
import io.orgbase.api.Cost;
import io.orgbase.api.Items;
import io.orgbase.audit.boundary.AuditEvents;
import io.orgbase.audit.boundary.AuditEvents.Verification;
import io.orgbase.requests.CollectionParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's audit trail (sign-ins, accounts): platform administrators only. */
@Path("admin/audit-events")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class PlatformAuditResource {

    @Inject
    Callers callers;

    @Inject
    AuditEvents events;

    @GET
    @Operation(
            summary =
                    "The platform's audit trail (sign-ins, accounts), newest first; platform administrators " + "only",
            description = "The same fields as an organization's audit trail.")
    @APIResponse(
            responseCode = "200",
            description = "A page of entries",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AuditPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<AuditEventView> list(@Context UriInfo uri) {
        return Items.of(events.listPlatform(callers.currentUser(), CollectionParams.from(uri)), AuditEventView::of);
    }

    /** What applying retention removed: entries per organization id. */
    public record RetentionView(Map<UUID, Long> removed) {}

    /** Applies every organization's audit retention now instead of at night. */
    @POST
    @Path("retention")
    @Operation(
            summary = "Apply every organization's audit retention now (it also runs nightly); platform "
                    + "administrators only")
    @APIResponse(
            responseCode = "200",
            description = "Entries removed per organization id (organizations with nothing removed left out)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RetentionApplied")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public RetentionView applyRetention() {
        return new RetentionView(events.applyRetention(callers.currentUser()));
    }

    @GET
    @Path("verify")
    @Cost(20) // walks the whole chain
    @Operation(summary = "Walk the platform's hash chain; platform administrators only")
    @APIResponse(
            responseCode = "200",
            description = "The outcome",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AuditVerification")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Verification verify() {
        return events.verifyPlatform(callers.currentUser());
    }
}
