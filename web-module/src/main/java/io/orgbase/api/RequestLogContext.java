package io.orgbase.api;

import io.orgbase.logging.Logs;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Ends each request's log context (see {@link Logs}) however the request ended, so that a pooled
 * thread's next lines never name an earlier request or its organization.
 */
@WebListener
public class RequestLogContext implements ServletRequestListener {

    @Override
    public void requestInitialized(ServletRequestEvent started) {
        // a request that logs before the API or SOAP entry names it (a static file, the health
        // check) logs without a context, never with a previous request's
        Logs.endRequest();
    }

    @Override
    public void requestDestroyed(ServletRequestEvent done) {
        // an asynchronous request (a live notification stream) may end on a thread serving another
        Logs.endRequest(done.getServletRequest().getAttribute(Logs.class.getName()));
    }
}
