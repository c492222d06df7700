package io.orgbase.organization.api;

import io.orgbase.access.api.RolesResource;
import io.orgbase.analytics.api.AnalyticsResource;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.audit.api.AuditEventsResource;
import io.orgbase.contact.api.ContactsResource;
import io.orgbase.customfield.api.CustomFieldsResource;
import io.orgbase.department.api.DepartmentsResource;
import io.orgbase.feature.api.OrganizationFeaturesResource;
import io.orgbase.identity.api.ApiKeysResource;
import io.orgbase.organization.OrganizationStatus;
import io.orgbase.organization.boundary.OrganizationRequest;
import io.orgbase.organization.boundary.Organizations;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.Patch;
import io.orgbase.settings.api.SettingsResource;
import io.orgbase.tag.api.TagsResource;
import io.orgbase.team.api.TeamsResource;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
        OrganizationRequest values = OrganizationRequests.forUpdate(json);
        return OrganizationView.of(
                organizations.update(tenant, new Patch<>(values, json.present(), ETags.ifMatch(headers))));
    }

    @DELETE
    public Response delete(@Context HttpHeaders headers) {
        organizations.delete(tenant, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    /**
     * Suspends, archives or reactivates the organization: {@code {"status": "suspended", "reason":
     * "..."}}.
     */
    @PUT
    @Path("status")
    @Consumes(MediaType.APPLICATION_JSON)
    public OrganizationView changeStatus(InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        OrganizationStatus status = json.oneOf("status", OrganizationStatus.class, JsonBody.Need.REQUIRED);
        String reason = json.string("reason", JsonBody.Need.NULLABLE);
        json.finish();
        return OrganizationView.of(organizations.changeStatus(tenant, status, reason, ETags.ifMatch(headers)));
    }

    /** The direct subsidiaries (the collection conventions apply). */
    @GET
    @Path("children")
    public Items<RelativeView> children(@Context UriInfo uri) {
        return Items.of(organizations.children(tenant, CollectionParams.from(uri)), RelativeView::of);
    }

    /** The parents up to the top of the hierarchy, the top first. */
    @GET
    @Path("ancestors")
    public Items<RelativeView> ancestors() {
        return new Items<>(
                organizations.ancestors(tenant).stream().map(RelativeView::of).toList());
    }

    /** Everything below, each with its depth (the collection conventions apply). */
    @GET
    @Path("descendants")
    public Items<RelativeView> descendants(@Context UriInfo uri) {
        return Items.of(organizations.descendants(tenant, CollectionParams.from(uri)), RelativeView::of);
    }

    @Path("settings")
    public SettingsResource settings() {
        return new SettingsResource(tenant, boundaries.settings());
    }

    @Path("features")
    public OrganizationFeaturesResource features() {
        return new OrganizationFeaturesResource(tenant, boundaries.features());
    }

    @Path("members")
    public MembersResource members() {
        return new MembersResource(tenant, boundaries.memberships());
    }

    @Path("departments")
    public DepartmentsResource departments() {
        return new DepartmentsResource(tenant, boundaries.departments(), boundaries.memberships());
    }

    @Path("teams")
    public TeamsResource teams() {
        return new TeamsResource(tenant, boundaries.teams());
    }

    @Path("analytics")
    public AnalyticsResource analytics() {
        return new AnalyticsResource(tenant, boundaries.analytics());
    }

    @Path("contacts")
    public ContactsResource contacts() {
        return new ContactsResource(tenant, boundaries.contacts());
    }

    @Path("custom-fields")
    public CustomFieldsResource customFields() {
        return new CustomFieldsResource(tenant, boundaries.customFields());
    }

    @Path("tags")
    public TagsResource tags() {
        return new TagsResource(tenant, boundaries.tags());
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
