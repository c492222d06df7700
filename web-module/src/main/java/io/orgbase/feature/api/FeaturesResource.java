package io.orgbase.feature.api;

import io.orgbase.api.Callers;
import io.orgbase.api.Items;
import io.orgbase.feature.boundary.Features;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** The platform's feature catalogue with the defaults. */
@Path("features")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reference")
public class FeaturesResource {

    @Inject
    Callers callers;

    @Inject
    Features features;

    @GET
    @Operation(summary = "The feature catalogue with each feature's platform default")
    @APIResponse(
            responseCode = "200",
            description = "The features",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "FeatureList")))
    public Items<FeatureView> list() {
        return new Items<>(features.catalogue(callers.current()).stream()
                .map(FeatureView::of)
                .toList());
    }

    /** Platform administrators: {@code {"enabledByDefault": false}}. */
    @PATCH
    @Path("{key}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a feature's default (platform administrators)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "FeatureDefault")))
    @APIResponse(
            responseCode = "200",
            description = "The feature",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Feature")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public FeatureView setDefault(@PathParam("key") String key, InputStream body) {
        JsonBody json = JsonBody.read(body);
        Boolean enabled = json.bool("enabledByDefault", Need.REQUIRED);
        json.finish();
        return FeatureView.of(features.setDefault(callers.current(), key, enabled));
    }
}
