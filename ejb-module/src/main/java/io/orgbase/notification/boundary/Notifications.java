package io.orgbase.notification.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.notification.Notification;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The caller's own notifications, across their organizations. Every method runs as the user outside
 * any tenant: row-level security shows a user their own notifications and nobody else's, and each
 * query names the recipient as well. Someone else's notification looks exactly like none.
 */
@Stateless
@Audited
public class Notifications {

    private static final String NOT_FOUND = "No such notification.";

    /** Newest first; filterable by organization, read or not, type and subject. */
    public static final CollectionSpec<Notification> COLLECTION = CollectionSpec.of(Notification.class)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("orgId", "orgId", FieldType.UUID, false)
            .filterable("read", "read", FieldType.BOOLEAN, false)
            .filterable("type", "type", FieldType.STRING, true)
            .filterable("subjectType", "subjectType", FieldType.STRING, false)
            .filterable("subjectId", "subjectId", FieldType.STRING, false)
            .filterable("title", "title", FieldType.STRING, true)
            .filterable("body", "body", FieldType.STRING, true)
            .defaultSort("createdAt", true)
            .build();

    /** An organization as a notification names it (null name and slug: the caller no longer sees it). */
    public record OrgRef(UUID id, String slug, String name) {}

    /** A page of notifications with the organizations they belong to. */
    public record Listed(Slice<Notification> slice, Map<UUID, OrgRef> organizations) {}

    /** Unread notifications: all of them, and per organization. */
    public record Unread(long total, List<UnreadIn> organizations) {}

    public record UnreadIn(OrgRef org, long unread) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    CollectionQueries collections;

    @AuthenticatedOnly
    public Listed list(Caller caller, CollectionRequest request) {
        session.enterUser(caller.userId());
        Slice<Notification> slice =
                collections.page(COLLECTION, request, (cb, n) -> cb.equal(n.get("recipientId"), caller.userId()));
        return new Listed(
                slice,
                organizations(slice.items().stream().map(Notification::getOrgId).toList()));
    }

    /** @throws NotFound unless the caller is its recipient */
    @AuthenticatedOnly
    public Listed get(Caller caller, UUID id) {
        session.enterUser(caller.userId());
        Notification found = find(caller, id);
        return new Listed(new Slice<>(List.of(found), null, null), organizations(List.of(found.getOrgId())));
    }

    @AuthenticatedOnly
    public Unread unread(Caller caller) {
        session.enterUser(caller.userId());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select org_id, count(*) from notification"
                        + " where recipient_id = ?1 and read_at is null group by org_id")
                .setParameter(1, caller.userId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        Map<UUID, OrgRef> orgs =
                organizations(rows.stream().map(r -> (UUID) r[0]).toList());
        List<UnreadIn> counts = rows.stream()
                .map(r -> new UnreadIn(orgs.get((UUID) r[0]), ((Number) r[1]).longValue()))
                .sorted((a, b) -> String.valueOf(a.org().slug())
                        .compareTo(String.valueOf(b.org().slug())))
                .toList();
        return new Unread(counts.stream().mapToLong(UnreadIn::unread).sum(), counts);
    }

    /** Where a live stream stands: after the notification created at {@code time} with {@code id}. */
    public record Position(OffsetDateTime time, UUID id) {}

    /**
     * The caller's notifications after {@code position}, oldest first: what a live stream has not
     * sent yet. A null position: from their first.
     */
    @AuthenticatedOnly
    public Listed since(Caller caller, Position position, int limit) {
        session.enterUser(caller.userId());
        var query = position == null
                ? em.createQuery(
                                "select n from Notification n where n.recipientId = :me order by n.createdAt, n.id",
                                Notification.class)
                        .setParameter("me", caller.userId())
                : em.createQuery(
                                "select n from Notification n where n.recipientId = :me and (n.createdAt > :time"
                                        + " or (n.createdAt = :time and n.id > :id)) order by n.createdAt, n.id",
                                Notification.class)
                        .setParameter("me", caller.userId())
                        .setParameter("time", position.time())
                        .setParameter("id", position.id());
        List<Notification> newer =
                query.setMaxResults(Math.max(1, Math.min(limit, 100))).getResultList();
        return new Listed(
                new Slice<>(newer, null, null),
                organizations(newer.stream().map(Notification::getOrgId).toList()));
    }

