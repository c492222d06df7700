package io.orgbase.notification.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
import io.orgbase.api.Items;
import io.orgbase.notification.boundary.Notifications;
import io.orgbase.notification.boundary.Notifications.Listed;
import io.orgbase.notification.boundary.Notifications.Unread;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.CollectionParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's notifications, in every organization they belong to. */
@Path("me/notifications")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationsResource {

    @Inject
    Callers callers;

    @Inject
    Notifications notifications;

    @Inject
    LiveNotifications live;

    /** How many are unread, and the count of each organization. */
    public record UnreadView(long total, java.util.List<UnreadInView> organizations) {}

    public record UnreadInView(Notifications.OrgRef org, long unread) {}

    /** How many a "mark all read" marked. */
    public record MarkedView(int marked) {}

    @GET
    @Operation(
            summary = "The caller's notifications, newest first",
            description = "Sortable: createdAt (default, newest first). Filterable: orgId, read, type, subjectType, "
                    + "subjectId, title, body. Searched by q: type, title and body.")
    @APIResponse(
            responseCode = "200",
            description = "A page of notifications",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "NotificationPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<NotificationView> list(@Context UriInfo uri) {
        Listed listed = notifications.list(callers.currentUser(), CollectionParams.from(uri));
        return Items.of(listed.slice(), n -> NotificationView.of(n, listed.organizations()));
    }

    @GET
    @Path("unread-count")
    @Operation(summary = "How many of the caller's notifications are unread, in all and per organization")
    @APIResponse(
            responseCode = "200",
            description = "The counts",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "UnreadNotifications")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public UnreadView unread() {
        Unread unread = notifications.unread(callers.currentUser());
        return new UnreadView(
                unread.total(),
                unread.organizations().stream()
                        .map(u -> new UnreadInView(u.org(), u.unread()))
                        .toList());
    }

    @POST
    @Path("read-all")
    @Operation(summary = "Mark every unread notification read, or those of one organization")
    @APIResponse(
            responseCode = "200",
            description = "How many were marked",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "NotificationsMarked")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public MarkedView readAll(
            @Parameter(description = "Only this organization's (its id)") @QueryParam("orgId") String orgId) {
        return new MarkedView(notifications.markAllRead(callers.currentUser(), uuid("orgId", orgId)));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "The caller's new notifications and unread count as they happen (Server-Sent Events)",
            description =
                    "Authenticated like every call (Authorization: Bearer), so clients use a fetch-based "
                            + "event-stream reader rather than the browser's EventSource. Events: `notification` (id: the "
                            + "notification's id, data: a Notification), `unread` (data: {\"total\": n}, after each "
                            + "change and on connecting), `expired` (the access token ran out: reconnect with a new one); "
                            + "a comment every 20 s. Send Last-Event-ID to replay what came after that notification. At "
                            + "most five streams per user on each server: a sixth ends the oldest. Works across cluster members.")
    @APIResponse(
            responseCode = "200",
            description = "An endless event stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public void stream(
            @Context SseEventSink sink,
            @Context Sse sse,
            @Parameter(description = "The id of the last notification the client received")
                    @HeaderParam("Last-Event-ID")
                    String lastEventId) {
        Caller caller = callers.currentUser();
        UUID last;
        try {
            last = lastEventId == null || lastEventId.isBlank() ? null : UUID.fromString(lastEventId.strip());
        } catch (IllegalArgumentException notOurs) {
            last = null;
        }
        live.open(caller, callers.tokenExpiry(), sink, sse, last);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's notifications")
    @APIResponse(
            responseCode = "200",
            description = "The notification",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Notification")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public NotificationView get(@PathParam("id") UUID id) {
        return single(notifications.get(callers.currentUser(), id));
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark a notification read (again: no change)")
    @APIResponse(
            responseCode = "200",
            description = "The notification",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Notification")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public NotificationView markRead(@PathParam("id") UUID id) {
        return single(notifications.mark(callers.currentUser(), id, true));
    }

    @POST
    @Path("{id}/unread")
    @Operation(summary = "Mark a notification unread")
    @APIResponse(
            responseCode = "200",
            description = "The notification",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Notification")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public NotificationView markUnread(@PathParam("id") UUID id) {
        return single(notifications.mark(callers.currentUser(), id, false));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a notification")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response delete(@PathParam("id") UUID id) {
        notifications.delete(callers.currentUser(), id);
        return Response.noContent().build();
    }

    private static NotificationView single(Listed listed) {
        return NotificationView.of(listed.slice().items().get(0), listed.organizations());
    }

    private static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field(name, "must be an id (a UUID)");
        }
    }
}
