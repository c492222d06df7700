package io.orgbase.persistence;

import io.orgbase.audit.AuditBuffer;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Key, timestamps, authors and version shared by every entity. */
@MappedSuperclass
public abstract class BaseEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", updatable = false)
    @Convert(converter = NullableUuidConverter.class)
    private UUID createdBy;

    @Column(name = "updated_by")
    @Convert(converter = NullableUuidConverter.class)
    private UUID updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected BaseEntity() {}

    /** For rows whose key must be known before they are inserted (an organization is its own tenant). */
    protected BaseEntity(UUID id) {
        this.id = id;
    }

    @PrePersist
    void beforeInsert() {
        if (id == null) {
            id = Ids.newId();
        }
        createdAt = now();
        updatedAt = createdAt;
        createdBy = AuditBuffer.currentActorId();
        updatedBy = createdBy;
    }

    @PreUpdate
    void beforeUpdate() {
        updatedAt = now();
        updatedBy = AuditBuffer.currentActorId();
    }

    /** PostgreSQL keeps microseconds; truncating here keeps what we return equal to what we store. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public UUID getId() {
        return id;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    /** The user or API key that created the row; null when the system did. */
    public UUID getCreatedBy() {
        return createdBy;
    }

    /** The user or API key that changed the row last; null when the system did. */
    public UUID getUpdatedBy() {
        return updatedBy;
    }

    public long getVersion() {
        return version;
    }
}
