package io.orgbase.notification;

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
 * A notification as its recipient reads it. Not a tenant entity: a user lists theirs across
 * organizations, and row-level security shows them their own only. Written by native SQL (a
 * consumer's insert that a redelivery cannot double, the recipient's marks), never by the ORM.
 */
@Entity
@ReadOnly
@Table(name = "notification")
public class Notification {

    @Id
    @Column(name = "id")
    private UUID id;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "recipient_id")
    private UUID recipientId;

    @Column(name = "type")
    private String type;

    @Column(name = "title")
    private String title;

    @Column(name = "body")
    private String body;

    @Column(name = "subject_type")
    private String subjectType;

    @Column(name = "subject_id")
    private String subjectId;

    @Column(name = "subject_path")
    private String subjectPath;

    @Column(name = "actor_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID actorId;

    @Column(name = "actor")
    private String actor;

    @Column(name = "read_at")
    private OffsetDateTime readAt;

    @Column(name = "is_read")
    private boolean read;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected Notification() {}

    public UUID getId() {
        return id;
    }

    public UUID getOrgId() {
        return orgId;
    }

    public UUID getRecipientId() {
        return recipientId;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public String getSubjectType() {
        return subjectType;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public String getSubjectPath() {
        return subjectPath;
    }

    public UUID getActorId() {
        return actorId;
    }

    public String getActor() {
        return actor;
    }

    public OffsetDateTime getReadAt() {
        return readAt;
    }

    public boolean isRead() {
        return read;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
