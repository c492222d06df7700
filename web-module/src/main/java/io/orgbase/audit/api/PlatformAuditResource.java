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

/** The platform's audit trail (sign-ins, accounts): platform administrators only. */
@Path("admin/audit-events")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlatformAuditResource {

    @Inject
    Callers callers;

    @Inject
    AuditEvents events;

    @GET
    public Items<AuditEventView> list(@Context UriInfo uri) {
        return Items.of(events.listPlatform(callers.currentUser(), CollectionParams.from(uri)), AuditEventView::of);
    }

    /** What applying retention removed: entries per organization id. */
    public record RetentionView(Map<UUID, Long> removed) {}

    /** Applies every organization's audit retention now instead of at night. */
    @POST
    @Path("retention")
    public RetentionView applyRetention() {
        return new RetentionView(events.applyRetention(callers.currentUser()));
    }

    @GET
    @Path("verify")
    @Cost(20) // walks the whole chain
    public Verification verify() {
        return events.verifyPlatform(callers.currentUser());
    }
}
