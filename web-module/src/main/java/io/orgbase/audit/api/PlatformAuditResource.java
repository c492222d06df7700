package io.orgbase.audit.api;

import io.orgbase.api.Callers;
import io.orgbase.audit.boundary.AuditEvents;
import io.orgbase.audit.boundary.AuditEvents.Verification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The platform's audit trail (sign-ins, accounts): platform administrators only. */
@Path("admin/audit-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlatformAuditResource {

    @Inject
    Callers callers;

    @Inject
    AuditEvents events;

    @GET
    public AuditQuery.PageView list(@BeanParam AuditQuery query) {
        return AuditQuery.PageView.of(
                events.listPlatform(callers.currentUser(), query.filter(), query.before(), query.limit()));
    }

    @GET
    @Path("verify")
    public Verification verify() {
        return events.verifyPlatform(callers.currentUser());
    }
}
