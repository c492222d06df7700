package io.orgbase.messaging;

import io.orgbase.persistence.NullableUuidConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.persistence.annotations.ReadOnly;

/**
 * A message a consumer gave up on, as platform administrators inspect it. Written and removed by
 * native SQL only; row-level security shows all of them only in the platform scope.
 */
@Entity
@ReadOnly
@Table(name = "dead_letter")
public class DeadLetter {

    @Id
    @Column(name = "id")
    private UUID id;

    @Column(name = "org_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID orgId;

    @Column(name = "event_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID eventId;

    @Column(name = "type")
    private String type;

    @Column(name = "consumer")
    private String consumer;

    @Column(name = "envelope")
    private String envelope;

    @Column(name = "error")
    private String error;

    @Column(name = "attempts")
    private int attempts;

    @Column(name = "failed_at")
    private OffsetDateTime failedAt;

    protected DeadLetter() {}

    public UUID getId() {
        return id;
    }

    public UUID getOrgId() {
        return orgId;
    }

    public UUID getEventId() {
        return eventId;
    }

    public String getType() {
        return type;
    }

    public String getConsumer() {
        return consumer;
    }

    public String getEnvelope() {
        return envelope;
    }

    public String getError() {
        return error;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getFailedAt() {
        return failedAt;
    }
}
