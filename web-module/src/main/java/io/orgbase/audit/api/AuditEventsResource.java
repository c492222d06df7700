package io.orgbase.audit.api;

import io.orgbase.audit.boundary.AuditEvents;
import io.orgbase.audit.boundary.AuditEvents.Verification;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
    public AuditQuery.PageView list(@BeanParam AuditQuery query) {
        return AuditQuery.PageView.of(events.list(tenant, query.filter(), query.before(), query.limit()));
    }

    @GET
    @Path("verify")
    public Verification verify() {
        return events.verify(tenant);
    }
}
