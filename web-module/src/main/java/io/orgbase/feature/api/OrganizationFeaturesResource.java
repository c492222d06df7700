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

/** The features in effect for one organization. */
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationFeaturesResource {

    private final Tenant tenant;
    private final Features features;

    public OrganizationFeaturesResource(Tenant tenant, Features features) {
        this.tenant = tenant;
        this.features = features;
    }

    @GET
    public Items<FeatureView> list() {
        return new Items<>(
                features.effective(tenant).stream().map(FeatureView::of).toList());
    }

    /** Platform administrators: {@code {"enabled": true|false}}, or null to follow the default again. */
    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
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
