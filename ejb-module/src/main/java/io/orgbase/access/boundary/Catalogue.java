package io.orgbase.access.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Permission;
import io.orgbase.access.Role;
import io.orgbase.access.RolePermissions;
import io.orgbase.audit.Audited;
import jakarta.ejb.Stateless;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What permissions exist and what each system role grants. */
@Stateless
@Audited
@AuthenticatedOnly
public class Catalogue {

    /** Every permission, in declaration order. */
    public List<Permission> permissions() {
        return List.of(Permission.values());
    }

    /** Each system role with the permissions it grants. */
    public Map<Role, List<Permission>> systemRoles() {
        return Arrays.stream(Role.values())
                .collect(Collectors.toMap(
                        Function.identity(),
                        role -> Arrays.stream(Permission.values())
                                .filter(p -> RolePermissions.grants(role, p))
                                .toList(),
                        (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }
}
