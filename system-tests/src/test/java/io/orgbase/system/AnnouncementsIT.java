package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Announcements reach their audience as notifications, in the background: everyone, a department
 * with its subtree, a team or a role; the sender and suspended members excepted; each recipient
 * exactly once, also when the audience spans several chunks.
 */
class AnnouncementsIT {

    private static JsonObject send(Session sender, Org org, JsonObject body) {
        Api.Reply sent = sender.api().post(org.path() + "/announcements", body);
        assertThat(sent.status()).as("%s", sent).isEqualTo(201);
        assertThat(sent.header("Location"))
                .endsWith("/announcements/" + sent.json().getString("id"));
        return sent.json();
    }

    private static Session member(Session owner, Org org, String role, UUID department) {
        Session user = Fixtures.newUser();
        Api.Reply added = owner.in(org)
                .members()
                .create(
                        department == null
                                ? json("email", user.email(), "role", role)
                                : json("email", user.email(), "role", role, "departmentId", department.toString()));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        return user;
    }

    private static Optional<JsonObject> told(Session user, Org org, String announcement) {
        return NotificationsIT.of(user, org, "announcement").stream()
                .filter(n -> n.getJsonObject("subject").getString("id").equals(announcement))
                .findFirst();
    }

    @Test
    void everyoneButTheSenderAndTheSuspendedHearsOnce() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = member(owner, org, "member", null);
        Session bob = member(owner, org, "viewer", null);
        Session gone = member(owner, org, "member", null);
        assertThat(owner.in(org)
                        .members()
                        .item(gone.id())
                        .update(json("active", false))
                        .status())
                .isEqualTo(200);

        JsonObject sent = send(owner, org, json("title", "Office closed Friday", "body", "Enjoy the long weekend."));
        String id = sent.getString("id");
        for (Session user : List.of(ann, bob)) {
            JsonObject n = Eventually.get(user.email() + " told", NotificationsIT.DELIVERY, () -> told(user, org, id));
            assertThat(n.getString("title")).isEqualTo("Office closed Friday");
            assertThat(n.getString("body")).isEqualTo("Enjoy the long weekend.");
            assertThat(user.api()
                            .get(n.getJsonObject("subject").getString("path"))
                            .json()
                            .getString("title"))
                    .isEqualTo("Office closed Friday");
        }
        // the others had their chance by now
        assertThat(told(owner, org, id)).isEmpty();
        assertThat(told(gone, org, id)).isEmpty();
        assertThat(NotificationsIT.of(ann, org, "announcement")).hasSize(1);

