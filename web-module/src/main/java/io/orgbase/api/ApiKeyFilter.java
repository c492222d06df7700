package io.orgbase.api;

import io.orgbase.identity.boundary.ApiKeys;
import io.orgbase.problems.TooManyRequests;
import io.orgbase.problems.Unauthenticated;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Checks an {@code X-API-Key} before resource matching, because the organization locator, which
 * runs during matching, already needs to know who calls. A request with a bearer token is left to
 * MicroProfile JWT; an invalid key is refused here with 401.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    static final String HEADER = "X-API-Key";

    @Inject
    ApiKeys apiKeys;

    @Inject
    RateLimits limits;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest servletRequest;

    /**
     * A key that fails spends from its address's budget (requests without a principal share it), and
     * once that is spent, keys from the address are refused before the database is asked.
     */
    @Override
    public void filter(ContainerRequestContext request) {
        String apiKey = request.getHeaderString(HEADER);
        if (apiKey == null || request.getSecurityContext().getUserPrincipal() != null) {
            return;
        }
        String address = clientAddress.of(servletRequest);
        boolean counted = !clientAddress.isTrustedProxy(address);
        String bucket = limits.addressBucket(address);
        long wait = counted ? limits.spentFor(bucket, limits.perAddress()) : 0;
        if (wait > 0) {
            throw new TooManyRequests("Too many requests without valid credentials from this address.", wait);
        }
        try {
            request.setProperty(Callers.API_KEY_ATTRIBUTE, apiKeys.authenticate(apiKey.strip()));
        } catch (Unauthenticated refused) {
            if (counted) {
                limits.take(bucket, limits.perAddress());
            }
            throw refused;
        }
    }
}
