package io.orgbase.api;

import io.orgbase.problems.Unauthenticated;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every endpoint requires a verified bearer token or an {@code X-API-Key} unless marked {@link
 * Public}. A token whose
 * signature or claims are invalid never reaches here (MicroProfile JWT rejects it with 401); a
 * verified one must still pass the {@link TokenPolicy} ({@link VerifiedTokens#admit}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    VerifiedTokens verifiedTokens;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (principal instanceof JsonWebToken token) {
            verifiedTokens.admit(token);
            return;
        }
        if (request.getProperty(Callers.API_KEY_ATTRIBUTE) != null) {
            return; // checked by ApiKeyFilter
        }
        if (!isPublic()) {
            throw new Unauthenticated(Callers.SIGN_IN);
        }
    }

    private boolean isPublic() {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(Public.class)
                        || resource.getResourceClass().isAnnotationPresent(Public.class));
    }
}
