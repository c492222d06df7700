package io.orgbase.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Makes the web module's request-scoped state with {@code new}, in producer methods, for the reason
 * {@link io.orgbase.audit.RequestScopes} gives: Weld hands every instance it builds itself to the
 * container's resource injection, which costs Payara 1.5–3% of an item read's CPU per bean and per
 * request; a producer's product is not injected. What the objects need is passed to them here.
 */
@ApplicationScoped
public class RequestScopes {

    @Inject
    HttpServletRequest request;

    @Inject
    RateLimits limits;

    @Inject
    ClientAddress clientAddress;

    @Inject
    VerifiedTokens tokens;

    @Produces
    @RequestScoped
    Callers callers() {
        return new Callers(request, tokens);
    }

    @Produces
    @RequestScoped
    RequestBudget budget(Callers callers) {
        return new RequestBudget(limits, callers, clientAddress);
    }
}
