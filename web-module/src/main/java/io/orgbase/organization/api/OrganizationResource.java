package io.orgbase.organization.api;

import io.orgbase.access.api.RolesResource;
import io.orgbase.analytics.api.AnalyticsResource;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.audit.api.AuditEventsResource;
import io.orgbase.bundle.api.BundleResource;
import io.orgbase.category.api.CategoriesResource;
import io.orgbase.contact.api.ContactsResource;
import io.orgbase.customfield.api.CustomFieldsResource;
import io.orgbase.datajob.api.DataJobsResource;
import io.orgbase.department.api.DepartmentsResource;
import io.orgbase.feature.api.OrganizationFeaturesResource;
import io.orgbase.identity.api.ApiKeysResource;
import io.orgbase.mail.api.MailTemplatesResource;
import io.orgbase.notification.api.AnnouncementsResource;
import io.orgbase.notification.api.NotificationPreferencesResource;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One organization; everything below it runs in this organization as the tenant. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organizations")
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
    @Operation(summary = "The organization")
    @APIResponse(
            responseCode = "200",
            description = "The organization",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Organization")))
    public OrganizationView get() {
        return OrganizationView.of(organizations.get(tenant));
    }

    @GET
    @Path("me")
    @Operation(
            summary = "What the caller may do here: role and effective permissions",
            description = "The caller's role in the organization (null for a platform administrator who is not a "
                    + "member) and every permission it grants, inherited ones included: what the caller may grant "
                    + "to others, and what a client may offer. Every action is still checked when it is asked for.")
    @APIResponse(
            responseCode = "200",
            description = "The caller's access",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "CallerAccess")))
    public Organizations.CallerAccess access() {
        return organizations.access(tenant);
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            summary = "Change the organization's fields (owner, admin; moving it and audit retention are for "
                    + "owners)",
            description = "Only the fields sent change; null clears the ones that may be empty. A new parentId "
                    + "moves the organization in the hierarchy: owners only, organization:write needed in the "
                    + "new parent, and a move below itself is a 400. null makes it a top-level organization.")
    @Parameter(ref = "ifMatch")
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = "application/json", schema = @Schema(ref = "OrganizationPatch")),
                @Content(mediaType = "application/merge-patch+json", schema = @Schema(ref = "OrganizationPatch"))
            })
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Organization")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public OrganizationView update(InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        OrganizationRequest values = OrganizationRequests.forUpdate(json);
        return OrganizationView.of(
                organizations.update(tenant, new Patch<>(values, json.present(), ETags.ifMatch(headers))));
    }

    @DELETE
    @Operation(summary = "Delete the organization and everything it owns (owner only; 409 while it has subsidiaries)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
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
    @Operation(
            summary = "Suspend, archive or reactivate the organization",
            description = "Suspended: everyone reads, only owners and platform administrators change anything, API "
                    + "keys are refused (403 organization-suspended). Archived: read-only for everyone (403 "
                    + "organization-archived) except deleting it, and left out of lists unless the request "
                    + "filters on status. Owners may suspend or archive; platform administrators make any "
                    + "transition, and only they reactivate. Each transition is an audit event "
                    + "(organization-suspended, organization-archived, organization-active) with its reason. "
                    + "The same status again changes nothing.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "StatusChange")))
    @APIResponse(
            responseCode = "200",
            description = "The organization in its new state",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Organization")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
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
    @Operation(
            summary = "The direct subsidiaries",
            description = "Sortable: name (default), slug, code; filterable by id, status, type and parentId; "
                    + "searched by q over slug, name and code - only what the view shows. Members of this "
                    + "organization see these facts about its subsidiaries without being members there.")
    @APIResponse(
            responseCode = "200",
            description = "A page of subsidiaries (depth 1)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RelativePage")))
    public Items<RelativeView> children(@Context UriInfo uri) {
        return Items.of(organizations.children(tenant, CollectionParams.from(uri)), RelativeView::of);
    }

    /** The parents up to the top of the hierarchy, the top first. */
    @GET
    @Path("ancestors")
    @Operation(summary = "The parents up to the top of the hierarchy, the top first")
    @APIResponse(
            responseCode = "200",
            description = "The ancestors (depth counts up from this organization; empty at the top)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RelativeList")))
    public Items<RelativeView> ancestors() {
        return new Items<>(
                organizations.ancestors(tenant).stream().map(RelativeView::of).toList());
    }

    /** Everything below, each with its depth (the collection conventions apply). */
    @GET
    @Path("descendants")
    @Operation(
            summary = "Every organization below this one, with its depth",
            description = "As children, over the whole subtree (up to 10,000 organizations, the nearest first; at "
                    + "most 20 levels deep). depth 1 is a direct subsidiary.")
    @APIResponse(
            responseCode = "200",
            description = "A page of descendants",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RelativePage")))
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

    @Path("categories")
    public CategoriesResource categories() {
        return new CategoriesResource(tenant, boundaries.categories());
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

    @Path("announcements")
    public AnnouncementsResource announcements() {
        return new AnnouncementsResource(tenant, boundaries.announcements());
    }

    @Path("data-jobs")
    public DataJobsResource dataJobs() {
        return new DataJobsResource(tenant, boundaries.dataJobs());
    }

    @Path("mail-templates")
    public MailTemplatesResource mailTemplates() {
        return new MailTemplatesResource(tenant, boundaries.mailTemplates());
    }

    @Path("notification-preferences")
    public NotificationPreferencesResource notificationPreferences() {
        return new NotificationPreferencesResource(tenant, boundaries.notificationPreferences());
    }

    @Path("bundle")
    public BundleResource bundle() {
        return new BundleResource(tenant, boundaries.bundles());
    }
}