    /**
     * Where a stream starts: after the caller's notification {@code id} (a client's
     * {@code Last-Event-ID}) when it is theirs, else after their newest (null: they have none).
     */
    @AuthenticatedOnly
    public Position position(Caller caller, UUID id) {
        session.enterUser(caller.userId());
        List<Notification> found = id == null
                ? List.of()
                : em.createQuery(
                                "select n from Notification n where n.id = :id and n.recipientId = :me",
                                Notification.class)
                        .setParameter("id", id)
                        .setParameter("me", caller.userId())
                        .getResultList();
        if (found.isEmpty()) {
            found = em.createQuery(
                            "select n from Notification n where n.recipientId = :me order by n.createdAt desc, n.id desc",
                            Notification.class)
                    .setParameter("me", caller.userId())
                    .setMaxResults(1)
                    .getResultList();
        }
        return found.isEmpty()
                ? null
                : new Position(found.get(0).getCreatedAt(), found.get(0).getId());
    }

    /**
     * Marks one notification read or unread.
     *
     * @throws NotFound unless the caller is its recipient
     */
    @AuthenticatedOnly
    public Listed mark(Caller caller, UUID id, boolean read) {
        session.enterUser(caller.userId());
        int changed = em.createNativeQuery("update notification set read_at = case when ?1 then coalesce(read_at,"
                        + " now()) else null end where id = ?2 and recipient_id = ?3")
                .setParameter(1, read)
                .setParameter(2, id)
                .setParameter(3, caller.userId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (changed == 0) {
            throw new NotFound(NOT_FOUND);
        }
        return get(caller, id);
    }

    /**
     * Marks every unread notification read, or those of one organization.
     *
     * @return how many were marked
     */
    @AuthenticatedOnly
    public int markAllRead(Caller caller, UUID orgId) {
        session.enterUser(caller.userId());
        return em.createNativeQuery("update notification set read_at = now() where recipient_id = ?1"
                        + " and read_at is null and (cast(?2 as uuid) is null or org_id = cast(?2 as uuid))")
                .setParameter(1, caller.userId())
                .setParameter(2, orgId == null ? null : orgId.toString())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** @throws NotFound unless the caller is its recipient */
    @AuthenticatedOnly
    public void delete(Caller caller, UUID id) {
        session.enterUser(caller.userId());
        int deleted = em.createNativeQuery("delete from notification where id = ?1 and recipient_id = ?2")
                .setParameter(1, id)
                .setParameter(2, caller.userId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (deleted == 0) {
            throw new NotFound(NOT_FOUND);
        }
    }

    private Notification find(Caller caller, UUID id) {
        List<Notification> found = em.createQuery(
                        "select n from Notification n where n.id = :id and n.recipientId = :me", Notification.class)
                .setParameter("id", id)
                .setParameter("me", caller.userId())
                .getResultList();
        if (found.isEmpty()) {
            throw new NotFound(NOT_FOUND);
        }
        return found.get(0);
    }

    /** The organizations the caller can still see, by id; others as their id alone. */
    private Map<UUID, OrgRef> organizations(Collection<UUID> ids) {
        Map<UUID, OrgRef> refs = new HashMap<>();
        List<UUID> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return refs;
        }
        distinct.forEach(id -> refs.put(id, new OrgRef(id, null, null)));
        StringBuilder sql = new StringBuilder("select id, slug, name from organization where id in (");
        for (int i = 1; i <= distinct.size(); i++) {
            sql.append(i == 1 ? "?" : ", ?").append(i);
        }
        var query = em.createNativeQuery(sql.append(')').toString());
        for (int i = 0; i < distinct.size(); i++) {
            query.setParameter(i + 1, distinct.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                query.setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true).getResultList();
        rows.forEach(r -> refs.put((UUID) r[0], new OrgRef((UUID) r[0], (String) r[1], (String) r[2])));
        return refs;
    }
}
