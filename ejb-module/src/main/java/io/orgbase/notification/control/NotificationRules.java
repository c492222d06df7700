package io.orgbase.notification.control;

import io.orgbase.messaging.Event;
import io.orgbase.messaging.EventHandler;
import io.orgbase.notification.control.NotificationWriter.Message;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Which domain events tell whom what, in their notifications:
 *
 * <ul>
 *   <li>a member added, removed, given another role, suspended or reactivated — that member, unless
 *       they did it themselves;
 *   <li>an invitation accepted — whoever sent it;
 *   <li>an API key created or revoked, the organization's status changed — its owners and admins
 *       (security-relevant), except whoever did it.
 * </ul>
 */
@ApplicationScoped
public class NotificationRules implements EventHandler {

    static final String NAME = "notifications";
    private static final Set<String> TYPES = Set.of(
            "membership.create",
            "membership.update",
            "membership.delete",
            "invitation.update",
            "api-key.create",
            "api-key.update",
            "organization.update",
            "data-job.import-completed",
            "data-job.import-failed",
            "data-job.export-completed",
            "data-job.export-failed");

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    NotificationWriter writer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    @Override
    public void handle(Event event) {
        JsonObject changes = object(event.payload(), "changes");
        String entityId = string(event.payload(), "entityId");
        String org = organizationName(event.orgId());
        String orgPath = "/api/v1/orgs/" + event.orgId();
        switch (event.type()) {
            case "membership.create" -> {
                UUID member = uuid(value(changes, "userId", "new"));
                notifyOthers(
                        event,
                        member,
                        new Message(
                                "member.added",
                                "You were added to " + org,
                                "Your role: " + value(changes, "role", "new") + ".",
                                "member",
                                str(member),
                                orgPath + "/members/" + member));
            }
            case "membership.update" -> membershipChanged(event, changes, entityId, org, orgPath);
            case "data-job.import-completed",
                    "data-job.import-failed",
                    "data-job.export-completed",
                    "data-job.export-failed" -> dataJobEnded(event, entityId, org, orgPath);
            case "membership.delete" -> {
                UUID member = uuid(value(changes, "userId", "old"));
                notifyOthers(
                        event,
                        member,
                        new Message(
                                "member.removed",
                                "You were removed from " + org,
                                null,
                                "organization",
                                str(event.orgId()),
                                orgPath,
                                false));
            }
            case "invitation.update" -> {
                if (changed(changes, "acceptedAt") && value(changes, "acceptedAt", "new") != null) {
                    UUID inviter = invitedBy(entityId);
                    String email = invitedEmail(entityId);
                    notifyOthers(
                            event,
                            inviter,
                            new Message(
                                    "invitation.accepted",
                                    email + " accepted your invitation to " + org,
                                    null,
                                    "invitation",
                                    entityId,
                                    orgPath + "/invitations/" + entityId));
                }
            }
            case "api-key.create" -> toAdmins(
                    event,
                    new Message(
                            "api-key.created",
                            "API key \"" + value(changes, "name", "new") + "\" created in " + org,
                            "By " + describe(event) + ".",
                            "api-key",
                            entityId,
                            orgPath + "/api-keys/" + entityId));
            case "api-key.update" -> {
                if (changed(changes, "revokedAt") && value(changes, "revokedAt", "new") != null) {
                    toAdmins(
                            event,
                            new Message(
                                    "api-key.revoked",
                                    "An API key of " + org + " was revoked",
                                    "By " + describe(event) + ".",
                                    "api-key",
                                    entityId,
                                    orgPath + "/api-keys/" + entityId));
                }
            }
            case "organization.update" -> {
                if (changed(changes, "status")) {
                    toAdmins(
                            event,
                            new Message(
                                    "organization.status-changed",
                                    org + " is now " + value(changes, "status", "new"),
                                    "By " + describe(event) + ".",
                                    "organization",
                                    str(event.orgId()),
                                    orgPath));
                }
            }
            default -> {
                // not one of ours: handles() keeps them away
            }
        }
    }

    private void membershipChanged(Event event, JsonObject changes, String entityId, String org, String orgPath) {
        UUID member = memberOf(entityId);
        if (member == null) {
            return; // gone meanwhile: its removal tells the rest
        }
        String path = orgPath + "/members/" + member;
        if (changed(changes, "role")) {
            notifyOthers(
                    event,
                    member,
                    new Message(
                            "member.role-changed",
                            "Your role in " + org + " is now " + value(changes, "role", "new"),
                            "It was " + value(changes, "role", "old") + ".",
                            "member",
                            str(member),
                            path));
        }
        if (changed(changes, "active")) {
            boolean active = "true".equals(value(changes, "active", "new"));
            notifyOthers(
                    event,
                    member,
                    new Message(
                            active ? "member.reactivated" : "member.suspended",
                            active
                                    ? "Your membership in " + org + " was reactivated"
                                    : "Your membership in " + org + " was suspended",
                            null,
                            "member",
                            str(member),
                            path,
                            active));
        }
    }

