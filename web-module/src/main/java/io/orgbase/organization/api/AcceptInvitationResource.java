package io.orgbase.organization.api;

import io.orgbase.api.Public;
import io.orgbase.organization.boundary.Invitations;
import io.orgbase.organization.boundary.Invitations.Accepted;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Redeeming an invitation: the token is the credential, no sign-in needed. */
@Path("invitations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class AcceptInvitationResource {

    @Inject
    Invitations invitations;

    public record OrgRef(UUID id, String slug, String name) {}

    public record AcceptedView(OrgRef org, UUID userId, String email, String role, boolean accountCreated) {}

    /** Body optional: {@code {password, displayName}} when the invited email has no account yet. */
    @POST
    @Path("{token}/accept")
    @Public
    @Operation(summary = "Join the organization of an invitation; creates the account when the email has none")
    @RequestBody(
            required = false,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InvitationAcceptance")))
    @APIResponse(
            responseCode = "200",
            description = "Joined",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InvitationAccepted")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public AcceptedView accept(@PathParam("token") String token, InputStream body) {
        JsonBody json = JsonBody.readOptional(body);
        String password = json.string("password", Need.OPTIONAL);
        String displayName = json.string("displayName", Need.OPTIONAL);
        json.finish();
        Accepted accepted = invitations.accept(token, password, displayName);
        return new AcceptedView(
                new OrgRef(
                        accepted.organization().getId(),
                        accepted.organization().getSlug(),
                        accepted.organization().getName()),
                accepted.user().getId(),
                accepted.user().getEmail(),
                accepted.role(),
                accepted.accountCreated());
    }
}
