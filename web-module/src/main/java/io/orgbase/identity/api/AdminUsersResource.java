package io.orgbase.identity.api;

import io.orgbase.api.Callers;
import io.orgbase.identity.User;
import io.orgbase.identity.boundary.NewUser;
import io.orgbase.identity.boundary.Users;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.UUID;

@Path("admin/users")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    @Inject
    Callers callers;

    @Inject
    Users users;

    /** An account; {@code emailVerifiedVia} says how its address was proven (admin, link, oidc), null while not. */
    public record UserView(
            UUID id,
            String email,
            boolean emailVerified,
            String emailVerifiedVia,
            OffsetDateTime emailVerifiedAt,
            String displayName,
            boolean platformAdmin,
            OffsetDateTime createdAt) {
        static UserView of(User user) {
            return new UserView(
                    user.getId(),
                    user.getEmail(),
                    user.isEmailVerified(),
                    user.getEmailVerifiedVia(),
                    user.getEmailVerifiedAt(),
                    user.getDisplayName(),
                    user.isPlatformAdmin(),
                    user.getCreatedAt());
        }
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") UUID id) {
        return UserView.of(users.get(callers.currentUser(), id));
    }

    /**
     * A platform administrator vouches for an account's address ({@code emailVerified: true}: it
     * becomes the address's owner, other unverified accounts of it stop signing in with it) or
     * withdraws that ({@code false}).
     */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public UserView update(@PathParam("id") UUID id, InputStream body) {
        JsonBody json = JsonBody.read(body);
        Boolean verified = json.bool("emailVerified", Need.REQUIRED);
        json.finish();
        return UserView.of(users.setEmailVerified(callers.currentUser(), id, verified));
    }

    @POST
    public Response create(InputStream body, @Context UriInfo uri) {
        JsonBody json = JsonBody.read(body);
        NewUser request = new NewUser(
                json.string("email", Need.REQUIRED),
                json.string("password", Need.REQUIRED),
                json.string("displayName", Need.REQUIRED));
        json.finish();
        User user = users.create(callers.currentUser(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(user.getId().toString())
                        .build())
                .entity(UserView.of(user))
                .build();
    }
}