    /**
     * Whoever started an import or an export hears how it ended (a job an API key started has nobody
     * to tell); a finished export's file is downloaded from the job.
     */
    private void dataJobEnded(Event event, String jobId, String org, String orgPath) {
        List<?> found = em.createNativeQuery(
                        "select created_by, started_by_key, collection, rows_created, rows_updated,"
                                + " rows_unchanged, rows_failed, failure, kind, format, rows_read from data_job where id = ?1")
                .setParameter(1, UUID.fromString(jobId))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (found.isEmpty()) {
            return;
        }
        Object[] job = (Object[]) found.get(0);
        if (job[0] == null || Boolean.TRUE.equals(job[1])) {
            return;
        }
        boolean completed = event.type().endsWith("-completed");
        boolean export = "export".equals(job[8]);
        String body;
        if (!completed) {
            body = (String) job[7];
        } else if (export) {
            body = job[10] + " rows in " + ((String) job[9]).toUpperCase(java.util.Locale.ROOT)
                    + ", ready to download from the job.";
        } else {
            body = job[3] + " created, " + job[4] + " updated, " + job[5] + " unchanged, " + job[6]
                    + " rows with problems.";
        }
        writer.deliver(
                event,
                List.of(io.orgbase.persistence.Ids.of(job[0])),
                new Message(
                        completed ? "data-job.completed" : "data-job.failed",
                        (export ? "Export of " : "Import of ") + job[2] + " in " + org
                                + (completed ? (export ? " is ready" : " finished") : " failed"),
                        body,
                        "data-job",
                        jobId,
                        orgPath + "/data-jobs/" + jobId));
    }

    private void notifyOthers(Event event, UUID recipient, Message message) {
        if (recipient != null && !recipient.equals(event.actorId())) {
            writer.deliver(event, List.of(recipient), message);
        }
    }

    private void toAdmins(Event event, Message message) {
        DatabaseSession.planForActualValues(em);
        @SuppressWarnings("unchecked")
        List<UUID> admins = em.createNativeQuery("select user_id from membership where org_id = ?1 and active"
                        + " and role in ('owner', 'admin') order by user_id limit 1000")
                .setParameter(1, event.orgId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        writer.deliver(
                event, admins.stream().filter(id -> !id.equals(event.actorId())).toList(), message);
    }

    private String organizationName(UUID orgId) {
        List<?> names = em.createNativeQuery("select name from organization where id = ?1")
                .setParameter(1, orgId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (names.isEmpty()) {
            throw new IllegalStateException("organization " + orgId + " does not exist");
        }
        return (String) names.get(0);
    }

    private UUID memberOf(String membershipId) {
        return single("select user_id from membership where id = ?1", membershipId);
    }

    private UUID invitedBy(String invitationId) {
        return single("select invited_by from invitation where id = ?1", invitationId);
    }

    private String invitedEmail(String invitationId) {
        List<?> rows = em.createNativeQuery("select email from invitation where id = ?1")
                .setParameter(1, UUID.fromString(invitationId))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.isEmpty() ? "Someone" : (String) rows.get(0);
    }

    private UUID single(String sql, String id) {
        if (id == null) {
            return null;
        }
        List<?> rows = em.createNativeQuery(sql)
                .setParameter(1, UUID.fromString(id))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.isEmpty() ? null : (UUID) rows.get(0);
    }

    private static String describe(Event event) {
        return event.actor() == null ? "the system" : event.actor();
    }

    private static boolean changed(JsonObject changes, String field) {
        return changes.get(field) instanceof JsonObject;
    }

    /** A field's old or new value as text; null when absent or null. */
    private static String value(JsonObject changes, String field, String side) {
        if (!(changes.get(field) instanceof JsonObject values)) {
            return null;
        }
        JsonValue value = values.get(side);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value instanceof JsonString text ? text.getString() : value.toString();
    }

    private static JsonObject object(JsonObject json, String name) {
        return json.get(name) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String string(JsonObject json, String name) {
        return json.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }

    private static String str(Object value) {
        return Objects.toString(value, null);
    }
}
