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

/** The audit trail of one organization. */
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventsResource {

    private final Tenant tenant;
    private final AuditEvents events;

    public AuditEventsResource(Tenant tenant, AuditEvents events) {
        this.tenant = tenant;
        this.events = events;
    }

    @GET
    public Items<AuditEventView> list(@Context UriInfo uri) {
        return Items.of(events.list(tenant, CollectionParams.from(uri)), AuditEventView::of);
    }

    @GET
    @Path("verify")
    @Cost(20) // walks the whole chain
    public Verification verify() {
        return events.verify(tenant);
    }
}
