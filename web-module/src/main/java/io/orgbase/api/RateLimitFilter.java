package io.orgbase.api;

import io.orgbase.api.RateLimits.Decision;
import io.orgbase.problems.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Spends one request of the caller's budget (or what the endpoint's {@link Cost} says): the principal's when signed in (per user or API key,
 * whatever address it comes from, so a corporate NAT is not one budget), else the client
 * address's. Past it, 429 with {@code Retry-After}; every answer says where the budget stands in
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 50)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = "io.orgbase.rateLimit";

    @Inject
    RequestBudget budget;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Cost cost = resource.getResourceMethod() == null
                ? null
                : resource.getResourceMethod().getAnnotation(Cost.class);
        Decision decision = budget.open(ClientAddress.recorded(request), cost == null ? 1 : cost.value());
        if (decision == null) {
            return;
        }
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            request.abortWith(Problems.response(
                            429,
                            "too-many-requests",
                            RequestBudget.refusal(decision).getMessage(),
                            null)
                    .header("Retry-After", decision.resetSeconds())
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        budget.finish();
        // the budget's latest standing: a bulk request charges more after this filter ran
        Decision decision = request.getProperty(DECISION) != null ? budget.standing() : null;
        if (decision != null && decision.limit() > 0) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("RateLimit-Limit", decision.limit());
            headers.putSingle("RateLimit-Remaining", decision.remaining());
            headers.putSingle("RateLimit-Reset", decision.resetSeconds());
        }
    }
}
