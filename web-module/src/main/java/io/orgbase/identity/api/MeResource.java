package io.orgbase.identity.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.identity.User;
import io.orgbase.identity.boundary.EmailOwnership;
import io.orgbase.identity.boundary.ProfileRequest;
import io.orgbase.identity.boundary.Users;
import io.orgbase.identity.boundary.Users.Profile;
import io.orgbase.organization.boundary.Organizations;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.team.boundary.Teams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
public class MeResource {

    @Inject
    Callers callers;

    @Inject
    Users users;

    @Inject
    EmailOwnership ownership;

    @Inject
    Organizations organizations;

    @Inject
    Teams teams;

    /** A team the caller is in, with its organization and the caller's role in the team. */
    public record MyTeamView(UUID id, String name, OrgRef org, String role) {}

    public record OrgRef(UUID id, String slug, String name) {}

    public record MembershipView(OrgRef org, String role, boolean active) {}

    public record MeView(
            UUID id,
            String email,
            boolean emailVerified,
            String displayName,
            boolean platformAdmin,
            boolean twoFactor,
            OrgRef defaultOrg,
            List<MembershipView> memberships) {

        static MeView of(Profile profile) {
            return new MeView(
                    profile.user().getId(),
                    profile.user().getEmail(),
                    profile.user().isEmailVerified(),
                    profile.user().getDisplayName(),
                    profile.user().isPlatformAdmin(),
                    profile.twoFactor(),
                    profile.memberships().stream()
                            .map(m -> m.organization())
                            .filter(o -> o.getId().equals(profile.user().getDefaultOrgId()))
                            .map(o -> new OrgRef(o.getId(), o.getSlug(), o.getName()))
                            .findFirst()
                            .orElse(null),
                    profile.memberships().stream()
                            .map(m -> new MembershipView(
                                    new OrgRef(
                                            m.organization().getId(),
                                            m.organization().getSlug(),
                                            m.organization().getName()),
                                    m.membership().getRole().key(),
                                    m.membership().isActive()))
                            .toList());
        }
    }

    /** The caller's own profile, the same in every organization. */
    public record ProfileView(
            UUID id,
            String email,
            String displayName,
            String phone,
            String language,
            String timezone,
            String avatarUrl,
            OffsetDateTime updatedAt,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static ProfileView of(User user) {
            return new ProfileView(
                    user.getId(),
                    user.getEmail(),
                    user.getDisplayName(),
                    user.getPhone(),
                    user.getLanguage(),
                    user.getTimezone(),
                    user.getAvatarUrl(),
                    user.getUpdatedAt(),
                    user.getVersion());
        }
    }

    @GET
    @Path("profile")
    @Operation(summary = "The caller's own profile (the same in every organization)")
    @APIResponse(
            responseCode = "200",
            description = "The profile; ETag for If-Match",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Profile")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public ProfileView profile() {
        return ProfileView.of(users.profile(callers.currentUser()));
    }

    /** Changes some profile fields; null clears phone, language, time zone and avatar. */
    @PATCH
    @Path("profile")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            summary = "Change some profile fields",
            description = "Only the fields sent change; null clears phone, language, time zone and avatar.")
    @Parameter(ref = "ifMatch")
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = "application/json", schema = @Schema(ref = "ProfilePatch")),
                @Content(mediaType = "application/merge-patch+json", schema = @Schema(ref = "ProfilePatch"))
            })
    @APIResponse(
            responseCode = "200",
            description = "The profile after the change",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Profile")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public ProfileView updateProfile(InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        ProfileRequest values = new ProfileRequest(
                json.string("displayName", Need.OPTIONAL),
                json.string("phone", Need.NULLABLE),
                json.string("language", Need.NULLABLE),
                json.string("timezone", Need.NULLABLE),
                json.string("avatarUrl", Need.NULLABLE));
        json.finish();
        return ProfileView.of(users.updateProfile(
                callers.currentUser(), new Patch<>(values, json.present(), ETags.ifMatch(headers))));
    }

    /** The caller's teams in every active organization they are an active member of. */
    @GET
    @Path("teams")
    @Operation(
            summary = "The caller's teams in every organization they are an active member of (archived "
                    + "organizations left out)")
    @APIResponse(
            responseCode = "200",
            description = "The caller's teams, by organization slug and team name",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MyTeamList")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<MyTeamView> teams() {
        return new Items<>(teams.mine(callers.currentUser()).stream()
                .map(t -> new MyTeamView(t.id(), t.name(), new OrgRef(t.orgId(), t.orgSlug(), t.orgName()), t.role()))
                .toList());
    }

    @GET
    @Operation(summary = "The signed-in user with their organizations and roles")
    @APIResponse(
            responseCode = "200",
            description = "The caller",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Me")))
    public MeView me() {
        return MeView.of(users.me(callers.currentUser()));
    }

    /**
     * Sets the caller's default organization ({@code {"org": "<slug or id>"}}, or null to clear);
     * it must be one the caller may act in.
     */
    @PUT
    @Path("default-org")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set (or with null clear) the organization \"current\" means when the request has no "
                    + "subdomain")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DefaultOrganization")))
    @APIResponse(
            responseCode = "200",
            description = "The caller, with the new default",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Me")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public MeView setDefaultOrganization(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String org = json.string("org", Need.NULLABLE);
        if (!json.present().contains("org")) {
            json.string("org", Need.REQUIRED);
        }
        json.finish();
        Caller caller = callers.currentUser();
        UUID orgId = org == null ? null : organizations.resolve(caller, org).orgId();
        return MeView.of(users.setDefaultOrganization(caller, orgId));
    }

    /** Changes the caller's password; every refresh token of theirs stops working. */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's password; revokes all of the caller's refresh tokens")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PasswordChange")))
    @APIResponse(responseCode = "204", description = "Changed")
    public Response changePassword(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String current = json.string("currentPassword", Need.REQUIRED);
        String next = json.string("newPassword", Need.REQUIRED);
        json.finish();
        users.changePassword(callers.currentUser(), current, next);
        return Response.noContent().build();
    }

    /** Sends a verification link to the caller's address. */
    @POST
    @Path("email-verification")
    @Operation(
            summary = "Send a verification link to the caller's email address",
            description = "The link is valid for 24 hours and works once; a new one replaces the previous one. "
                    + "At most 3 messages (verification and address change together) in 15 minutes.")
    @APIResponse(responseCode = "202", description = "Sent")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response requestVerification() {
        ownership.requestVerification(callers.currentUser());
        return Response.accepted().build();
    }

    /** Asks to move the caller's account to another address; nothing changes until the new address is proven. */
    @POST
    @Path("email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change the caller's email address",
            description = "Needs the current password. A link goes to the new address; the account moves there "
                    + "when it is used (POST /auth/email-verification), and the old address is told. The answer "
                    + "is the same whether or not another account owns the new address.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EmailChange")))
    @APIResponse(responseCode = "202", description = "A link was sent to the new address")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response requestEmailChange(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        String password = json.string("password", Need.REQUIRED);
        json.finish();
        ownership.requestChange(callers.currentUser(), email, password);
        return Response.accepted().build();
    }
}
