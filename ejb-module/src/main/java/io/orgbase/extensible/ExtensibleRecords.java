package io.orgbase.extensible;

import io.orgbase.audit.control.AuditTrail;
import io.orgbase.customfield.control.CustomFieldValues;
import io.orgbase.persistence.Extensible;
import io.orgbase.persistence.ExtensibleRequest;
import io.orgbase.persistence.RecordKind;
import io.orgbase.requests.Patch;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes of the extras of extensible records, in one place. A record's own create and update take
 * the client's custom field values and tags through {@link #forNew} / {@link #forChange} (checked
 * before anything changes) and {@link #store} (tags after the row exists; a change of tags is a new
 * version). Changes that reach many records at once — renaming, merging or deleting a tag, deleting
 * a custom field — bypass the entities, so {@link #touch} does what an entity change does: each
 * record touched gets a new version (a client holding the old ETag no longer gets 304) and an audit
 * entry naming the change. Runs in the caller's transaction, in its tenant.
 */
@Dependent
public class ExtensibleRecords {

    /** At most this many ids in one statement's list. */
    private static final int BATCH = 1_000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    AuditTrail trail;

    @Inject
    Tags tags;

    @Inject
    CustomFieldValues customFields;

    /**
     * The extras a write sets, checked.
     *
     * @param customFields the record's values after the write; null: unchanged
     * @param tags the record's tag names after the write, cleaned; null: unchanged
     */
    public record Extras(boolean created, String customFields, List<String> tags) {

        /** Sets the values on the record (before it is stored). */
        public void setOn(Extensible record) {
            if (customFields != null) {
                record.setCustomFields(customFields);
            }
        }
    }

    /**
     * The extras of a new record: values checked against the organization's definitions (required
     * ones too), tags cleaned.
     *
     * @throws io.orgbase.problems.InvalidInput naming each wrong value ({@code customFields.<key>}, {@code tags})
     */
    public Extras forNew(Extensible record, ExtensibleRequest request) {
        return new Extras(
                true,
                customFields.create(record.recordKind(), request.customFields()),
                request.tags() == null ? List.of() : Tags.clean(request.tags()));
    }

    /**
     * The extras an update changes: only those the patch names (null clears them).
     *
     * @throws io.orgbase.problems.InvalidInput naming each wrong value
     */
    public Extras forChange(Extensible record, Patch<? extends ExtensibleRequest> patch) {
        ExtensibleRequest values = patch.values();
        return new Extras(
                false,
                patch.has("customFields")
                        ? customFields.update(record.recordKind(), record.getCustomFields(), values.customFields())
                        : null,
                !patch.has("tags") ? null : values.tags() == null ? List.of() : Tags.clean(values.tags()));
    }

    /** After the record is stored (flushed): its tags, a new version of it when they changed. */
    public void store(Tenant tenant, Extensible record, Extras extras) {
        if (extras.created()) {
            tags.replace(tenant, record, extras.tags());
        } else if (extras.tags() != null) {
            tags.retag(tenant, record, extras.tags());
        }
    }

    /** The records that carry this tag, by kind (organizations keep their own tags on their row). */
    public Map<RecordKind, List<UUID>> taggedWith(UUID tagId) {
        Map<RecordKind, List<UUID>> records = new EnumMap<>(RecordKind.class);
        em.createQuery("select g.entity, g.entityId from Tagging g where g.tagId = :tag", Object[].class)
                .setParameter("tag", tagId)
                .getResultList()
                .forEach(row -> records.computeIfAbsent(RecordKind.byKey((String) row[0]), k -> new ArrayList<>())
                        .add((UUID) row[1]));
        return records;
    }

    /**
     * Makes a new version of each record and records {@code action} on it.
     *
     * @param details what changed, the same for every record (the tag's old and new name, the field)
     */
    public void touch(RecordKind kind, List<UUID> ids, String action, Map<String, Object> details) {
        if (ids.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String entity = kind.entity().getSimpleName();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            em.createQuery("update " + entity + " r set r.version = r.version + 1, r.updatedAt = :now"
                            + " where r.id in :ids")
                    .setParameter("now", now)
                    .setParameter("ids", batch)
                    .executeUpdate();
        }
        for (UUID id : ids) {
            trail.record(action, kind.key(), id, details);
        }
    }

    /** {@link #touch} for every kind of a {@link #taggedWith} answer. */
    public void touch(Map<RecordKind, List<UUID>> records, String action, Map<String, Object> details) {
        records.forEach((kind, ids) -> touch(kind, ids, action, details));
    }
}
