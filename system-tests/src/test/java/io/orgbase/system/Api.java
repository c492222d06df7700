package io.orgbase.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for the Orgbase API, as a caller with or without a token. */
final class Api {

    /**
     * HTTP/1.1, as most corporate clients and proxies speak it; with HTTP/2 the client would send
     * the authority of the URI instead of a Host header a test sets (subdomain tests need it).
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String base;
    private final Map<String, String> headers;

    private Api(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    private Api with(String name, String value, String... dropping) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        for (String dropped : dropping) {
            changed.remove(dropped);
        }
        changed.put(name, value);
        return new Api(base, changed);
    }

    /** A caller that presents an API key instead of a token. */
    Api withApiKey(String key) {
        return with("X-API-Key", key, "Authorization");
    }

    /** The same caller, addressing Orgbase by another host name (a subdomain). */
    Api viaHost(String hostName) {
        return with("Host", hostName);
    }

    static Api anonymous() {
        return new Api(Orgbase.target().baseUrl(), Map.of());
    }

    /** A caller of an Orgbase other than the shared one (the run-command test starts its own). */
    static Api at(String base) {
        return new Api(base, Map.of());
    }

    /** The bearer token this caller sends (null for none). */
    String token() {
        String authorization = headers.get("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    Api withToken(String bearer) {
        return with("Authorization", "Bearer " + bearer, "X-API-Key", "Host");
    }

    /** The same caller, as if from {@code address} behind the (trusted) load balancer. */
    Api from(String address) {
        return with("X-Forwarded-For", address);
    }

    /** The same caller, sending one more header. */
    Api withHeader(String name, String value) {
        return with(name, value);
    }

    String base() {
        return base;
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    Reply post(String path, JsonObject json) {
        return post(path, json.toString());
    }

    Reply put(String path, JsonObject json) {
        return send("PUT", path, json.toString(), "application/json");
    }

    Reply patch(String path, JsonObject json) {
        return send("PATCH", path, json.toString(), "application/json");
    }

    /** Opens a Server-Sent Events stream with this client's headers (its token); throws unless 200. */
    EventStream stream(String path, String lastEventId) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return EventStream.open(HTTP, request.build());
    }

    Reply send(String method, String path, String body, String contentType) {
        return sendBody(
                method,
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                contentType);
    }

    /** A raw body, byte for byte (a file to upload, in whatever encoding). */
    Reply upload(String path, byte[] body, String contentType) {
        return sendBody("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    private Reply sendBody(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer is kept byte for byte (a download). */
    Binary bytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(60))
                .GET();
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Binary(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer whose body is bytes. */
    record Binary(int status, HttpHeaders headers, byte[] body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A JSON object from alternating names and values (strings, numbers, booleans, null, JsonValue). */
    static JsonObject json(Object... namesAndValues) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value == null) {
                builder.addNull(name);
            } else if (value instanceof JsonValue json) {
                builder.add(name, json);
            } else if (value instanceof Integer number) {
                builder.add(name, number);
            } else if (value instanceof Boolean bool) {
                builder.add(name, bool);
            } else if (value instanceof java.util.List<?> list) {
                jakarta.json.JsonArrayBuilder array = Json.createArrayBuilder();
                list.forEach(item -> array.add(item.toString()));
                builder.add(name, array);
            } else {
                builder.add(name, value.toString());
            }
        }
        return builder.build();
    }

    /** An HTTP answer. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        UUID id() {
            return UUID.fromString(json().getString("id"));
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
