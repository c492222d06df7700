package io.orgbase.identity.api;

import io.orgbase.api.Public;
import io.orgbase.identity.boundary.Authentication;
import io.orgbase.identity.control.TokenIssuer.AccessToken;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

@Path("auth")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Authentication authentication;

    public record LoginRequest(String email, String password) {}

    public record TokenView(String accessToken, String tokenType, long expiresIn) {
        static TokenView of(AccessToken token) {
            return new TokenView(token.token(), "Bearer", token.expiresIn());
        }
    }

    @POST
    @Path("login")
    @Public
    public TokenView login(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        String password = json.string("password", Need.REQUIRED);
        json.finish();
        return TokenView.of(authentication.login(email, password));
    }
}
