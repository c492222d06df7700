package io.orgbase.notification.api;

import io.orgbase.notification.boundary.NotificationPreferences;
import io.orgbase.notification.boundary.NotificationPreferences.Preferences;
import io.orgbase.requests.JsonBody;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own notification preferences in one organization. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationPreferencesResource {

    private final Tenant tenant;
    private final NotificationPreferences preferences;

    public NotificationPreferencesResource(Tenant tenant, NotificationPreferences preferences) {
        this.tenant = tenant;
        this.preferences = preferences;
    }

    /** The answer: what the organization allows, and each type's channels with where they come from. */
    public record PreferencesView(
            boolean emailAllowed, String defaultEmail, Map<String, NotificationPreferences.Channel> types) {
        static PreferencesView of(Preferences preferences) {
            return new PreferencesView(preferences.emailAllowed(), preferences.defaultEmail(), preferences.types());
        }
    }

    @GET
    @Operation(
            summary = "How each kind of notification reaches the caller in this organization",
            description = "Per type (and * for every type): inApp, email (off, immediate, daily, weekly) and where "
                    + "each comes from: own (chosen for the type), every (chosen for *), organization (its "
                    + "notifications settings). An organization with notifications.email false sends no "
                    + "notification email (emailAllowed false). Any member; not for API keys.")
    @APIResponse(
            responseCode = "200",
            description = "The preferences",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "NotificationPreferences")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PreferencesView get() {
        return PreferencesView.of(preferences.get(tenant));
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            summary = "Change how kinds of notification reach the caller",
            description = "{\"announcement\": {\"email\": \"immediate\"}, \"*\": {\"inApp\": true, \"email\": "
                    + "\"daily\"}}: only the types and fields sent change; null returns one to its default.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "NotificationPreferencesChange")))
    @APIResponse(
            responseCode = "200",
            description = "The preferences after the change",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "NotificationPreferences")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PreferencesView update(InputStream body) {
        return PreferencesView.of(preferences.update(tenant, JsonBody.read(body).whole()));
    }
}
