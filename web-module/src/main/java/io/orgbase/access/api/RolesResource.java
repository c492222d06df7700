package io.orgbase.access.api;

import io.orgbase.access.Permission;
import io.orgbase.access.boundary.OrganizationRoles;
import io.orgbase.access.boundary.OrganizationRoles.Described;
import io.orgbase.access.boundary.RoleRequest;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The roles of one organization: system roles (read-only) and custom roles. */
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    /** Most permissions a custom role can list; the catalogue is far smaller. */
    private static final int MAX_PERMISSIONS = 200;

    private final Tenant tenant;
    private final OrganizationRoles roles;

    public RolesResource(Tenant tenant, OrganizationRoles roles) {
        this.tenant = tenant;
        this.roles = roles;
    }

    /**
     * A role. System roles have no id, timestamps or version; {@code permissions} are the role's
     * own, {@code effectivePermissions} add what it inherits from {@code parent}.
     */
    public record RoleView(
            UUID id,
            String key,
            String name,
            String description,
            boolean system,
            String parent,
            List<String> permissions,
            List<String> effectivePermissions,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            Long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static RoleView of(Described role) {
            return new RoleView(
                    role.system() ? null : role.custom().getId(),
                    role.role().key(),
                    role.name(),
                    role.description(),
                    role.system(),
                    role.parent(),
                    keys(role.own()),
                    keys(role.effective()),
                    role.system() ? null : role.custom().getCreatedAt(),
                    role.system() ? null : role.custom().getUpdatedAt(),
                    role.system() ? null : role.custom().getVersion());
        }

        /** In catalogue order, whatever order they were stored in. */
        private static List<String> keys(Set<Permission> permissions) {
            return Arrays.stream(Permission.values())
                    .filter(permissions::contains)
                    .map(Permission::key)
                    .toList();
        }
    }

    @GET
    public Items<RoleView> list(@Context UriInfo uri) {
        return Items.of(roles.list(tenant, CollectionParams.from(uri)), RoleView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context UriInfo uri) {
        return created(body, uri.getAbsolutePathBuilder());
    }

    /**
     * Creates, changes and deletes many custom roles in one request, each answered as its own
     * endpoint would; {@code atomic: true} makes it all or nothing. An operation's {@code id} is
     * the role's key (or id).
     */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bulk.Outcome bulk(InputStream body, @Context UriInfo uri) {
        UriBuilder collection = Bulk.collection(uri);
        return Bulk.run(
                body,
                Bulk.Operations.byKey(id -> !id.isBlank() && id.length() <= 100)
                        .create(item -> created(item, collection.clone()))
                        .update(this::updated)
                        .delete((id, precondition) -> roles.delete(tenant, id, precondition)));
    }

    private Response created(InputStream body, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        RoleRequest request = new RoleRequest(
                json.string("key", Need.REQUIRED),
                json.string("name", Need.REQUIRED),
                json.string("description", Need.NULLABLE),
                json.strings("permissions", Need.REQUIRED, MAX_PERMISSIONS),
                json.string("parent", Need.NULLABLE));
        json.finish();
        Described created = roles.create(tenant, request);
        return Response.created(collection.path(created.role().key()).build())
                .entity(RoleView.of(created))
                .build();
    }

    @GET
    @Path("{role}")
    public RoleView get(@PathParam("role") String role) {
        return RoleView.of(roles.get(tenant, role));
    }

    @PATCH
    @Path("{role}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public RoleView update(@PathParam("role") String role, InputStream body, @Context HttpHeaders headers) {
        return updated(role, body, ETags.ifMatch(headers));
    }

    private RoleView updated(String role, InputStream body, Precondition precondition) {
        JsonBody json = JsonBody.read(body);
        RoleRequest values = new RoleRequest(
                json.string("key", Need.OPTIONAL),
                json.string("name", Need.OPTIONAL),
                json.string("description", Need.NULLABLE),
                json.strings("permissions", Need.OPTIONAL, MAX_PERMISSIONS),
                json.string("parent", Need.NULLABLE));
        json.finish();
        return RoleView.of(roles.update(tenant, role, new Patch<>(values, json.present(), precondition)));
    }

    @DELETE
    @Path("{role}")
    public Response delete(@PathParam("role") String role, @Context HttpHeaders headers) {
        roles.delete(tenant, role, ETags.ifMatch(headers));
        return Response.noContent().build();
    }
}
