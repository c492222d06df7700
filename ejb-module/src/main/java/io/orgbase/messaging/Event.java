package io.orgbase.messaging;

import io.orgbase.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * A domain event as it travels: JSON text with the event's id, type, organization (null for a
 * platform event), who caused it, when, and what it is about. Never a serialized Java object.
 *
 * @param type {@code <entity>.<action>} for what the audit trail records ({@code membership.update},
 *     {@code api-key.create}, {@code user.login-failed}), or a name of its own ({@code
 *     notification.fan-out})
 */
public record Event(
        UUID id,
        String type,
        UUID orgId,
        String actorType,
        UUID actorId,
        String actor,
        Instant occurredAt,
        JsonObject payload) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = payload == null ? JsonValue.EMPTY_JSON_OBJECT : payload;
    }

    /** A message that is not an event: not JSON, or without an id, type or time. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    public String toJson() {
        JsonObjectBuilder json =
                Jsonp.PROVIDER.createObjectBuilder().add("id", id.toString()).add("type", type);
        if (orgId != null) {
            json.add("orgId", orgId.toString());
        } else {
            json.addNull("orgId");
        }
        JsonObjectBuilder by =
                Jsonp.PROVIDER.createObjectBuilder().add("type", actorType == null ? "system" : actorType);
        if (actorId != null) {
            by.add("id", actorId.toString());
        }
        if (actor != null) {
            by.add("label", actor);
        }
        return json.add("actor", by)
                .add("occurredAt", occurredAt.toString())
                .add("payload", payload)
                .build()
                .toString();
    }

    public static Event parse(String text) throws Unreadable {
        if (text == null) {
            throw new Unreadable("the message has no text");
        }
        JsonObject json;
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new Unreadable("not a JSON object: " + e.getMessage());
        }
        try {
            JsonObject actor = json.get("actor") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
            JsonValue payload = json.get("payload");
            return new Event(
                    UUID.fromString(required(json, "id")),
                    required(json, "type"),
                    uuid(json, "orgId"),
                    string(actor, "type"),
                    uuid(actor, "id"),
                    string(actor, "label"),
                    Instant.parse(required(json, "occurredAt")),
                    payload instanceof JsonObject object ? object : null);
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw new Unreadable("not an event: " + e.getMessage());
        }
    }

    private static String required(JsonObject json, String name) {
        String value = string(json, name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }

    private static String string(JsonObject json, String name) {
        return json.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static UUID uuid(JsonObject json, String name) {
        String value = string(json, name);
        return value == null ? null : UUID.fromString(value);
    }
}
