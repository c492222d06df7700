package io.orgbase.audit.api;

import io.orgbase.audit.AuditEvent;
import io.orgbase.json.Jsonp;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One audit entry as clients see it. */
public record AuditEventView(
        UUID id,
        long seq,
        OffsetDateTime occurredAt,
        String action,
        String entityType,
        String entityId,
        JsonValue changes,
        ActorView actor,
        String clientAddress,
        String userAgent,
        String requestId,
        String hash) {

    /** Who acted: {@code type} user, api-key, system or anonymous. */
    public record ActorView(String type, UUID id, String label) {}

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(
                e.getId(),
                e.getSeq(),
                e.getOccurredAt(),
                e.getAction(),
                e.getEntityType(),
                e.getEntityId(),
                parse(e.getChanges()),
                new ActorView(e.getActorType(), e.getActorId(), e.getActor()),
                e.getClientAddress(),
                e.getUserAgent(),
                e.getRequestId(),
                e.getHash());
    }

    private static JsonValue parse(String json) {
        if (json == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
