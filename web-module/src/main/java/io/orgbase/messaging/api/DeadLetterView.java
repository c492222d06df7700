package io.orgbase.messaging.api;

import io.orgbase.json.Jsonp;
import io.orgbase.messaging.DeadLetter;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A dead letter: the message as it came ({@code message}, or {@code text} when it was not JSON), its
 * organization, the consumer that gave up and its last error.
 */
public record DeadLetterView(
        UUID id,
        UUID orgId,
        UUID eventId,
        String type,
        String consumer,
        int attempts,
        String error,
        OffsetDateTime failedAt,
        JsonValue message,
        String text) {

    static DeadLetterView of(DeadLetter letter) {
        JsonValue message = parse(letter.getEnvelope());
        return new DeadLetterView(
                letter.getId(),
                letter.getOrgId(),
                letter.getEventId(),
                letter.getType(),
                letter.getConsumer(),
                letter.getAttempts(),
                letter.getError(),
                letter.getFailedAt(),
                message,
                message == JsonValue.NULL ? letter.getEnvelope() : null);
    }

    private static JsonValue parse(String envelope) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(envelope))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException notJson) {
            return JsonValue.NULL;
        }
    }
}
