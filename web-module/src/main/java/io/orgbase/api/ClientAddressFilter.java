package io.orgbase.api;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Records each REST request's client address ({@link ClientAddress#ATTRIBUTE}) before JAX-RS runs,
 * where the servlet request is at hand itself: the JAX-RS filters that need the address read it from
 * the request's properties instead of through the container's per-request proxy of the servlet
 * request. Async-capable, as every filter before a JAX-RS resource must be: the notification stream
 * (Server-Sent Events) suspends its request, which a container refuses past a filter that is not.
 */
@WebFilter(urlPatterns = ClientAddressFilter.PATTERN, asyncSupported = true)
public class ClientAddressFilter extends HttpFilter {

    /** Every REST path ({@link OrgbaseApplication}'s). */
    static final String PATTERN = "/api/*";

    @Inject
    transient ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(ClientAddress.ATTRIBUTE, clientAddress.of(request));
        chain.doFilter(request, response);
    }
}
