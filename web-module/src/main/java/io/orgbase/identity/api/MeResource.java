package io.orgbase.identity.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.identity.User;
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

@Path("me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    Callers callers;

    @Inject
    Users users;

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
            OrgRef defaultOrg,
            List<MembershipView> memberships) {

        static MeView of(Profile profile) {
            return new MeView(
                    profile.user().getId(),
                    profile.user().getEmail(),
                    profile.user().isEmailVerified(),
                    profile.user().getDisplayName(),
                    profile.user().isPlatformAdmin(),
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
    public ProfileView profile() {
        return ProfileView.of(users.profile(callers.currentUser()));
    }

    /** Changes some profile fields; null clears phone, language, time zone and avatar. */
    @PATCH
    @Path("profile")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
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
    public Items<MyTeamView> teams() {
        return new Items<>(teams.mine(callers.currentUser()).stream()
                .map(t -> new MyTeamView(t.id(), t.name(), new OrgRef(t.orgId(), t.orgSlug(), t.orgName()), t.role()))
                .toList());
    }

    @GET
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
    public Response changePassword(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String current = json.string("currentPassword", Need.REQUIRED);
        String next = json.string("newPassword", Need.REQUIRED);
        json.finish();
        users.changePassword(callers.currentUser(), current, next);
        return Response.noContent().build();
    }
}
