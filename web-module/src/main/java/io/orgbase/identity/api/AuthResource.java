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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("auth")
@RequestScoped
@Tag(name = "auth", description = "Sign-in")
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
    @SecurityRequirements
    @Operation(summary = "Exchange email and password for an access token")
    @RequestBody(required = true, description = "{email, password}")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "Email or password is wrong (the same answer for both)")
    public TokenView login(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        String password = json.string("password", Need.REQUIRED);
        json.finish();
        return TokenView.of(authentication.login(email, password));
    }
}
