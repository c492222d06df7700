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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("permissions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "access")
public class PermissionsResource {

    @Inject
    Catalogue catalogue;

    public record PermissionView(String key, String description) {}

    public record RoleView(String name, boolean system, List<String> permissions) {}

    public record CatalogueView(List<PermissionView> items, List<RoleView> roles) {}

    @GET
    @Operation(summary = "The permission catalogue and what each system role grants")
    @APIResponse(
            responseCode = "200",
            description = "Permissions and system roles",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PermissionCatalogue")))
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
