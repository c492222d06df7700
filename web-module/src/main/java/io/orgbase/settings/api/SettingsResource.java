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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's settings, every key with its effective value; PATCH changes some. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organizations")
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
    @Operation(summary = "Every setting with its effective value (the default unless the organization changed it)")
    @APIResponse(
            responseCode = "200",
            description = "The settings; ETag is the version of the organization's changes (0 before any)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Settings")))
    public SettingsView get() {
        return SettingsView.of(settings.get(tenant));
    }

    /** {@code {"branding": {"primaryColour": "#1a2b3c"}}}: only the keys sent change; null resets one. */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            summary = "Change some settings (owner, admin; the subscription group is for platform administrators)",
            description = "Groups of keys, e.g. {\"branding\": {\"primaryColour\": \"#1a2b3c\"}}; only the keys sent "
                    + "change, null returns a key to its default. Unknown groups or keys and bad values are a "
                    + "400 naming each as group.key; nothing changes then.")
    @Parameter(ref = "ifMatch")
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = "application/json", schema = @Schema(ref = "SettingsChange")),
                @Content(mediaType = "application/merge-patch+json", schema = @Schema(ref = "SettingsChange"))
            })
    @APIResponse(
            responseCode = "200",
            description = "The settings after the change",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Settings")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public SettingsView update(InputStream body, @Context HttpHeaders headers) {
        JsonObject change = JsonBody.read(body).whole();
        return SettingsView.of(settings.update(tenant, change, ETags.ifMatch(headers)));
    }
}
