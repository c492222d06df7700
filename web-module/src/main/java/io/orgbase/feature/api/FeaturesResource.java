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

/** The platform's feature catalogue with the defaults. */
@Path("features")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class FeaturesResource {

    @Inject
    Callers callers;

    @Inject
    Features features;

    @GET
    public Items<FeatureView> list() {
        return new Items<>(features.catalogue(callers.current()).stream()
                .map(FeatureView::of)
                .toList());
    }

    /** Platform administrators: {@code {"enabledByDefault": false}}. */
    @PATCH
    @Path("{key}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public FeatureView setDefault(@PathParam("key") String key, InputStream body) {
        JsonBody json = JsonBody.read(body);
        Boolean enabled = json.bool("enabledByDefault", Need.REQUIRED);
        json.finish();
        return FeatureView.of(features.setDefault(callers.current(), key, enabled));
    }
}
