package io.orgbase.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Checks an {@code X-API-Key} before resource matching, because the organization locator, which
 * runs during matching, already needs to know who calls. A request with a bearer token is left to
 * MicroProfile JWT; an invalid key is refused here with 401 ({@link ApiKeyCheck}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    static final String HEADER = "X-API-Key";

    @Inject
    ApiKeyCheck check;

    @Override
    public void filter(ContainerRequestContext request) {
        String apiKey = request.getHeaderString(HEADER);
        if (apiKey == null || request.getSecurityContext().getUserPrincipal() != null) {
            return;
        }
        check.authenticate(apiKey, ClientAddress.recorded(request), request::setProperty);
    }
}
