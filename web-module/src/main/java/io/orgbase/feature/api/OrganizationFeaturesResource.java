package io.orgbase.feature.api;

import io.orgbase.api.Items;
import io.orgbase.feature.boundary.Features;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The features in effect for one organization. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organizations")
public class OrganizationFeaturesResource {

    private final Tenant tenant;
    private final Features features;

    public OrganizationFeaturesResource(Tenant tenant, Features features) {
        this.tenant = tenant;
        this.features = features;
    }

    @GET
    @Operation(
            summary = "The features in effect for the organization",
            description = "Each feature of the catalogue with enabled (what applies here) and overridden (whether "
                    + "that is this organization's own setting rather than the platform default). An operation "
                    + "of a switched-off feature answers 403 with problem type feature-disabled.")
    @APIResponse(
            responseCode = "200",
            description = "The features",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "FeatureList")))
    public Items<FeatureView> list() {
        return new Items<>(
                features.effective(tenant).stream().map(FeatureView::of).toList());
    }

    /** Platform administrators: {@code {"enabled": true|false}}, or null to follow the default again. */
    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Switch a feature for this organization (platform administrators)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "FeatureOverride")))
    @APIResponse(
            responseCode = "200",
            description = "The feature as it now applies",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Feature")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public FeatureView override(@PathParam("key") String key, InputStream body) {
        JsonBody json = JsonBody.read(body);
        Boolean enabled = json.bool("enabled", Need.NULLABLE);
        if (!json.present().contains("enabled")) {
            json.bool("enabled", Need.REQUIRED);
        }
        json.finish();
        return FeatureView.of(features.override(tenant, key, enabled));
    }
}
