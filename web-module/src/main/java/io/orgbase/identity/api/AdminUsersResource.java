package io.orgbase.identity.api;

import io.orgbase.api.Callers;
import io.orgbase.api.RequestBudget;
import io.orgbase.identity.User;
import io.orgbase.identity.boundary.NewUser;
import io.orgbase.identity.boundary.Users;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.QueryInts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("admin/users")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
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

    /** A page of accounts a support search found. */
    public record UserPage(java.util.List<UserView> items, String nextCursor) {}

    @GET
    @Operation(
            summary = "Find user accounts by email or name (platform administrators only; every search is audited)",
            description = "Accounts whose email or display name contains q (3-200 characters, any case; % and _ are "
                    + "literal), by email, limit 1-100 (25), continued with cursor. Each page is written to the "
                    + "platform's audit trail as support-lookup with what was searched for and the ids it showed, as "
                    + "is each account opened. Costs as much of the request budget as any search.")
    @Parameter(
            name = "q",
            in = ParameterIn.QUERY,
            required = true,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(
            responseCode = "200",
            description = "A page of accounts",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "UserPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public UserPage search(
            @QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        java.util.List<io.orgbase.problems.FieldError> errors = new java.util.ArrayList<>();
        if (q == null || q.strip().length() < 3 || q.length() > 200) {
            errors.add(new io.orgbase.problems.FieldError("q", "is required: 3 to 200 characters"));
        }
        Users.Position after = null;
        if (cursor != null) {
            after = position(cursor);
            if (after == null) {
                errors.add(new io.orgbase.problems.FieldError("cursor", "is not a cursor of this list"));
            }
        }
        if (!errors.isEmpty()) {
            throw new io.orgbase.problems.InvalidInput(errors);
        }
        int size = QueryInts.parse("limit", limit, 25, 1, 100);
        // a search reads every account: it costs what other searches cost
        RequestBudget.current().chargeExpensive(CollectionParams.SEARCH_COST);
        Users.Found found = users.search(callers.currentUser(), q, size, after);
        return new UserPage(
                found.users().stream().map(UserView::of).toList(),
                found.next() == null
                        ? null
                        : java.util.Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString((found.next().email() + "\n"
                                                + found.next().id())
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A cursor of this list (email, line break, id), or null for anything else. */
    private static Users.Position position(String cursor) {
        try {
            String text = new String(
                    java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            int cut = text.lastIndexOf('\n');
            if (cut < 1 || io.orgbase.requests.ControlCharacters.in(text.substring(0, cut))) {
                return null;
            }
            return new Users.Position(text.substring(0, cut), UUID.fromString(text.substring(cut + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A user account (platform administrators only; audited as support-lookup)")
    @APIResponse(
            responseCode = "200",
            description = "The user",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "User")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
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
    @Operation(
            summary = "Vouch for an account's email address, or withdraw that (platform administrators only)",
            description = "emailVerified true makes the account the owner of its address (verified via admin): "
                    + "adding members and the external identity provider find it by email, and other, "
                    + "unverified accounts of the same address stop signing in with it (their sessions end). "
                    + "409 when another account owns the address already.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "UserPatch")))
    @APIResponse(
            responseCode = "200",
            description = "The user",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "User")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public UserView update(@PathParam("id") UUID id, InputStream body) {
        JsonBody json = JsonBody.read(body);
        Boolean verified = json.bool("emailVerified", Need.REQUIRED);
        json.finish();
        return UserView.of(users.setEmailVerified(callers.currentUser(), id, verified));
    }

    @POST
    @Operation(summary = "Create a user account (platform administrators only)")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "NewUser")))
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names the user",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "User")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
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
