package io.orgbase.api;

import io.orgbase.requests.Precondition;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * Optimistic concurrency over HTTP: every versioned representation carries {@code ETag: "<version>"};
 * a GET whose {@code If-None-Match} names it is a 304; {@code If-Match} on PATCH and DELETE becomes a
 * {@link Precondition} the boundary checks (412 when stale).
 */
@Provider
public class ETags implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Tagged tagged) || tagged.etagVersion() == null) {
            return;
        }
        if (response.getStatus() != 200 && response.getStatus() != 201) {
            return;
        }
        String etag = "\"" + tagged.etagVersion() + "\"";
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        String noneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if ("GET".equals(request.getMethod()) && noneMatch != null && matches(noneMatch, etag)) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request's {@code If-Match}: {@code *} or absent asks nothing; otherwise the listed strong
     * ETags. A weak or malformed tag never matches (RFC 9110 compares If-Match strongly).
     */
    public static Precondition ifMatch(HttpHeaders headers) {
        return ifMatch(headers.getHeaderString(HttpHeaders.IF_MATCH));
    }

    /** An {@code If-Match} value, from the header or from a bulk operation. */
    public static Precondition ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return Precondition.NONE;
        }
        List<Long> versions = new ArrayList<>();
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                try {
                    versions.add(Long.parseLong(tag.substring(1, tag.length() - 1)));
                } catch (NumberFormatException notOurs) {
                    // cannot match any version of ours
                }
            }
        }
        if (versions.isEmpty()) {
            versions.add(-1L);
        }
        return new Precondition(versions);
    }
}
