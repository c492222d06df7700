package io.orgbase.problems;

import io.orgbase.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem documents ({@code application/problem+json}). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://orgbase.io/problems/";

    private Problems() {}

    /** The problem document as JSON text. */
    public static String json(int status, String kind, String detail, List<FieldError> fields, String correlationId) {
        return json(status, kind, detail, fields, correlationId, Map.of());
    }

    /** With extension members (RFC 9457 section 3.2), such as the {@code mfaToken} of a sign-in. */
    public static String json(
            int status,
            String kind,
            String detail,
            List<FieldError> fields,
            String correlationId,
            Map<String, String> extensions) {
        JsonObjectBuilder problem = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("type", TYPE_BASE + kind)
                .add("title", title(status))
                .add("status", status);
        if (detail != null) {
            problem.add("detail", detail);
        }
        if (fields != null && !fields.isEmpty()) {
            JsonArrayBuilder params = Jsonp.PROVIDER.createArrayBuilder();
            fields.forEach(f -> params.add(
                    Jsonp.PROVIDER.createObjectBuilder().add("name", f.name()).add("reason", f.reason())));
            problem.add("invalid-params", params);
        }
        if (correlationId != null) {
            problem.add("correlationId", correlationId);
        }
        extensions.forEach(problem::add);
        return problem.build().toString();
    }

    public static Response.ResponseBuilder response(int status, String kind, String detail, List<FieldError> fields) {
        return Response.status(status).type(PROBLEM_JSON).entity(json(status, kind, detail, fields, null));
    }

    /** Problem kind for a bare HTTP status (errors raised by the container rather than Orgbase). */
    public static String kindOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            default -> status >= 500 ? "server-error" : "client-error";
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Client Error";
        };
    }
}
