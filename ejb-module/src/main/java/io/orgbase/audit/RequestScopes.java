package io.orgbase.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the request-scoped state of this module with {@code new}, in producer methods. A request-scoped
 * class that Weld instantiates itself is handed to the container's resource injection every time
 * (Payara's {@code InjectionServicesImpl.aroundInject} looks up services and walks the class's
 * annotations for {@code @Resource} and {@code @EJB}): 1.5–3% of an item read's CPU for each such bean,
 * for a class that has nothing to inject. A producer's product is not injected; the request scope,
 * its proxy and its end are the same.
 */
@ApplicationScoped
public class RequestScopes {

    @Produces
    @RequestScoped
    RequestInfo requestInfo() {
        return new RequestInfo();
    }
}
