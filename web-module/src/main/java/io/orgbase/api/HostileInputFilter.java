package io.orgbase.api;

import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.ControlCharacters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses control characters in path segments and query parameters (decoded) before any resource
 * matches, with a 400 naming each place (request bodies are checked where they are read, {@code
 * JsonBody}). A slug or search term with a NUL would otherwise reach PostgreSQL, which refuses it.
 */
@Provider
@PreMatching
@Priority(110)
public class HostileInputFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        for (PathSegment segment : request.getUriInfo().getPathSegments(true)) {
            if (ControlCharacters.in(segment.getPath())) {
                errors.add(ControlCharacters.error("(path)"));
                break;
            }
        }
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getQueryParameters(true).entrySet()) {
            if (ControlCharacters.in(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(ControlCharacters::in)) {
                errors.add(
                        ControlCharacters.error(parameter.getKey().isEmpty() ? "(query)" : clean(parameter.getKey())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The request carries control characters.", errors);
        }
    }

    /** A parameter name as it may be echoed: printable, at most 100 characters. */
    private static String clean(String name) {
        String printable = RequestContextFilter.printable(name);
        return printable == null ? "(query)" : printable.length() > 100 ? printable.substring(0, 100) : printable;
    }
}
