package io.orgbase.notification.api;

import io.orgbase.api.Items;
import io.orgbase.notification.Announcement;
import io.orgbase.notification.boundary.AnnouncementRequest;
import io.orgbase.notification.boundary.Announcements;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization's announcements: sent to its people as notifications. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class AnnouncementsResource {

    private final Tenant tenant;
    private final Announcements announcements;

    public AnnouncementsResource(Tenant tenant, Announcements announcements) {
        this.tenant = tenant;
        this.announcements = announcements;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Send an announcement to everyone, a department with its subtree, a team or a role "
                    + "(announcements:send: owner, admin)",
            description = "Answers at once; the notifications follow in the background, one per active member of "
                    + "the audience (the sender excepted), however large it is.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AnnouncementRequest")))
    @APIResponse(
            responseCode = "201",
            description = "Sent",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Announcement")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response send(InputStream body, @Context UriInfo uri) {
        JsonBody json = JsonBody.read(body);
        AnnouncementRequest request = new AnnouncementRequest(
                json.string("title", Need.REQUIRED),
                json.string("body", Need.NULLABLE),
                json.uuid("departmentId", Need.NULLABLE),
                json.uuid("teamId", Need.NULLABLE),
                json.string("role", Need.NULLABLE));
        json.finish();
        Announcement sent = announcements.send(tenant, request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(sent.getId().toString())
                        .build())
                .entity(AnnouncementView.of(sent))
                .build();
    }

    @GET
    @Operation(
            summary =
                    "Every announcement sent in the organization, newest first (announcements:send: owner, " + "admin)",
            description = "Sortable: createdAt (default, newest first). Filterable: title, body, departmentId, "
                    + "teamId, role, createdBy. Searched by q: title and body.")
    @APIResponse(
            responseCode = "200",
            description = "A page of announcements",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AnnouncementPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<AnnouncementView> list(@Context UriInfo uri) {
        return Items.of(announcements.list(tenant, CollectionParams.from(uri)), AnnouncementView::of);
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One announcement: for those who may send them, and for the people it reached (their "
                    + "notification links here); to anyone else it does not exist")
    @APIResponse(
            responseCode = "200",
            description = "The announcement",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Announcement")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public AnnouncementView get(@PathParam("id") UUID id) {
        return AnnouncementView.of(announcements.get(tenant, id));
    }
}
