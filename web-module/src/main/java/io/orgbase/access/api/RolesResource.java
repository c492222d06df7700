package io.orgbase.access.api;

import io.orgbase.access.Permission;
import io.orgbase.access.boundary.OrganizationRoles;
import io.orgbase.access.boundary.OrganizationRoles.Described;
import io.orgbase.access.boundary.RoleRequest;
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

/**
 * The roles of one organization: system roles (read-only) and custom roles, named in paths by key
 * (or a custom role's id); a bulk operation's {@code id} is the same.
 */
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
