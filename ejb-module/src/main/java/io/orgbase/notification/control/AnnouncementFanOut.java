package io.orgbase.notification.control;

import io.orgbase.json.Jsonp;
import io.orgbase.messaging.Event;
import io.orgbase.messaging.EventHandler;
import io.orgbase.messaging.Outbox;
import io.orgbase.notification.Announcement;
import io.orgbase.notification.control.NotificationWriter.Message;
import io.orgbase.persistence.Ids;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Fans an announcement out as notifications: a chunk of at most {@value #CHUNK} recipients per
 * event, by user id, and the event for the next chunk written in the same transaction. A crash
 * anywhere repeats at most one chunk, whose notifications exist already (one per recipient and
 * event), so every recipient gets exactly one; memory stays one chunk however large the audience.
 */
@ApplicationScoped
public class AnnouncementFanOut implements EventHandler {

    static final int CHUNK = 500;
    static final String NEXT = "announcement.fan-out";
    private static final UUID FIRST = new UUID(0, 0);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    NotificationWriter writer;

    @Inject
    Outbox outbox;

    @Override
    public String name() {
        return "announcements";
    }

    @Override
    public boolean handles(String type) {
        return "announcement.create".equals(type) || NEXT.equals(type);
    }

    @Override
    public void handle(Event event) {
        boolean first = "announcement.create".equals(event.type());
        UUID announcementId = UUID.fromString(text(event, first ? "entityId" : "announcementId"));
        UUID after = first ? FIRST : UUID.fromString(text(event, "after"));
        Announcement announcement = em.find(Announcement.class, announcementId);
        if (announcement == null) {
            return; // its organization is gone
        }
        List<UUID> recipients = recipients(event.orgId(), announcement, after);
        // the sender wrote it; everyone else in the audience is told
        writer.deliver(
                event,
                recipients.stream().filter(id -> !id.equals(event.actorId())).toList(),
                new Message(
                        "announcement",
                        announcement.getTitle(),
                        announcement.getBody(),
                        "announcement",
                        announcementId.toString(),
                        "/api/v1/orgs/" + event.orgId() + "/announcements/" + announcementId));
        if (recipients.size() == CHUNK) {
            outbox.publish(new Event(
                    Ids.newId(),
                    NEXT,
                    event.orgId(),
                    event.actorType(),
                    event.actorId(),
                    event.actor(),
                    event.occurredAt(),
                    Jsonp.PROVIDER
                            .createObjectBuilder()
                            .add("announcementId", announcementId.toString())
                            .add("after", recipients.get(CHUNK - 1).toString())
                            .build()));
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> recipients(UUID orgId, Announcement announcement, UUID after) {
        boolean targeted = !"everyone".equals(announcement.getAudience());
        if (targeted
                && announcement.getDepartmentId() == null
                && announcement.getTeamId() == null
                && announcement.getRole() == null) {
            return List.of(); // its department or team was deleted: nobody is left to tell
        }
        StringBuilder sql = new StringBuilder(
                "select m.user_id from membership m where m.org_id = ?1 and m.active and m.user_id > ?2");
        if (announcement.getDepartmentId() != null) {
            sql.append(" and m.department_id in (select d.id from department d where d.org_id = ?1 and d.path like"
                    + " (select p.path from department p where p.org_id = ?1 and p.id = ?3) || '%')");
        } else if (announcement.getTeamId() != null) {
            sql.append(" and m.user_id in (select tm.user_id from team_member tm where tm.org_id = ?1"
                    + " and tm.team_id = ?3)");
        } else if (announcement.getRole() != null) {
            sql.append(" and m.role = ?3");
        }
        sql.append(" order by m.user_id limit ").append(CHUNK);
        DatabaseSession.planForActualValues(em);
        Query query = em.createNativeQuery(sql.toString())
                .setParameter(1, orgId)
                .setParameter(2, after)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true);
        if (announcement.getDepartmentId() != null) {
            query.setParameter(3, announcement.getDepartmentId());
        } else if (announcement.getTeamId() != null) {
            query.setParameter(3, announcement.getTeamId());
        } else if (announcement.getRole() != null) {
            query.setParameter(3, announcement.getRole());
        }
        return query.getResultList();
    }

    private static String text(Event event, String name) {
        if (event.payload().get(name) instanceof JsonString value) {
            return value.getString();
        }
        throw new IllegalArgumentException(event.type() + " without " + name);
    }
}
