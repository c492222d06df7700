package io.orgbase.tag.control;

import io.orgbase.collections.CollectionField;
import io.orgbase.persistence.Extensible;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tag.Tag;
import io.orgbase.tag.Tagging;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenancy;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The tenant's tags on its records, in the caller's transaction. Names are unique in an
 * organization whatever their case: a record tagged "VIP" where "vip" exists gets "vip". A name
 * used for the first time joins the organization's vocabulary.
 */
@Dependent
public class Tags {

    /** Most tags on one record. */
    public static final int MAX_PER_RECORD = 20;

    /** Longest tag name. */
    public static final int MAX_LENGTH = 50;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    KnownTags knownTags;

    /**
     * The filter {@code tag}: records carrying any of the named tags (any case). Equality on
     * indexed columns, so it stays fast below the row policies.
     */
    public static CollectionField.Related filter(RecordKind kind) {
        return (where, values) -> {
            CriteriaBuilder cb = where.cb();
            Subquery<UUID> tagged = where.query().subquery(UUID.class);
            Root<Tagging> tagging = tagged.from(Tagging.class);
            Root<Tag> tag = tagged.from(Tag.class);
            tagged.select(tagging.get("entityId"))
                    .where(
                            cb.equal(tag.get("id"), tagging.get("tagId")),
                            cb.equal(tagging.get("entity"), kind.key()),
                            tag.get("nameKey")
                                    .in(values.stream()
                                            .map(v -> ((String) v).strip().toLowerCase(Locale.ROOT))
                                            .toList()));
            return where.root().get("id").in(tagged);
        };
    }

