package io.orgbase.system;

import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event backbone from outside: messages put into the outbox by hand (as a bug or a bad
 * deployment could leave them) travel the broker like any other. A consumer that keeps failing
 * retries with backoff and then gives up into a dead letter that keeps the organization and the
 * error; platform administrators requeue or discard it, audited. The targets run with three
 * attempts and a short first delay ({@link Orgbase#settings()}).
 */
class MessagingIT {

    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    /** Puts an event into the outbox as the application would, for every consumer. */
    static void enqueue(UUID eventId, UUID orgId, String type, String envelope) {
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement insert = db.prepareStatement(
                        "insert into outbox_event (event_id, org_id, type, envelope) values (?, ?, ?, ?)")) {
            insert.setObject(1, eventId);
            insert.setObject(2, orgId);
            insert.setString(3, type);
            insert.setString(4, envelope);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String envelope(UUID eventId, UUID orgId, String type, String payload) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"orgId\":"
                + (orgId == null ? "null" : "\"" + orgId + "\"")
                + ",\"actor\":{\"type\":\"system\",\"label\":\"system\"},\"occurredAt\":\"" + Instant.now()
                + "\",\"payload\":" + payload + "}";
    }

    /** A member's removal, as the audit trail would publish it. */
    static String removal(UUID eventId, UUID orgId, UUID member) {
        return envelope(
                eventId,
                orgId,
                "membership.delete",
                "{\"entityType\":\"membership\",\"entityId\":\"" + UUID.randomUUID()
                        + "\",\"changes\":{\"userId\":{\"old\":\"" + member + "\"}}}");
    }

    static JsonObject awaitDeadLetter(Session admin, String filter) {
        return Eventually.get("a dead letter with " + filter, GIVE_UP, () -> {
            Api.Reply page = admin.api().get("/api/v1/admin/dead-letters?" + filter);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            return page.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .findFirst();
        });
    }

    @Test
    void aConsumerThatKeepsFailingGivesUpIntoADeadLetterThatCanBeRequeued() throws SQLException {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String name = owner.api().get(org.path()).json().getString("name");
        Session member = Fixtures.newUser();
        String title = "You were removed from " + name;
        String constraint = "block_" + Secrets.suffix();
        // the database refuses this one notification until the constraint goes: the consumer fails
        execute("alter table notification add constraint " + constraint + " check (title <> '" + title + "')");
        UUID eventId = UUID.randomUUID();
        try {
            enqueue(eventId, org.id(), "membership.delete", removal(eventId, org.id(), member.id()));
            JsonObject letter = awaitDeadLetter(admin, "eventId=" + eventId);
            assertThat(letter.getString("orgId")).isEqualTo(org.id().toString());
            assertThat(letter.getString("consumer")).isEqualTo("notifications");
            assertThat(letter.getInt("attempts")).isEqualTo(3);
            assertThat(letter.getString("error")).contains(constraint);
            assertThat(letter.getJsonObject("message").getString("type")).isEqualTo("membership.delete");
            assertThat(processed(eventId))
                    .as("a failed attempt is not remembered as done")
                    .isZero();
        } finally {
            execute("alter table notification drop constraint " + constraint);
        }
        String id = awaitDeadLetter(admin, "eventId=" + eventId).getString("id");
        assertThat(admin.api().get("/api/v1/admin/dead-letters/" + id).json().getString("eventId"))
                .isEqualTo(eventId.toString());

        // the cause is gone; requeued, the event is applied once and the letter is gone
        assertThat(admin.api()
                        .post("/api/v1/admin/dead-letters/" + id + "/requeue", "")
                        .status())
                .isEqualTo(204);
        assertProblem(admin.api().get("/api/v1/admin/dead-letters/" + id), 404);
        JsonObject told = NotificationsIT.awaitNotification(member, org, "member.removed");
        assertThat(told.getString("title")).isEqualTo(title);
        assertThat(processed(eventId)).isEqualTo(1);
        assertProblem(admin.api().post("/api/v1/admin/dead-letters/" + id + "/requeue", ""), 404);

        List<JsonObject> audit = Fixtures.platformEvents(admin, "action=dead-letter-requeued&entityId=" + id);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).getJsonObject("changes").getString("orgId"))
                .isEqualTo(org.id().toString());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection db = Orgbase.target().superuser()) {
            db.createStatement().execute(sql);
        }
    }

    @Test
    void aMessageWithoutItsOrganizationIsRefusedAtOnceAndAnUnreadableOneIsKept() {
        Session admin = Fixtures.admin();
        UUID eventId = UUID.randomUUID();
        enqueue(eventId, null, "membership.delete", removal(eventId, null, UUID.randomUUID()));
        JsonObject refused = awaitDeadLetter(admin, "eventId=" + eventId);
        assertThat(refused.getInt("attempts")).as("never retried").isEqualTo(1);
        assertThat(refused.getString("error")).contains("names no organization");
        assertThat(refused.isNull("orgId")).isTrue();

        String marker = "not-json-" + Secrets.suffix();
        enqueue(UUID.randomUUID(), null, "garbage", "<" + marker + ">");
        JsonObject unreadable = Eventually.get("the unreadable message kept", GIVE_UP, () -> admin
                .api()
                .get("/api/v1/admin/dead-letters?consumer=orgbase.unreadable&limit=100")
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(letter -> ("<" + marker + ">").equals(letter.getString("text", null)))
                .findFirst());
        assertThat(unreadable.isNull("message")).isTrue();
        assertThat(unreadable.getString("text")).isEqualTo("<" + marker + ">");
        String id = unreadable.getString("id");
        assertProblem(admin.api().post("/api/v1/admin/dead-letters/" + id + "/requeue", ""), 409);
        assertThat(admin.api().delete("/api/v1/admin/dead-letters/" + id).status())
                .isEqualTo(204);
        assertProblem(admin.api().delete("/api/v1/admin/dead-letters/" + id), 404);
        assertThat(Fixtures.platformEvents(admin, "action=dead-letter-discarded&entityId=" + id))
                .hasSize(1);
    }

    @Test
    void deadLettersArePlatformAdministratorsBusinessOnly() {
        Session admin = Fixtures.admin();
        UUID eventId = UUID.randomUUID();
        enqueue(eventId, null, "membership.delete", removal(eventId, null, UUID.randomUUID()));
        String id = awaitDeadLetter(admin, "eventId=" + eventId).getString("id");

        Session owner = Fixtures.newUser();
        Fixtures.newOrg(owner);
        assertProblem(owner.api().get("/api/v1/admin/dead-letters"), 403);
        assertProblem(owner.api().get("/api/v1/admin/dead-letters/" + id), 403);
        assertProblem(owner.api().post("/api/v1/admin/dead-letters/" + id + "/requeue", ""), 403);
        assertProblem(owner.api().delete("/api/v1/admin/dead-letters/" + id), 403);
        assertProblem(Api.anonymous().get("/api/v1/admin/dead-letters"), 401);
        assertThat(admin.api().get("/api/v1/admin/dead-letters/" + id).status()).isEqualTo(200);

        // the application's database role sees none of them outside the platform scope
        try (Connection app = Fixtures.appRole();
                ResultSet rows = app.createStatement().executeQuery("select count(*) from dead_letter")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many consumers have applied the event. */
    static long processed(UUID eventId) {
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement count =
                        db.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            count.setObject(1, eventId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
