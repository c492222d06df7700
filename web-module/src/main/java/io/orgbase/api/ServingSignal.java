package io.orgbase.api;

import io.orgbase.persistence.ApiStatus;
import jakarta.servlet.http.HttpServlet;

/**
 * Tells the readiness check that the endpoints are loaded. Declared in {@code web.xml} with the
 * highest {@code load-on-startup} and no mapping: the container starts it after the REST servlet
 * (Jersey registers it with {@code load-on-startup} 1, RESTEasy with 0) and every other servlet
 * that starts with the module (those without a {@code load-on-startup} start at their first
 * request), and never routes a request to it. Destroyed when the module stops, in no set order
 * among the servlets.
 */
public class ServingSignal extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void init() {
        ApiStatus.serving();
    }

    @Override
    public void destroy() {
        ApiStatus.stopping();
    }
}
