package io.orgbase.identity.api;

import io.orgbase.api.ClientAddress;
import io.orgbase.api.Public;
import io.orgbase.identity.boundary.Authentication;
import io.orgbase.identity.boundary.Sessions;
import io.orgbase.identity.boundary.TwoFactor;
import io.orgbase.identity.control.RefreshTokens.SessionTokens;
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

@Path("auth")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Authentication authentication;

    @Inject
    Sessions sessions;

    @Inject
    TwoFactor twoFactor;

    @Inject
    ClientAddress clientAddress;

    public record TokenView(
            String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
        static TokenView of(SessionTokens tokens) {
            return new TokenView(
                    tokens.access().token(),
                    "Bearer",
                    tokens.access().expiresIn(),
                    tokens.refreshToken(),
                    tokens.refreshExpiresIn());
        }
    }

    @POST
    @Path("login")
    @Public
    public TokenView login(InputStream body, @Context HttpServletRequest request) {
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        String password = json.string("password", Need.REQUIRED);
        json.finish();
        return TokenView.of(authentication.login(email, password, clientAddress.of(request)));
    }

    /** The second step of signing in, for accounts with two-factor sign-in. */
    @POST
    @Path("login/mfa")
    @Public
    public TokenView completeLogin(InputStream body, @Context HttpServletRequest request) {
        JsonBody json = JsonBody.read(body);
        String mfaToken = json.string("mfaToken", Need.REQUIRED);
        String code = json.string("code", Need.REQUIRED);
        json.finish();
        return TokenView.of(twoFactor.completeLogin(mfaToken, code, clientAddress.of(request)));
    }

    /**
     * Signs in with a token of the trusted external OpenID Connect issuer (an ID token, or an access
     * token with Orgbase as audience) naming an Orgbase user by email.
     */
    @POST
    @Path("oidc")
    @Public
    public TokenView exchange(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String token = json.string("token", Need.REQUIRED);
        json.finish();
        return TokenView.of(authentication.exchange(token));
    }

    @POST
    @Path("refresh")
    @Public
    public TokenView refresh(InputStream body) {
        return TokenView.of(sessions.refresh(refreshToken(body)));
    }

    @POST
    @Path("logout")
    @Public
    public Response logout(InputStream body) {
        sessions.close(refreshToken(body));
        return Response.noContent().build();
    }

    private static String refreshToken(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String token = json.string("refreshToken", Need.REQUIRED);
        json.finish();
        return token;
    }
}
