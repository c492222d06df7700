package io.orgbase.api;

import io.orgbase.access.Caller;
import io.orgbase.idempotency.boundary.IdempotentRequests;
import io.orgbase.idempotency.boundary.IdempotentRequests.InProgress;
import io.orgbase.idempotency.boundary.IdempotentRequests.Mismatch;
import io.orgbase.idempotency.boundary.IdempotentRequests.Replay;
import io.orgbase.idempotency.boundary.IdempotentRequests.Start;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.Problems;
import io.orgbase.problems.Unauthenticated;
import io.orgbase.requests.JsonBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on a POST of a signed-in caller: the first request runs and its answer
 * is kept for 24 hours; a retry with the same key and the same method, path and body gets the same
 * answer again (with {@code Idempotent-Replayed: true}) and creates nothing; the same key with
 * another request is a 422; a retry while the first still runs is a 409. Answers of 500 and above
 * are not kept, so their retry runs again.
 */
@Provider
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String STARTED = "io.orgbase.idempotency";
    private static final List<String> KEPT_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.CACHE_CONTROL, HttpHeaders.ETAG);

    @Inject
    Callers callers;

    @Inject
    IdempotentRequests requests;

    /** A request being handled for the first time under its key. */
    private record Started(Caller caller, String key) {}

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return;
        }
        if (!SANE_KEY.matcher(key).matches()) {
            throw InvalidInput.field(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        Caller caller;
        try {
            caller = callers.current();
        } catch (Unauthenticated anonymous) {
            return; // sign-in and other public calls are not creations
        }
        byte[] body = request.getEntityStream().readNBytes(JsonBody.MAX_BYTES + 1);
        request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(body), request.getEntityStream()));
        Start start = requests.begin(caller, key, hash(request, body));
        if (start instanceof Replay replay) {
            request.abortWith(replayed(replay));
        } else if (start instanceof Mismatch) {
            request.abortWith(Problems.response(
                            422,
                            "idempotency-key-reused",
                            "This Idempotency-Key was used for a different request; use a new key.",
                            null)
                    .build());
        } else if (start instanceof InProgress) {
            request.abortWith(Problems.response(
                            409,
                            "conflict",
                            "The first request with this Idempotency-Key is still being handled; retry shortly.",
                            null)
                    .build());
        } else {
            request.setProperty(STARTED, new Started(caller, key));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Started started)) {
            return;
        }
        if (response.getStatus() >= 500) {
            requests.abandon(started.caller(), started.key());
            return;
        }
        JsonObjectBuilder kept = Jsonp.PROVIDER.createObjectBuilder();
        JsonObjectBuilder headers = Jsonp.PROVIDER.createObjectBuilder();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeaderString(name);
            if (value != null) {
                headers.add(name, value);
            }
        }
        kept.add("headers", headers);
        kept.add("body", Base64.getEncoder().encodeToString(bytes(response.getEntity())));
        requests.finish(
                started.caller(),
                started.key(),
                response.getStatus(),
                kept.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Response replayed(Replay replay) {
        JsonObject kept;
        try (JsonReader reader =
                Jsonp.PROVIDER.createReader(new StringReader(new String(replay.response(), StandardCharsets.UTF_8)))) {
            kept = reader.readObject();
        }
        Response.ResponseBuilder response = Response.status(replay.status()).header("Idempotent-Replayed", "true");
        kept.getJsonObject("headers").forEach((name, value) -> response.header(name, ((JsonString) value).getString()));
        byte[] body = Base64.getDecoder().decode(kept.getString("body"));
        return response.entity(body.length == 0 ? null : body).build();
    }

    private static byte[] bytes(Object entity) {
        if (entity == null) {
            return new byte[0];
        }
        if (entity instanceof byte[] raw) {
            return raw;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return JsonSettings.jsonb().toJson(entity).getBytes(StandardCharsets.UTF_8);
    }

    private static String hash(ContainerRequestContext request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // the host too: on a subdomain, /orgs/current/... names the subdomain's organization, and
            // the same key sent to another one is another request
            digest.update((request.getMethod() + " " + request.getUriInfo().getPath() + "\n"
                            + Objects.requireNonNullElse(request.getHeaderString("Host"), "") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
