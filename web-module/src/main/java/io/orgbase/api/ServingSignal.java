package io.orgbase.api;

import io.orgbase.persistence.ApiStatus;
import jakarta.servlet.http.HttpServlet;

/**
 * Tells the readiness check that the endpoints are loaded. Declared in {@code web.xml} with the
 * highest {@code load-on-startup} and no mapping: the container starts it after the REST servlet
 * (which JAX-RS registers with {@code load-on-startup} 1) and every other, and never routes a
 * request to it. Destroyed first when the module stops, so readiness goes DOWN before the
 * endpoints do.
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
