package io.orgbase.access.api;

import io.orgbase.access.Permission;
import io.orgbase.access.boundary.Catalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("permissions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PermissionsResource {

    @Inject
    Catalogue catalogue;

    public record PermissionView(String key, String description) {}

    public record RoleView(String name, boolean system, List<String> permissions) {}

    public record CatalogueView(List<PermissionView> items, List<RoleView> roles) {}

    @GET
    public CatalogueView catalogue() {
        return new CatalogueView(
                catalogue.permissions().stream()
                        .map(p -> new PermissionView(p.key(), p.description()))
                        .toList(),
                catalogue.systemRoles().entrySet().stream()
                        .map(e -> new RoleView(
                                e.getKey().key(),
                                true,
                                e.getValue().stream().map(Permission::key).toList()))
                        .toList());
    }
}
