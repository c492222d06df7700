package io.orgbase.identity.api;

import io.orgbase.api.Callers;
import io.orgbase.identity.boundary.Users;
import io.orgbase.identity.boundary.Users.Profile;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    Callers callers;

    @Inject
    Users users;

    public record OrgRef(UUID id, String slug, String name) {}

    public record MembershipView(OrgRef org, String role) {}

    public record MeView(
            UUID id, String email, String displayName, boolean platformAdmin, List<MembershipView> memberships) {

        static MeView of(Profile profile) {
            return new MeView(
                    profile.user().getId(),
                    profile.user().getEmail(),
                    profile.user().getDisplayName(),
                    profile.user().isPlatformAdmin(),
                    profile.memberships().stream()
                            .map(m -> new MembershipView(
                                    new OrgRef(
                                            m.organization().getId(),
                                            m.organization().getSlug(),
                                            m.organization().getName()),
                                    m.membership().getRole().name().toLowerCase(Locale.ROOT)))
                            .toList());
        }
    }

    @GET
    public MeView me() {
        return MeView.of(users.me(callers.current()));
    }
}
