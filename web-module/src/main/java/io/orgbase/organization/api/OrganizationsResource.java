package io.orgbase.organization.api;

import io.orgbase.api.Callers;
import io.orgbase.api.Items;
import io.orgbase.api.Subdomains;
import io.orgbase.organization.boundary.OrganizationRequest;
import io.orgbase.organization.boundary.Organizations;
import io.orgbase.organization.boundary.Organizations.Listed;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("orgs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organizations")
public class OrganizationsResource {

    @Inject
    Callers callers;

    @Inject
    Organizations organizations;

    @Inject
    Subdomains subdomains;

    @Inject
    TenantBoundaries boundaries;

    @GET
    @Operation(
            summary = "The caller's organizations (platform administrators see all)",
            description = "Sortable: slug (default), name, code, createdAt, effectiveDate. Filterable: those, id, "
                    + "status, type, parentId, currency, endDate, and tag (organizations whose own tags include "
                    + "any of the names, spelled as each organization spells it). Searched by q: slug, name, "
                    + "code. A platform administrator lists every organization. Archived organizations are left "
                    + "out unless the request filters on status (?status=archived).")
    @APIResponse(
            responseCode = "200",
            description = "Organizations",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "OrganizationPage")))
    public Items<OrganizationView> list(@Context UriInfo uri) {
        return Items.of(organizations.listFor(callers.currentUser(), CollectionParams.from(uri)), OrganizationView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organization; the caller becomes its owner")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "OrganizationRequest")))
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names the organization",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Organization")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(InputStream body, @Context UriInfo uri) {
        OrganizationRequest request = OrganizationRequests.forCreate(JsonBody.read(body));
        Listed created = organizations.create(callers.currentUser(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(created.organization().getId().toString())
                        .build())
                .entity(OrganizationView.of(created))
                .build();
    }

    /**
     * One organization, by slug or id, or {@code current}: the organization of the request's
     * subdomain, else the caller's default. 404 unless the caller is a member (or platform
     * administrator).
     */
    @Path("{org}")
    public OrganizationResource organization(
            @Parameter(ref = "org") @PathParam("org") String reference,
            @Parameter(hidden = true) @HeaderParam("Host") String host) {
        if (Organizations.CURRENT.equals(reference)) {
            reference = subdomains.slugOf(host).orElse(reference);
        }
        // Resolved (404 for strangers) by the first boundary call, in that call's transaction.
        return new OrganizationResource(Tenant.of(callers.current(), reference), boundaries);
    }
}
