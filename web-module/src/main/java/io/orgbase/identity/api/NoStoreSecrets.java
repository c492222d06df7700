package io.orgbase.identity.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * No cache keeps what the sign-in and two-factor endpoints answer, errors included: their bodies
 * carry tokens (access and refresh tokens, the second step's mfaToken) or secrets (a TOTP secret,
 * recovery codes).
 */
@Provider
public class NoStoreSecrets implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("auth/") || path.startsWith("/auth/") || path.contains("me/2fa")) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
