package io.orgbase.api;

import io.orgbase.problems.Unauthenticated;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every endpoint requires a verified bearer token unless marked {@link Public}. A token that is
 * present but invalid never reaches here: MicroProfile JWT rejects it with 401 first.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic() || request.getSecurityContext().getUserPrincipal() != null) {
            return;
        }
        throw new Unauthenticated("Sign in: send an access token as 'Authorization: Bearer <token>'.");
    }

    private boolean isPublic() {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(Public.class)
                        || resource.getResourceClass().isAnnotationPresent(Public.class));
    }
}
