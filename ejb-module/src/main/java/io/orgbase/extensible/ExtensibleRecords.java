package io.orgbase.extensible;

import io.orgbase.audit.control.AuditTrail;
import io.orgbase.contact.Contact;
import io.orgbase.department.Department;
import io.orgbase.organization.Organization;
import io.orgbase.persistence.RecordKind;
import io.orgbase.team.Team;
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
 * Changes that reach many extensible records at once — renaming, merging or deleting a tag,
 * deleting a custom field — bypass the entities, so this control does what an entity change does:
 * each record touched gets a new version (a client holding the old ETag no longer gets 304) and an
 * audit entry naming the change. Runs in the caller's transaction, in its tenant.
 */
@Dependent
public class ExtensibleRecords {

    private static final Map<RecordKind, Class<?>> ENTITIES = new EnumMap<>(Map.of(
            RecordKind.ORGANIZATION, Organization.class,
            RecordKind.DEPARTMENT, Department.class,
            RecordKind.TEAM, Team.class,
            RecordKind.CONTACT, Contact.class));

    /** At most this many ids in one statement's list. */
    private static final int BATCH = 1_000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    AuditTrail trail;

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
        String entity = ENTITIES.get(kind).getSimpleName();
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
