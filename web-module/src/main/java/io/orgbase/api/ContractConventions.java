package io.orgbase.api;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/** The answers and parameters every operation of a kind has, added to the contract once ({@link ContractFilter}). */
final class ContractConventions {

    private ContractConventions() {}

    /**
     * What every operation of a kind answers, whatever its resource: written here once, so that
     * resources declare only what is their own. Each is added only where the operation does not
     * declare that status itself.
     *
     * <ul>
     *   <li>401 without credentials, unless {@link Public};
     *   <li>404 where the path names something (an organization, a record) that may not be there;
     *   <li>400 and 413 where there is a request body (malformed or oversized);
     *   <li>on a signed-in POST, the {@code Idempotency-Key} header and its 422;
     *   <li>a versioned record ({@link Tagged}): {@code If-None-Match} and 304 on GET,
     *       {@code If-Match} and 412 on PATCH and PUT; a DELETE that reads the headers reads
     *       {@code If-Match} and answers 412;
     *   <li>a page of records (a method that returns {@link Items} and reads the query through
     *       {@code UriInfo}) takes the collection parameters and answers 400 for bad ones.
     * </ul>
     */
    static void apply(
            Operation operation, PathItem.HttpMethod verb, String path, boolean open, java.lang.reflect.Method method) {
        if (!open) {
            answer(operation, "401", "Unauthenticated");
        }
        if (path.contains("{")) {
            answer(operation, "404", "NotFound");
        }
        if (operation.getRequestBody() != null) {
            answer(operation, "400", "BadRequest");
            answer(operation, "413", "TooLarge");
        }
        if (verb == PathItem.HttpMethod.POST && !open) {
            take(operation, "idempotencyKey");
            answer(operation, "422", "IdempotencyKeyReused");
        }
        if (method != null && Tagged.class.isAssignableFrom(method.getReturnType())) {
            // a versioned record: its ETag makes a GET conditional and guards a change
            if (verb == PathItem.HttpMethod.GET) {
                take(operation, "ifNoneMatch");
                if (operation.getResponses().getAPIResponse("304") == null) {
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "304",
                                    OASFactory.createAPIResponse()
                                            .description("Not modified (If-None-Match names the current ETag)"));
                }
            } else if (verb == PathItem.HttpMethod.PATCH || verb == PathItem.HttpMethod.PUT) {
                take(operation, "ifMatch");
                answer(operation, "412", "PreconditionFailed");
            }
        }
        if (method != null
                && verb == PathItem.HttpMethod.DELETE
                && java.util.Arrays.asList(method.getParameterTypes()).contains(jakarta.ws.rs.core.HttpHeaders.class)) {
            // a delete that reads the headers reads If-Match (ETags.ifMatch)
            take(operation, "ifMatch");
            answer(operation, "412", "PreconditionFailed");
        }
        if (method != null
                && method.getReturnType() == Items.class
                && java.util.Arrays.asList(method.getParameterTypes()).contains(jakarta.ws.rs.core.UriInfo.class)) {
            for (String parameter : List.of("limit", "cursor", "sort", "filter", "q", "count")) {
                take(operation, parameter);
            }
            answer(operation, "400", "BadRequest");
        }
    }

    private static void answer(Operation operation, String status, String response) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation
                    .getResponses()
                    .addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + response));
        }
    }

    private static void take(Operation operation, String parameter) {
        String ref = "#/components/parameters/" + parameter;
        if (parameters(operation).stream().noneMatch(p -> ref.equals(p.getRef()))) {
            operation.addParameter(OASFactory.createParameter().ref(ref));
        }
    }

    static List<Parameter> parameters(List<Parameter> parameters) {
        return parameters == null ? List.of() : parameters;
    }

    private static List<Parameter> parameters(Operation operation) {
        return parameters(operation.getParameters());
    }
}
