package io.orgbase.problems;

import io.orgbase.identity.boundary.MfaRequired;
import io.orgbase.logging.Logs;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where exceptions become HTTP answers. Domain exceptions, validation failures,
 * database constraint violations and JAX-RS errors map to 4xx problems; anything else is a 500
 * that shows only a correlation id, with the details in the server log under that id.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logs.get(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable thrown) {
        Diagnosis diagnosis = Diagnosis.of(thrown);
        if (diagnosis != null) {
            return answer(diagnosis);
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            Response mapped = map(cause);
            if (mapped != null) {
                return mapped;
            }
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unhandled failure, correlation id " + correlationId, thrown);
        return Response.status(500)
                .type(Problems.PROBLEM_JSON)
                .entity(Problems.json(
                        500,
                        "server-error",
                        "Something went wrong on our side. Quote the correlation id when reporting it.",
                        null,
                        correlationId))
                .build();
    }

    /** What only HTTP clients send: malformed JSON and the container's own refusals. */
    private Response map(Throwable cause) {
        if (cause instanceof JsonException json) {
            return Problems.response(
                            400, "invalid-input", "The request body is not valid JSON: " + json.getMessage(), null)
                    .build();
        }
        if (cause instanceof WebApplicationException web) {
            return web(web);
        }
        return null;
    }

    private static Response answer(Diagnosis diagnosis) {
        int status = diagnosis.status();
        DomainException domain = diagnosis.cause();
        Map<String, String> extensions =
                domain instanceof MfaRequired mfa ? Map.of("mfaToken", mfa.mfaToken()) : Map.of();
        Response.ResponseBuilder response = Response.status(status)
                .type(Problems.PROBLEM_JSON)
                .entity(Problems.json(
                        status,
                        diagnosis.kind(),
                        diagnosis.detail(),
                        diagnosis.fields().isEmpty() ? null : diagnosis.fields(),
                        null,
                        extensions));
        if (domain instanceof StepUpRequired stepUp) {
            response.header(
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"orgbase\", error=\"insufficient_user_authentication\", error_description=\""
                            + domain.getMessage().replace("\"", "'") + "\", " + stepUp.challenge());
        } else if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"orgbase\"");
        }
        if (diagnosis.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, diagnosis.retryAfterSeconds());
        }
        return response.build();
    }

    private static Response web(WebApplicationException web) {
        Response original = web.getResponse();
        int status = original.getStatus();
        String detail =
                switch (status) {
                    case 404 -> "No such resource.";
                    case 405 -> "This method is not allowed here.";
                    case 406 -> "The requested media type cannot be produced; ask for application/json.";
                    case 415 -> "Send the request body as application/json.";
                    default -> status >= 500 ? null : web.getMessage();
                };
        if (status >= 500) {
            return null;
        }
        Response.ResponseBuilder response = Problems.response(status, Problems.kindOf(status), detail, null);
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }
}
