package io.orgbase.api;

import io.orgbase.audit.RequestInfo;
import io.orgbase.logging.Logs;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Notes where each request comes from (client address, user agent) and gives it a request id —
 * the caller's {@code X-Request-Id} when it is a sane token, else a new one — for the audit trail;
 * the id is echoed in the response.
 */
@Provider
@PreMatching
@Priority(100)
public class RequestContextFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final String ATTRIBUTE = "io.orgbase.requestId";

    @Inject
    RequestInfo info;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = requestId(request.getHeaderString(REQUEST_ID));
        request.setProperty(ATTRIBUTE, id);
        // a property of a request in a servlet container is an attribute of its servlet request
        request.setProperty(Logs.class.getName(), Logs.beginRequest(id));
        info.set(ClientAddress.recorded(request), printable(request.getHeaderString("User-Agent")), id);
    }

    /** The client's request id when it is a sane one, else a new one. */
    public static String requestId(String presented) {
        return presented != null && SANE_ID.matcher(presented).matches()
                ? presented
                : UUID.randomUUID().toString();
    }

    /** A header as it may be stored (the audit trail keeps the user agent): printable, at most 512 characters. */
    public static String printable(String header) {
        if (header == null) {
            return null;
        }
        String printable = header.codePoints()
                .filter(c -> c >= 0x20 && c != 0x7f)
                .limit(512)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.isEmpty() ? null : printable;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(ATTRIBUTE) instanceof String id) {
            response.getHeaders().putSingle(REQUEST_ID, id);
        }
    }
}
