package io.orgbase.identity.api;

import io.orgbase.api.ClientAddress;
import io.orgbase.api.Public;
import io.orgbase.identity.boundary.Authentication;
import io.orgbase.identity.boundary.EmailOwnership;
import io.orgbase.identity.boundary.Sessions;
import io.orgbase.identity.boundary.TwoFactor;
import io.orgbase.identity.control.RefreshTokens.SessionTokens;
import io.orgbase.problems.Problems;
import io.orgbase.problems.Unauthenticated;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("auth")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    @Inject
    Authentication authentication;

    @Inject
    Sessions sessions;

    @Inject
    TwoFactor twoFactor;

    @Inject
    ClientAddress clientAddress;

    @Inject
    EmailOwnership ownership;

    @Inject
    SessionCookie cookie;

    public record TokenView(
            String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
        static TokenView of(SessionTokens tokens, boolean inCookie) {
            return new TokenView(
                    tokens.access().token(),
                    "Bearer",
                    tokens.access().expiresIn(),
                    inCookie ? null : tokens.refreshToken(),
                    tokens.refreshExpiresIn());
        }
    }

    /**
     * The answer of a sign-in or refresh: both tokens in the body, or, for a cookie session, the
     * refresh token in the session cookie and {@code refreshToken: null} in the body.
     */
    private Response signedIn(HttpServletRequest request, boolean inCookie, SessionTokens tokens) {
        Response.ResponseBuilder answer =
                Response.ok(TokenView.of(tokens, inCookie)).header("Cache-Control", "no-store");
        if (inCookie) {
            answer.header("Set-Cookie", cookie.issue(request, tokens.refreshToken(), tokens.refreshExpiresIn()));
        }
        return answer.build();
    }

    @POST
    @Path("login")
    @Public
    @Operation(
            summary = "Exchange email and password for an access token and a refresh token",
            description = "Failed attempts are counted per account and per client address; past the limit the "
                    + "answer is 429 with Retry-After, whether or not the account exists.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "LoginRequest")))
    @APIResponse(
            responseCode = "200",
            description = "Signed in",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Token")))
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    @Parameter(ref = "sessionMode")
    public Response login(InputStream body, @Context HttpServletRequest request) {
        boolean inCookie = cookie.requested(request);
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        String password = json.string("password", Need.REQUIRED);
        json.finish();
        return signedIn(request, inCookie, authentication.login(email, password, clientAddress.of(request)));
    }

    /** The second step of signing in, for accounts with two-factor sign-in. */
    @POST
    @Path("login/mfa")
    @Public
    @Operation(
            summary = "Second step of signing in with two-factor sign-in on",
            description = "After login answered 401 with type .../mfa_required and an mfaToken (valid 5 minutes, "
                    + "single use), send it with a code of the authenticator app (current or previous 30-second "
                    + "step, each step accepted once) or an unused recovery code. Five wrong codes end the "
                    + "challenge.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MfaLogin")))
    @APIResponse(
            responseCode = "200",
            description = "Signed in",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Token")))
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    @Parameter(ref = "sessionMode")
    public Response completeLogin(InputStream body, @Context HttpServletRequest request) {
        boolean inCookie = cookie.requested(request);
        JsonBody json = JsonBody.read(body);
        String mfaToken = json.string("mfaToken", Need.REQUIRED);
        String code = json.string("code", Need.REQUIRED);
        json.finish();
        return signedIn(request, inCookie, twoFactor.completeLogin(mfaToken, code, clientAddress.of(request)));
    }

    /**
     * Signs in with a token of the trusted external OpenID Connect issuer (an ID token, or an access
     * token with Orgbase as audience) naming an Orgbase user by email.
     */
    @POST
    @Path("oidc")
    @Public
    @Operation(
            summary = "Sign in with a token of the trusted external OpenID Connect issuer",
            description = "Only when ORGBASE_OIDC_ISSUER, ORGBASE_OIDC_JWKS_URL and ORGBASE_OIDC_AUDIENCE are set "
                    + "(404 otherwise). The token (an ID token, or an access token whose audience is Orgbase's "
                    + "client) must be signed with an asymmetric key of the issuer's JWKS (RS256/384/512, "
                    + "PS256, ES256/384; no jku, x5u, jwk or x5c header), carry the configured issuer and "
                    + "audience, be unexpired (60 s clock skew), and name an Orgbase account by its email claim "
                    + "(ORGBASE_OIDC_EMAIL_CLAIM, default email; email_verified false is refused). The identity "
                    + "provider's authentication counts as complete: Orgbase's own second factor is not asked.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "OidcExchange")))
    @APIResponse(
            responseCode = "200",
            description = "Signed in",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Token")))
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Parameter(ref = "sessionMode")
    public Response exchange(InputStream body, @Context HttpServletRequest request) {
        boolean inCookie = cookie.requested(request);
        JsonBody json = JsonBody.read(body);
        String token = json.string("token", Need.REQUIRED);
        json.finish();
        return signedIn(request, inCookie, authentication.exchange(token));
    }

    @POST
    @Path("refresh")
    @Public
    @Operation(
            summary = "Exchange a refresh token for a new pair; the presented token stops working",
            description = "Presenting a refresh token that was already used revokes every token of its sign-in. "
                    + "A cookie session (X-Orgbase-Session: cookie) sends no body, or {}: the token is the cookie's, "
                    + "and the new one replaces it.")
    @RequestBody(
            required = false,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RefreshRequest")))
    @APIResponse(
            responseCode = "200",
            description = "A new access token and refresh token",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Token")))
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @Parameter(ref = "sessionMode")
    public Response refresh(InputStream body, @Context HttpServletRequest request) {
        if (!cookie.requested(request)) {
            return signedIn(request, false, sessions.refresh(refreshToken(body)));
        }
        JsonBody.readOptional(body).finish();
        try {
            return signedIn(request, true, sessions.refresh(cookie.token(request)));
        } catch (Unauthenticated refused) {
            // the session is over (or the cookie was never ours): the browser forgets the cookie
            return Problems.response(401, refused.kind(), refused.getMessage(), java.util.List.of())
                    .header("Set-Cookie", cookie.clear(request))
                    .header("Cache-Control", "no-store")
                    .header("WWW-Authenticate", "Bearer realm=\"orgbase\"")
                    .build();
        }
    }

    @POST
    @Path("logout")
    @Public
    @Operation(
            summary = "Sign out; revokes the refresh token and every token rotated from the same sign-in",
            description = "A cookie session (X-Orgbase-Session: cookie) sends no body, or {}: the cookie's token is "
                    + "revoked and the cookie cleared.")
    @RequestBody(
            required = false,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RefreshRequest")))
    @APIResponse(responseCode = "204", description = "Signed out (also for an unknown token)")
    @Parameter(ref = "sessionMode")
    public Response logout(InputStream body, @Context HttpServletRequest request) {
        if (!cookie.requested(request)) {
            sessions.close(refreshToken(body));
            return Response.noContent().build();
        }
        JsonBody.readOptional(body).finish();
        try {
            sessions.close(cookie.token(request));
        } catch (Unauthenticated noCookie) {
            // nothing to end: signing out is idempotent
        }
        return Response.noContent().header("Set-Cookie", cookie.clear(request)).build();
    }

    @POST
    @Path("email-verification")
    @Public
    @Operation(
            summary = "Use an emailed verification link's token, with the account's password",
            description = "The token of a link from a verification message (the account then owns its address) "
                    + "or from a message confirming a new address (the account moves to it, and the old address "
                    + "is told), and the password of the account it is for: the mailbox and the account must both "
                    + "be the caller's. A wrong password is a 400 counted like a failed sign-in and leaves the "
                    + "link usable. Single use; valid for 24 hours.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EmailTokenRequest")))
    @APIResponse(
            responseCode = "200",
            description = "Verified",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EmailVerified")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public VerifiedView verifyEmail(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String token = json.string("token", Need.REQUIRED);
        String password = json.string("password", Need.REQUIRED);
        json.finish();
        return VerifiedView.of(ownership.verify(token, password));
    }

    /** What using a verification link did. */
    public record VerifiedView(String email, boolean emailVerified, boolean emailChanged) {
        static VerifiedView of(EmailOwnership.Verified verified) {
            return new VerifiedView(
                    verified.user().getEmail(), verified.user().isEmailVerified(), verified.addressChanged());
        }
    }

    @POST
    @Path("password-reset")
    @Public
    @Operation(
            summary = "Ask for a password reset link",
            description = "Always 202, whether or not the address has an account: the verified owner of the "
                    + "address, if any, gets a link valid for 30 minutes. At most 3 requests per address and 10 "
                    + "per client address in 15 minutes (then 429).")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PasswordResetRequest")))
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response requestPasswordReset(InputStream body, @Context HttpServletRequest request) {
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        json.finish();
        ownership.requestPasswordReset(email, clientAddress.of(request));
        return Response.accepted().build();
    }

    @POST
    @Path("password-reset/confirm")
    @Public
    @Operation(
            summary = "Choose a new password with a reset link's token",
            description = "Single use. Every sign-in of the account ends (its refresh tokens are revoked), "
                    + "lock-outs end, and the address is told. A password that breaks the policy is a 400 and "
                    + "leaves the link usable.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PasswordResetConfirm")))
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response resetPassword(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String token = json.string("token", Need.REQUIRED);
        String password = json.string("password", Need.REQUIRED);
        json.finish();
        ownership.resetPassword(token, password);
        return Response.noContent().build();
    }

    private static String refreshToken(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String token = json.string("refreshToken", Need.REQUIRED);
        json.finish();
        return token;
    }
}
