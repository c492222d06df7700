package io.orgbase.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the request
 * arrived from one of {@code orgbase.trusted-proxies} (exact addresses of the load balancers in
 * front of Orgbase); then the rightmost address that is not itself a trusted proxy is the client.
 * Anything else would let a client choose its own address and dodge per-address throttling.
 */
@ApplicationScoped
public class ClientAddress {

    /**
     * Request attribute: the client's address, recorded by {@link ClientAddressFilter} for every REST
     * request (JAX-RS shows a servlet request's attributes as the request's properties).
     */
    public static final String ATTRIBUTE = "io.orgbase.clientAddress";

    @Inject
    @ConfigProperty(name = "orgbase.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    private Set<String> trusted;

    /** An IPv4 or IPv6 address as proxies write it. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (!trusted().contains(remote)) {
            return remote;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return remote;
        }
        List<String> hops = List.of(forwarded.split(","));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).strip();
            if (!hop.isEmpty() && !trusted().contains(hop)) {
                // whatever the client put before the proxy's own hop arrives here too: only an
                // address is believed (it becomes a throttle key and lands in the audit trail)
                return ADDRESS.matcher(hop).matches() ? hop : remote;
            }
        }
        return remote;
    }

    /**
     * The client's address {@link ClientAddressFilter} recorded for this REST request. JAX-RS filters
     * read it here: their injected servlet request is a proxy that finds the request anew in each
     * request's scope (3.3% of a department read's CPU on Payara).
     *
     * @throws IllegalStateException when none was recorded (a path the filter does not cover)
     */
    public static String recorded(ContainerRequestContext request) {
        if (request.getProperty(ATTRIBUTE) instanceof String address) {
            return address;
        }
        throw new IllegalStateException(
                "No client address recorded for " + request.getUriInfo().getPath());
    }

    /** Whether this address is one of the load balancers themselves (not a client behind them). */
    public boolean isTrustedProxy(String address) {
        return trusted().contains(address);
    }

    private Set<String> trusted() {
        if (trusted == null) {
            trusted = List.of(trustedProxies.split(",")).stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return trusted;
    }
}
