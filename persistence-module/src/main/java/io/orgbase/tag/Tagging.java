package io.orgbase.tag;

import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** A tag on one record. */
@Entity
@Table(name = "tagging")
@NamedQuery(name = "Tagging.ofRecord", query = "select g from Tagging g where g.entity = :entity and g.entityId = :id")
@NamedQuery(name = "Tagging.ofTag", query = "select g from Tagging g where g.tagId = :tagId")
public class Tagging extends TenantOwnedEntity {

    @Column(name = "tag_id", nullable = false, updatable = false)
    private UUID tagId;

    @Column(name = "entity", nullable = false, updatable = false)
    private String entity;

    @Column(name = "entity_id", nullable = false, updatable = false)
    private UUID entityId;

    protected Tagging() {}

    public Tagging(UUID tagId, String entity, UUID entityId) {
        this.tagId = tagId;
        this.entity = entity;
        this.entityId = entityId;
    }

    public UUID getTagId() {
        return tagId;
    }

    public String getEntity() {
        return entity;
    }

    public UUID getEntityId() {
        return entityId;
    }
}
