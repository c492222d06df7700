package io.orgbase.settings.api;

import io.orgbase.api.ETags;
import io.orgbase.api.Tagged;
import io.orgbase.requests.JsonBody;
import io.orgbase.settings.boundary.Settings;
import io.orgbase.settings.boundary.Settings.Current;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** The organization's settings, every key with its effective value; PATCH changes some. */
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final Tenant tenant;
    private final Settings settings;

    public SettingsResource(Tenant tenant, Settings settings) {
        this.tenant = tenant;
        this.settings = settings;
    }

    /** The settings document as clients see it: the groups, and the version for If-Match. */
    public record SettingsView(
            JsonObject general,
            JsonObject branding,
            JsonObject domains,
            JsonObject notifications,
            JsonObject security,
            JsonObject subscription,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static SettingsView of(Current current) {
            JsonObject s = current.settings();
            return new SettingsView(
                    s.getJsonObject("general"),
                    s.getJsonObject("branding"),
                    s.getJsonObject("domains"),
                    s.getJsonObject("notifications"),
                    s.getJsonObject("security"),
                    s.getJsonObject("subscription"),
                    current.version());
        }
    }

    @GET
    public SettingsView get() {
        return SettingsView.of(settings.get(tenant));
    }

    /** {@code {"branding": {"primaryColour": "#1a2b3c"}}}: only the keys sent change; null resets one. */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public SettingsView update(InputStream body, @Context HttpHeaders headers) {
        JsonObject change = JsonBody.read(body).whole();
        return SettingsView.of(settings.update(tenant, change, ETags.ifMatch(headers)));
    }
}
