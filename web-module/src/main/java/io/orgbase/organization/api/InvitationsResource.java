package io.orgbase.organization.api;

import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.organization.Invitation;
import io.orgbase.organization.boundary.Invitations;
import io.orgbase.organization.boundary.Invitations.Created;
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Invitations of one organization. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class InvitationsResource {

    private final Tenant tenant;
    private final Invitations invitations;

    InvitationsResource(Tenant tenant, Invitations invitations) {
        this.tenant = tenant;
        this.invitations = invitations;
    }

    public record InvitationView(
            UUID id,
            String email,
            String role,
            String status,
            OffsetDateTime expiresAt,
            OffsetDateTime createdAt,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static InvitationView of(Invitation invitation) {
            return new InvitationView(
                    invitation.getId(),
                    invitation.getEmail(),
                    invitation.getRole().key(),
                    invitation.status(OffsetDateTime.now(ZoneOffset.UTC)),
                    invitation.getExpiresAt(),
                    invitation.getCreatedAt(),
                    invitation.getVersion());
        }
    }

    /** The answer to the inviter; until notifications exist it carries the link to pass on. */
    public record CreatedView(InvitationView invitation, String token, String acceptUrl) implements Tagged {

        @Override
        public Long etagVersion() {
            return invitation.etagVersion();
        }
    }

    @GET
    @Operation(
            summary = "The organization's invitations, newest first, with their status (pending, accepted, "
                    + "revoked, expired)",
            description = "Sortable: createdAt (default, newest first), email, expiresAt. Filterable: those, id, "
                    + "role, acceptedAt, revokedAt, invitedBy. Searched by q: email.")
    @APIResponse(
            responseCode = "200",
            description = "Invitations (never their tokens)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InvitationPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<InvitationView> list(@Context UriInfo uri) {
        return Items.of(invitations.list(tenant, CollectionParams.from(uri)), InvitationView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Invite an email with a system or custom role (owner, admin; nobody grants more than they "
                    + "hold); valid 7 days, single use")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InvitationRequest")))
    @APIResponse(
            responseCode = "201",
            description = "Invited. Until notifications exist, pass acceptUrl on to the person; the token is not "
                    + "shown again.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InvitationCreated")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response invite(InputStream body, @Context UriInfo uri) {
        return invited(body, uri, uri.getAbsolutePathBuilder());
    }

    /**
     * Sends and revokes many invitations in one request (a bulk invite is a list of creates), each
     * answered as its own endpoint would (tokens included, so the answer is {@code no-store});
     * {@code atomic: true} makes it all or nothing.
     */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Send (a bulk invite) and revoke invitations in one request (owner, admin); the answer "
                    + "carries the tokens and is no-store",
            description = "Operations: create (body as POST /invitations), delete (revoke). Each runs exactly as "
                    + "its single-item endpoint would and gets that endpoint's status and body (a problem "
                    + "document when it fails). With atomic true they share one transaction: at the first "
                    + "failure everything is undone, the failed operation keeps its own status and the others "
                    + "are 424; committed tells which happened. At most 100 operations.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BulkRequest")))
    @APIResponse(
            responseCode = "200",
            description = "One result per operation, in order",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BulkOutcome")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response bulk(InputStream body, @Context UriInfo uri) {
        UriBuilder collection = Bulk.collection(uri);
        Bulk.Outcome outcome = Bulk.run(
                body,
                Bulk.Operations.byUuid()
                        .create(item -> invited(item, uri, collection.clone()))
                        .delete((id, precondition) -> invitations.revoke(tenant, id, precondition)));
        return Response.ok(outcome).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An invitation")
    @APIResponse(
            responseCode = "200",
            description = "An invitation",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Invitation")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public InvitationView get(@PathParam("id") UUID id) {
        return InvitationView.of(invitations.get(tenant, id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a pending invitation")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response revoke(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        invitations.revoke(tenant, id, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/resend")
    @Operation(
            summary = "Email a pending invitation again (owner, admin)",
            description = "The invitee gets a new link (the one emailed before stops working; the token shown "
                    + "when the invitation was created stays valid). At most 3 sends per invitation in 15 minutes.")
    @APIResponse(
            responseCode = "200",
            description = "Sent again",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Invitation")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public InvitationView resend(@PathParam("id") UUID id) {
        return InvitationView.of(invitations.resend(tenant, id));
    }

    private Response invited(InputStream body, UriInfo uri, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        String role = json.string("role", Need.REQUIRED);
        json.finish();
        return answer(invitations.invite(tenant, email, role), uri, collection, Response.Status.CREATED);
    }

    /**
     * The answer to the inviter, with the token and the link to pass on (never stored by caches).
     *
     * @param collection the organization's invitations
     */
    static Response answer(Created created, UriInfo uri, UriBuilder collection, Response.Status status) {
        String accept = uri.getBaseUriBuilder()
                .path("invitations")
                .path(created.token())
                .path("accept")
                .build()
                .toString();
        return Response.status(status)
                .location(
                        collection.path(created.invitation().getId().toString()).build())
                .header("Cache-Control", "no-store")
                .entity(new CreatedView(InvitationView.of(created.invitation()), created.token(), accept))
                .build();
    }
}
