package io.orgbase.tag.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.AuditBuffer;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.extensible.ExtensibleRecords;
import io.orgbase.organization.Organization;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Precondition;
import io.orgbase.tag.Tag;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The tenant's tags as a vocabulary: which exist and how often each is used, renaming one
 * everywhere at once, merging one into another, deleting one from every record.
 */
@Stateless
@Audited
@TenantScoped
public class TagVocabulary {

    /** Sorting and searching tags; by name unless asked otherwise. */
    public static final CollectionSpec<Tag> COLLECTION = CollectionSpec.of(Tag.class)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("id", "id", FieldType.UUID, false)
            .defaultSort("name", false)
            .build();

    /** A tag with how many records of each kind carry it. */
    public record Used(Tag tag, Map<RecordKind, Long> usage) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    CollectionQueries collections;

    @Inject
    ExtensibleRecords records;

    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Slice<Used> list(Tenant tenant, CollectionRequest request) {
        Slice<Tag> page = collections.page(COLLECTION, request);
        Map<UUID, Map<RecordKind, Long>> usage = usage(tenant, page.items());
        return page.map(tag -> new Used(tag, usage.get(tag.getId())));
    }

    /** @throws NotFound when the tenant has no such tag */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Used get(Tenant tenant, UUID id) {
        Tag tag = require(id);
        return new Used(tag, usage(tenant, List.of(tag)).get(id));
    }

    /**
     * Renames the tag on every record at once (a change of case included).
     *
     * @throws Conflict when another tag has this name: merge them instead
     */
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public Used rename(Tenant tenant, UUID id, String name, Precondition precondition) {
        Tag tag = requireLocked(id);
        precondition.check(tag);
        String cleaned = Tags.clean(List.of(name)).get(0);
        boolean taken = em.createNamedQuery("Tag.byNames", Tag.class)
                .setParameter("names", List.of(cleaned.toLowerCase(Locale.ROOT)))
                .getResultStream()
                .anyMatch(other -> !other.getId().equals(id));
        if (taken) {
            throw new Conflict("Another tag is named '" + cleaned + "'; merge this one into it instead.");
        }
        Organization organization = em.find(Organization.class, tenant.orgId());
        List<String> own = replaced(organization.getTags(), tag.getName(), cleaned);
        records.touch(records.taggedWith(id), "tag-renamed", Map.of("from", tag.getName(), "to", cleaned));
        tag.setName(cleaned);
        if (own != null) {
            organization.attachTags(own);
        }
        em.flush();
        return get(tenant, id);
    }

    /**
     * Moves every use of this tag to {@code into} (records that carry both keep one) and deletes
     * this tag.
     *
     * @throws InvalidInput when {@code into} is not another tag of the organization
     */
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public Used merge(Tenant tenant, UUID id, UUID into, Precondition precondition) {
        // both tags locked, in the order of their ids, as any other merge, rename or delete takes them
        UUID other = into == null || into.equals(id) ? null : into;
        Tag target = other != null && other.compareTo(id) < 0
                ? em.find(Tag.class, other, LockModeType.PESSIMISTIC_WRITE)
                : null;
        Tag tag = requireLocked(id);
        precondition.check(tag);
        if (other != null && other.compareTo(id) > 0) {
            target = em.find(Tag.class, other, LockModeType.PESSIMISTIC_WRITE);
        }
        if (target == null) {
            throw InvalidInput.field("into", "must be another tag of this organization");
        }
        records.touch(records.taggedWith(id), "tag-merged", Map.of("from", tag.getName(), "into", target.getName()));
        UUID actor = AuditBuffer.currentActorId();
        em.createNativeQuery("insert into tagging (id, org_id, tag_id, entity, entity_id, created_at, updated_at,"
                        + " created_by, updated_by, version)"
                        + " select gen_random_uuid(), org_id, ?1, entity, entity_id, now(), now(),"
                        + " cast(?3 as uuid), cast(?3 as uuid), 1"
                        + " from tagging where tag_id = ?2 on conflict (tag_id, entity, entity_id) do nothing")
                .setParameter(1, target.getId())
                .setParameter(2, id)
                .setParameter(3, actor == null ? null : actor.toString())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        Organization organization = em.find(Organization.class, tenant.orgId());
        List<String> own = replaced(organization.getTags(), tag.getName(), target.getName());
        if (own != null) {
            organization.attachTags(own);
        }
        em.remove(tag);
        em.flush();
        return get(tenant, target.getId());
    }

    /** Deletes the tag from every record. */
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public void delete(Tenant tenant, UUID id, Precondition precondition) {
        Tag tag = requireLocked(id);
        precondition.check(tag);
        records.touch(records.taggedWith(id), "tag-deleted", Map.of("tag", tag.getName()));
        Organization organization = em.find(Organization.class, tenant.orgId());
        List<String> own = replaced(organization.getTags(), tag.getName(), null);
        if (own != null) {
            organization.attachTags(own);
        }
        em.remove(tag);
        em.flush();
    }

    /** The names with {@code from} replaced (or dropped, for null), without repeats; null when absent. */
    private static List<String> replaced(List<String> names, String from, String to) {
        if (names.stream().noneMatch(n -> n.equalsIgnoreCase(from))) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (String name : names) {
            String next = name.equalsIgnoreCase(from) ? to : name;
            if (next != null && result.stream().noneMatch(n -> n.equalsIgnoreCase(next))) {
                result.add(next);
            }
        }
        return result;
    }

    /**
     * How many records of each kind carry each tag: only the kinds the caller may read (a viewer
     * learns nothing about contacts from the tags on them).
     */
    private Map<UUID, Map<RecordKind, Long>> usage(Tenant tenant, List<Tag> tags) {
        Map<UUID, Map<RecordKind, Long>> usage = new HashMap<>();
        for (Tag tag : tags) {
            Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
            for (RecordKind kind : RecordKind.values()) {
                counts.put(kind, 0L);
            }
            usage.put(tag.getId(), counts);
        }
        count(tenant, tags, usage);
        usage.values().forEach(counts -> counts.keySet().removeIf(kind -> !tenant.permits(Permission.toRead(kind))));
        return usage;
    }

    private void count(Tenant tenant, List<Tag> tags, Map<UUID, Map<RecordKind, Long>> usage) {
        if (tags.isEmpty()) {
            return;
        }
        em.createQuery(
                        "select g.tagId, g.entity, count(g) from Tagging g where g.tagId in :ids group by g.tagId, g.entity",
                        Object[].class)
                .setParameter("ids", tags.stream().map(Tag::getId).toList())
                .getResultList()
                .forEach(row -> usage.get((UUID) row[0]).put(RecordKind.byKey((String) row[1]), (Long) row[2]));
        List<String> own = em.find(Organization.class, tenant.orgId()).getTags();
        for (Tag tag : tags) {
            if (own.stream().anyMatch(n -> n.equalsIgnoreCase(tag.getName()))) {
                usage.get(tag.getId()).put(RecordKind.ORGANIZATION, 1L);
            }
        }
    }

    private Tag require(UUID id) {
        return found(em.find(Tag.class, id));
    }

    /**
     * The tag, locked until the change commits. A record being tagged with it holds a key-share lock
     * on it (the tagging's foreign key), which this lock waits for and then excludes: the records
     * {@link ExtensibleRecords#taggedWith} finds next are all the records the change reaches, and
     * each gets its new version ({@code KnownTags} relies on it), none tagged in between.
     */
    private Tag requireLocked(UUID id) {
        return found(em.find(Tag.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private static Tag found(Tag tag) {
        if (tag == null) {
            throw new NotFound("No such tag.");
        }
        return tag;
    }
}
