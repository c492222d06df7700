package io.orgbase.audit;

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
 * An entry of the audit trail, as read back. Entries are only ever appended, by native SQL in the
 * writer's transaction; the ORM never writes them.
 */
@Entity
@ReadOnly
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @Column(name = "id")
    private UUID id;

    @Column(name = "chain")
    private UUID chain;

    @Column(name = "seq")
    private long seq;

    @Column(name = "occurred_at")
    private OffsetDateTime occurredAt;

    @Column(name = "action")
    private String action;

    @Column(name = "entity_type")
    private String entityType;

    @Column(name = "entity_id")
    private String entityId;

    @Column(name = "changes")
    private String changes;

    @Column(name = "actor_type")
    private String actorType;

    @Column(name = "actor_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID actorId;

    @Column(name = "actor")
    private String actor;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "request_id")
    private String requestId;

    @Column(name = "prev_hash")
    private String prevHash;

    @Column(name = "hash")
    private String hash;

    protected AuditEvent() {}

    public UUID getId() {
        return id;
    }

    public UUID getChain() {
        return chain;
    }

    public long getSeq() {
        return seq;
    }

    public OffsetDateTime getOccurredAt() {
        return occurredAt;
    }

    public String getAction() {
        return action;
    }

    public String getEntityType() {
        return entityType;
    }

    public String getEntityId() {
        return entityId;
    }

    /** What changed (per field: old/new) or the details of a named action, as JSON text. */
    public String getChanges() {
        return changes;
    }

    public String getActorType() {
        return actorType;
    }

    public UUID getActorId() {
        return actorId;
    }

    public String getActor() {
        return actor;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }
}
