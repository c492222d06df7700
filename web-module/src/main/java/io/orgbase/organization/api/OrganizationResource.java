package io.orgbase.organization.api;

import io.orgbase.access.api.RolesResource;
import io.orgbase.api.ETags;
import io.orgbase.audit.api.AuditEventsResource;
import io.orgbase.department.api.DepartmentsResource;
import io.orgbase.identity.api.ApiKeysResource;
import io.orgbase.organization.boundary.OrganizationRequest;
import io.orgbase.organization.boundary.Organizations;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** One organization; everything below it runs in this organization as the tenant. */
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    private final Tenant tenant;
    private final TenantBoundaries boundaries;
    private final Organizations organizations;

    OrganizationResource(Tenant tenant, TenantBoundaries boundaries) {
        this.tenant = tenant;
        this.boundaries = boundaries;
        this.organizations = boundaries.organizations();
    }

    @GET
    public OrganizationView get() {
        return OrganizationView.of(organizations.get(tenant));
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public OrganizationView update(InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        OrganizationRequest values = new OrganizationRequest(
                json.string("slug", Need.OPTIONAL),
                json.string("name", Need.OPTIONAL),
                json.integer("auditRetentionDays", Need.NULLABLE));
        json.finish();
        return OrganizationView.of(
                organizations.update(tenant, new Patch<>(values, json.present(), ETags.ifMatch(headers))));
    }

    @DELETE
    public Response delete(@Context HttpHeaders headers) {
        organizations.delete(tenant, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    @Path("members")
    public MembersResource members() {
        return new MembersResource(tenant, boundaries.memberships());
    }

    @Path("departments")
    public DepartmentsResource departments() {
        return new DepartmentsResource(tenant, boundaries.departments());
    }

    @Path("invitations")
    public InvitationsResource invitations() {
        return new InvitationsResource(tenant, boundaries.invitations());
    }

    @Path("roles")
    public RolesResource roles() {
        return new RolesResource(tenant, boundaries.roles());
    }

    @Path("audit-events")
    public AuditEventsResource audit() {
        return new AuditEventsResource(tenant, boundaries.audit());
    }

    @Path("api-keys")
    public ApiKeysResource apiKeys() {
        return new ApiKeysResource(tenant, boundaries.apiKeys());
    }
}
