package io.orgbase.audit.api;

import io.orgbase.api.Cost;
import io.orgbase.api.Items;
import io.orgbase.audit.boundary.AuditEvents;
import io.orgbase.audit.boundary.AuditEvents.Verification;
import io.orgbase.requests.CollectionParams;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail of one organization. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditEventsResource {

    private final Tenant tenant;
    private final AuditEvents events;

    public AuditEventsResource(Tenant tenant, AuditEvents events) {
        this.tenant = tenant;
        this.events = events;
    }

    @GET
    @Operation(
            summary = "The organization's audit trail, newest first (audit:read)",
            description = "Sortable: seq (default, newest first), occurredAt. Filterable: those, action, "
                    + "entityType, entityId, actorId, actorType, actor, requestId, clientAddress, changes. "
                    + "Searched by q: action, entity type and id, actor, changes.")
    @APIResponse(
            responseCode = "200",
            description = "A page of entries",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AuditPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<AuditEventView> list(@Context UriInfo uri) {
        return Items.of(events.list(tenant, CollectionParams.from(uri)), AuditEventView::of);
    }

    @GET
    @Path("verify")
    @Cost(20) // walks the whole chain
    @Operation(
            summary =
                    "Walk the organization's hash chain and report the first entry that does not fit " + "(audit:read)")
    @APIResponse(
            responseCode = "200",
            description = "The outcome (200 also when the chain is broken)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AuditVerification")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Verification verify() {
        return events.verify(tenant);
    }
}