    /**
     * A client's list of tag names, stripped and without repeats (any case).
     *
     * @throws InvalidInput naming {@code tags} when a name is empty, too long or has control characters, or there are too many
     */
    public static List<String> clean(List<String> names) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String raw : names) {
            String name = raw.strip();
            if (name.isEmpty() || name.length() > MAX_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
                throw InvalidInput.field(
                        "tags", "each tag must be 1 to " + MAX_LENGTH + " characters without control characters");
            }
            unique.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        if (unique.size() > MAX_PER_RECORD) {
            throw InvalidInput.field("tags", "at most " + MAX_PER_RECORD + " tags on one record");
        }
        return List.copyOf(unique.values());
    }

    /**
     * Attaches each record's tag names: those of versions read before from {@link KnownTags}, the
     * others in one statement for all of them.
     */
    public <E extends Extensible> List<E> attach(List<E> records) {
        UUID orgId = null;
        Map<RecordKind, List<E>> byKind = new EnumMap<>(RecordKind.class);
        for (E record : records) {
            if (record.recordKind() == RecordKind.ORGANIZATION) {
                continue; // it keeps its own tags on its row
            }
            if (orgId == null) {
                orgId = tenant();
            }
            List<String> known = knownTags.get(key(orgId, record));
            if (known != null) {
                record.attachTags(known);
            } else {
                byKind.computeIfAbsent(record.recordKind(), k -> new ArrayList<>())
                        .add(record);
            }
        }
        for (Map.Entry<RecordKind, List<E>> ofKind : byKind.entrySet()) {
            Map<UUID, List<String>> names = new HashMap<>();
            boolean committed = read(orgId, ofKind.getKey(), ofKind.getValue(), names);
            for (E record : ofKind.getValue()) {
                List<String> tags = names.getOrDefault(record.getId(), new ArrayList<>());
                tags.sort(String.CASE_INSENSITIVE_ORDER);
                record.attachTags(tags);
                if (committed) {
                    knownTags.put(key(orgId, record), tags);
                }
            }
        }
        return records;
    }

    /** The organization the transaction runs as: where its tenant-owned records were loaded. */
    private UUID tenant() {
        Object tenant = em.getProperties().get(Tenancy.TENANT_PROPERTY);
        if (tenant == null) {
            throw new IllegalStateException("a tenant-owned record outside its organization's transaction");
        }
        return UUID.fromString(tenant.toString());
    }

    private static KnownTags.Key key(UUID orgId, Extensible record) {
        return new KnownTags.Key(orgId, record.recordKind(), record.getId(), record.getVersion());
    }

    /**
     * The records' tag names by record, read in the tenant's rows, and whether what was read is
     * committed state of this tenant: true when this transaction has written nothing yet
     * (PostgreSQL assigns a transaction id at its first write), so that the tags belong to the
     * versions it read, and the database runs as the same organization (else its row policies would
     * have hidden the tags).
     */
    private boolean read(
            UUID orgId, RecordKind kind, List<? extends Extensible> records, Map<UUID, List<String>> names) {
        StringBuilder ids = new StringBuilder("{");
        for (UUID id : records.stream().map(Extensible::getId).distinct().toList()) {
            ids.append(ids.length() > 1 ? "," : "").append(id);
        }
        List<?> rows = em.createNativeQuery("select r.id, t.name,"
                        + " pg_current_xact_id_if_assigned() is null and orgbase_current_org() = cast(?2 as uuid)"
                        + " from unnest(cast(?1 as uuid[])) as r (id)"
                        + " left join (tagging g join tag t on t.org_id = g.org_id and t.id = g.tag_id)"
                        + " on g.org_id = cast(?2 as uuid) and g.entity = ?3 and g.entity_id = r.id")
                .setParameter(1, ids.append('}').toString())
                .setParameter(2, orgId.toString())
                .setParameter(3, kind.key())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        boolean committed = true;
        for (Object result : rows) {
            Object[] row = (Object[]) result;
            committed &= Boolean.TRUE.equals(row[2]);
            if (row[1] != null) {
                names.computeIfAbsent(UUID.fromString(row[0].toString()), id -> new ArrayList<>())
                        .add((String) row[1]);
            }
        }
        return committed;
    }

    /**
     * Gives the record exactly these tags (already {@link #clean cleaned}); the record must be
     * persisted. New names join the vocabulary. An organization keeps its own tags on its row: for
     * it, see {@link #canonical}.
     */
    public void replace(Tenant tenant, Extensible record, List<String> names) {
        List<Tag> tags = vocabulary(tenant, names);
        List<UUID> wanted = tags.stream().map(Tag::getId).toList();
        List<Tagging> current = em.createNamedQuery("Tagging.ofRecord", Tagging.class)
                .setParameter("entity", record.recordKind().key())
                .setParameter("id", record.getId())
                .getResultList();
        for (Tagging tagging : current) {
            if (!wanted.contains(tagging.getTagId())) {
                em.remove(tagging);
            }
        }
        List<UUID> kept = current.stream().map(Tagging::getTagId).toList();
        for (UUID tagId : wanted) {
            if (!kept.contains(tagId)) {
                em.persist(new Tagging(tagId, record.recordKind().key(), record.getId()));
            }
        }
        em.flush();
        record.attachTags(tags.stream()
                .map(Tag::getName)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList());
    }

    /**
     * {@link #replace} on a record that already existed: its tags are part of it as clients see it,
     * so the change makes a new version (and ETag) of the record.
     */
    public void retag(Tenant tenant, Extensible record, List<String> names) {
        replace(tenant, record, names);
        em.lock(record, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        em.flush();
    }

    /** The names as the vocabulary spells them (already {@link #clean cleaned}); new ones join it. */
    public List<String> canonical(Tenant tenant, List<String> names) {
        return vocabulary(tenant, names).stream().map(Tag::getName).toList();
    }

    /**
     * The tags of these names, created where missing. Creating queues on a lock, so that two
     * requests introducing the same name at once do not both insert it.
     */
    private List<Tag> vocabulary(Tenant tenant, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        Map<String, Tag> known = byLowerName(lower);
        if (known.size() < lower.size()) {
            session.lock("tags:" + tenant.orgId());
            known = byLowerName(lower);
            for (String name : names) {
                if (!known.containsKey(name.toLowerCase(Locale.ROOT))) {
                    Tag tag = new Tag(name);
                    em.persist(tag);
                    known.put(name.toLowerCase(Locale.ROOT), tag);
                }
            }
            em.flush();
        }
        List<Tag> result = new ArrayList<>();
        for (String name : lower) {
            result.add(known.get(name));
        }
        return result;
    }

    private Map<String, Tag> byLowerName(List<String> lower) {
        Map<String, Tag> known = new HashMap<>();
        em.createNamedQuery("Tag.byNames", Tag.class)
                .setParameter("names", lower)
                .getResultList()
                .forEach(tag -> known.put(tag.getName().toLowerCase(Locale.ROOT), tag));
        return known;
    }
}
