package io.orgbase.access.api;

import io.orgbase.access.Permission;
import io.orgbase.access.boundary.OrganizationRoles;
import io.orgbase.access.boundary.OrganizationRoles.Described;
import io.orgbase.access.boundary.RoleRequest;
import io.orgbase.api.CollectionDoc;
import io.orgbase.api.CollectionResource;
import io.orgbase.api.Tagged;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tenancy.Tenant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The roles of one organization: system roles (read-only) and custom roles, named in paths by key
 * (or a custom role's id); a bulk operation's {@code id} is the same.
 */
@Tag(name = "roles")
@CollectionDoc(
        item = "RoleDescription",
        request = "RoleRequest",
        patch = "RolePatch",
        key = "role",
        keyFormat = "",
        keyDescription = "A role key, or a custom role's id",
        list =
                @Operation(
                        summary = "The organization's roles, system and custom, with what each grants (roles:read)",
                        description =
                                "System roles first, most powerful first, then custom roles by key, unless sorted: by "
                                        + "key, name or rank. Filterable: those, system (true or false), description. Searched by "
                                        + "q: key, name, description. An organization has at most 200 custom roles."),
        create =
                @Operation(
                        summary = "Create a custom role (roles:write; it may grant nothing beyond the caller's own "
                                + "permissions)"),
        bulk =
                @Operation(
                        summary = "Create, change and delete custom roles in one request (roles:write)",
                        description =
                                "Operations: create, update, delete. An operation's id is the role's key (or id). Each "
                                        + "runs exactly as its single-item endpoint would and gets that endpoint's status and body "
                                        + "(a problem document when it fails). With atomic true they share one transaction: at the "
                                        + "first failure everything is undone, the failed operation keeps its own status and the "
                                        + "others are 424; committed tells which happened. At most 100 operations."),
        get = @Operation(summary = "One role (roles:read)"),
        update =
                @Operation(
                        summary = "Change a custom role; its holders get the new permissions on their next request "
                                + "(roles:write; system roles are read-only, 409)"),
        delete =
                @Operation(
                        summary =
                                "Delete a custom role nobody holds (members, usable API keys, open invitations) and no "
                                        + "role inherits (roles:write)"),
        filters = {
            @Parameter(
                    name = "system",
                    in = ParameterIn.QUERY,
                    description = "Only system (true) or only custom (false) roles",
                    schema = @Schema(type = SchemaType.BOOLEAN))
        })
public class RolesResource extends CollectionResource<String, Described, RoleRequest, RolesResource.RoleView> {

    /** Most permissions a custom role can list; the catalogue is far smaller. */
    private static final int MAX_PERMISSIONS = 200;

    private final Tenant tenant;
    private final OrganizationRoles roles;

    public RolesResource(Tenant tenant, OrganizationRoles roles) {
        super(KEYS, RoleView::of, role -> role.role().key());
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

    @Override
    protected Calls<Tenant, String, Described, RoleRequest> calls() {
        return new Calls<>(tenant, roles::list, roles::get, roles::create, roles::update, roles::delete);
    }

    @Override
    protected RoleRequest read(JsonBody json, Write write) {
        return new RoleRequest(
                json.string("key", write.identity()),
                json.string("name", write.identity()),
                json.string("description", Need.NULLABLE),
                json.strings("permissions", write.identity(), MAX_PERMISSIONS),
                json.string("parent", Need.NULLABLE));
    }
}