        JsonObject listed = owner.api().get(org.path() + "/announcements").json();
        assertThat(listed.getJsonArray("items").getJsonObject(0).getString("id"))
                .isEqualTo(id);
        assertThat(listed.getJsonArray("items").getJsonObject(0).getString("audience"))
                .isEqualTo("everyone");
        assertProblem(ann.api().get(org.path() + "/announcements"), 403);
        // the suspended member it never reached cannot read it either (once reactivated)
        assertThat(owner.in(org)
                        .members()
                        .item(gone.id())
                        .update(json("active", true))
                        .status())
                .isEqualTo(200);
        assertProblem(gone.api().get(org.path() + "/announcements/" + id), 404);
    }

    @Test
    void aDepartmentWithItsSubtreeATeamOrARole() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID sales = Fixtures.newDepartment(owner, org, "Sales");
        UUID emea = owner.in(org)
                .departments()
                .create(json("name", "Sales EMEA", "code", "D-" + Secrets.suffix(), "parentId", sales.toString()))
                .id();
        UUID support = Fixtures.newDepartment(owner, org, "Support");
        Session seller = member(owner, org, "member", sales);
        Session emeaSeller = member(owner, org, "member", emea);
        Session helper = member(owner, org, "admin", support);

        String toSales = send(owner, org, json("title", "Quota", "departmentId", sales.toString()))
                .getString("id");
        Eventually.get("seller told", NotificationsIT.DELIVERY, () -> told(seller, org, toSales));
        Eventually.get("EMEA seller told", NotificationsIT.DELIVERY, () -> told(emeaSeller, org, toSales));

        UUID team = owner.in(org).teams().create(json("name", "Night shift")).id();
        owner.in(org)
                .teams()
                .item(team)
                .members()
                .create(json("userId", helper.id().toString()));
        String toTeam = send(owner, org, json("title", "Rota", "teamId", team.toString()))
                .getString("id");
        Eventually.get("helper told", NotificationsIT.DELIVERY, () -> told(helper, org, toTeam));

        String toAdmins =
                send(owner, org, json("title", "Board", "role", "admin")).getString("id");
        Eventually.get("admin told", NotificationsIT.DELIVERY, () -> told(helper, org, toAdmins));

        // by now everything is delivered: nobody outside an audience heard of it, or may read it
        assertThat(told(helper, org, toSales)).isEmpty();
        assertProblem(seller.api().get(org.path() + "/announcements/" + toAdmins), 404);
        assertThat(seller.api()
                        .get(org.path() + "/announcements/" + toSales)
                        .json()
                        .getString("audience"))
                .isEqualTo("department");
        assertThat(told(seller, org, toTeam)).isEmpty();
        assertThat(told(seller, org, toAdmins)).isEmpty();
        assertThat(told(emeaSeller, org, toAdmins)).isEmpty();
    }

    @Test
    void anAnnouncementWhoseTeamWasDeletedBeforeItWentOutReachesNobody() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = member(owner, org, "member", null);
        // as the fan-out finds it when it runs after the team's deletion: a team audience, no team
        UUID id = UUID.randomUUID();
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement insert = db.prepareStatement("insert into announcement (id, org_id, title, audience,"
                        + " created_at, updated_at) values (?, ?, 'For the night shift', 'team', now(), now())")) {
            insert.setObject(1, id);
            insert.setObject(2, org.id());
            insert.executeUpdate();
        }
        UUID eventId = UUID.randomUUID();
        MessagingIT.enqueue(
                eventId,
                org.id(),
                "announcement.create",
                MessagingIT.envelope(
                        eventId,
                        org.id(),
                        "announcement.create",
                        "{\"entityType\":\"announcement\",\"entityId\":\"" + id + "\"}"));
        Eventually.get(
                "the fan-out ran",
                NotificationsIT.DELIVERY,
                () -> MessagingIT.processed(eventId) > 0 ? Optional.of(true) : Optional.empty());
        assertThat(count(org.id(), id.toString())).isZero();
        assertThat(told(ann, org, id.toString())).isEmpty();
    }

    @Test
    void badAudiencesAndForeignIdsAreRefusedAlike() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID theirDepartment = Fixtures.newDepartment(stranger, theirs, "Theirs");
        UUID mine = Fixtures.newDepartment(owner, org, "Mine");

        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/announcements",
                                json("title", "x", "departmentId", theirDepartment.toString())),
                "departmentId");
        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/announcements",
                                json(
                                        "title",
                                        "x",
                                        "departmentId",
                                        UUID.randomUUID().toString())),
                "departmentId");
        assertProblem(
                owner.api()
                        .post(
                                org.path() + "/announcements",
                                json("title", "x", "departmentId", mine.toString(), "role", "admin")),
                400);
        assertInvalidFields(owner.api().post(org.path() + "/announcements", json("title", " ")), "title");
        assertInvalidFields(
                owner.api().post(org.path() + "/announcements", json("title", "x", "role", "king")), "role");

        Session member = member(owner, org, "member", null);
        assertProblem(member.api().post(org.path() + "/announcements", json("title", "Hi all")), 403);
        assertProblem(stranger.api().post(org.path() + "/announcements", json("title", "Hi all")), 404);
        String id = send(owner, org, json("title", "Mine")).getString("id");
        assertProblem(stranger.api().get(theirs.path() + "/announcements/" + id), 404);
        assertProblem(owner.api().get(org.path() + "/announcements/" + UUID.randomUUID()), 404);
    }

    @Test
    void anAudienceOfManyChunksGetsOneNotificationEach() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        int people = 1_234;
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement users = db.prepareStatement("insert into app_user (id, email, display_name,"
                        + " password_hash, created_at, updated_at) select gen_random_uuid(), 'many-' || ? || '-' || n"
                        + " || '@it.example', 'Many ' || n, 'x', now(), now() from generate_series(1, ?) n");
                PreparedStatement members = db.prepareStatement("insert into membership (id, org_id, user_id,"
                        + " role, created_at, updated_at) select gen_random_uuid(), ?, id, 'member', now(), now()"
                        + " from app_user where email like 'many-' || ? || '-%'")) {
            String batch = Secrets.suffix();
            users.setString(1, batch);
            users.setInt(2, people);
            users.executeUpdate();
            members.setObject(1, org.id());
            members.setString(2, batch);
            assertThat(members.executeUpdate()).isEqualTo(people);
        }
        String id = send(owner, org, json("title", "All hands")).getString("id");
        long delivered = Eventually.get("all told", Duration.ofSeconds(60), () -> {
            long count = count(org.id(), id);
            return count >= people ? Optional.of(count) : Optional.empty();
        });
        assertThat(delivered).isEqualTo(people);
        try (Connection db = Orgbase.target().superuser();
                ResultSet twice = db.createStatement()
                        .executeQuery("select count(*) from (select recipient_id from notification where subject_id = '"
                                + id + "' group by recipient_id having count(*) > 1) d")) {
            twice.next();
            assertThat(twice.getLong(1)).as("recipients told twice").isZero();
        }
    }

    private static long count(UUID orgId, String announcement) {
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement count =
                        db.prepareStatement("select count(*) from notification where org_id = ? and subject_id = ?")) {
            count.setObject(1, orgId);
            count.setString(2, announcement);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
