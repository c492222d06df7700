package io.orgbase.problems;

import io.orgbase.identity.boundary.MfaRequired;
import jakarta.json.JsonException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    private static final int BUSY_RETRY_SECONDS = 5;

    @Override
    public Response toResponse(Throwable thrown) {
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

    private Response map(Throwable cause) {
        if (cause instanceof DomainException domain) {
            return domain(domain);
        }
        if (cause instanceof ConstraintViolationException violations) {
            return Problems.response(400, "invalid-input", "The request has invalid fields.", fields(violations))
                    .build();
        }
        if (cause instanceof OptimisticLockException) {
            return Problems.response(409, "conflict", "Someone else changed this meanwhile; reload and retry.", null)
                    .build();
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return database(sql.getSQLState());
        }
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

    private static Response domain(DomainException domain) {
        int status = statusOf(domain);
        List<FieldError> fields = domain instanceof InvalidInput invalid ? invalid.errors() : null;
        Map<String, String> extensions =
                domain instanceof MfaRequired mfa ? Map.of("mfaToken", mfa.mfaToken()) : Map.of();
        Response.ResponseBuilder response = Response.status(status)
                .type(Problems.PROBLEM_JSON)
                .entity(Problems.json(status, domain.kind(), domain.getMessage(), fields, null, extensions));
        if (domain instanceof StepUpRequired stepUp) {
            response.header(
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"orgbase\", error=\"insufficient_user_authentication\", error_description=\""
                            + domain.getMessage().replace("\"", "'") + "\", " + stepUp.challenge());
        } else if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"orgbase\"");
        }
        if (domain instanceof TooManyRequests slowDown) {
            response.header(HttpHeaders.RETRY_AFTER, slowDown.retryAfterSeconds());
        }
        return response.build();
    }

    private static int statusOf(DomainException domain) {
        if (domain instanceof NotFound) {
            return 404;
        } else if (domain instanceof Conflict) {
            return 409;
        } else if (domain instanceof Forbidden) {
            return 403;
        } else if (domain instanceof Unauthenticated || domain instanceof StepUpRequired) {
            return 401;
        } else if (domain instanceof PayloadTooLarge) {
            return 413;
        } else if (domain instanceof TooManyRequests) {
            return 429;
        } else if (domain instanceof PreconditionFailed) {
            return 412;
        }
        return 400;
    }

    /** Constraint violations of the schema: the database is the last word on uniqueness. */
    private static Response database(String state) {
        return switch (state) {
            case "23505", "23P01" -> Problems.response(
                            409, "conflict", "Something with these values already exists.", null)
                    .build();
            case "23503" -> Problems.response(
                            409, "conflict", "This is still referenced, or refers to something that is gone.", null)
                    .build();
            case "40001", "40P01" -> Problems.response(
                            409, "conflict", "A concurrent change got in the way; retry the request.", null)
                    .build();
            case "23514", "22001", "22P02", "23502", "22021" -> Problems.response(
                            400, "invalid-input", "The request has a value the database does not accept.", null)
                    .build();
                // a statement ran past the statement timeout (ORGBASE_DB_STATEMENT_TIMEOUT) and was cancelled
            case "57014" -> {
                LOG.warning("A database statement was cancelled after the statement timeout");
                yield Problems.response(
                                503,
                                "database-busy",
                                "The database took too long to answer; retry shortly, or narrow the request.",
                                null)
                        .header(HttpHeaders.RETRY_AFTER, BUSY_RETRY_SECONDS)
                        .build();
            }
            default -> null;
        };
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

    private static List<FieldError> fields(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .map(v -> new FieldError(leaf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::name))
                .toList();
    }

    /**
     * {@code create.request.name} → {@code name}, {@code create.request.primaryAddress.country} →
     * {@code primaryAddress.country}, {@code create.request.emails[1].email} → {@code
     * emails[1].email}: clients know fields, not Java methods. The values of a {@code Patch} are the
     * request's own fields.
     */
    static String leaf(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
            if (node.isInIterable() && node.getIndex() != null && !properties.isEmpty()) {
                int at = properties.size() - 1;
                properties.set(at, properties.get(at) + "[" + node.getIndex() + "]");
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                properties.add(node.getName());
            }
        }
        if (properties.size() > 1 && properties.get(0).equals("values")) {
            properties.remove(0);
        }
        return properties.isEmpty() ? last : String.join(".", properties);
    }
}
