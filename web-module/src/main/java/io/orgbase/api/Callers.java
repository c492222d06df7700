package io.orgbase.api;

import io.orgbase.access.Caller;
import io.orgbase.identity.control.TokenIssuer;
import io.orgbase.problems.Unauthenticated;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in caller of the current request, from the verified access token. */
@RequestScoped
public class Callers {

    @Inject
    JsonWebToken token;

    /** @throws Unauthenticated when the request carries no usable token */
    public Caller current() {
        if (token == null || token.getSubject() == null) {
            throw new Unauthenticated("Sign in: send an access token as 'Authorization: Bearer <token>'.");
        }
        try {
            return new Caller(
                    UUID.fromString(token.getSubject()),
                    token.getName(),
                    token.getGroups() != null && token.getGroups().contains(TokenIssuer.PLATFORM_ADMIN_GROUP));
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated("The access token does not name an Orgbase user.");
        }
    }
}
