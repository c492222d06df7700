package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * In-app notifications, made from domain events by a consumer on the other side of the broker: a
 * member hears what others did to their membership, once; a notification is its recipient's alone.
 */
class NotificationsIT {

    static final Duration DELIVERY = Duration.ofSeconds(20);

    /** The recipient's notification of {@code type} in {@code org}, waiting for it to arrive. */
    static JsonObject awaitNotification(Session recipient, Org org, String type) {
        return Eventually.get(type + " for " + recipient.email(), DELIVERY, () -> of(recipient, org, type).stream()
                .findFirst());
    }

    static List<JsonObject> of(Session recipient, Org org, String type) {
        Api.Reply page = recipient.api().get("/api/v1/me/notifications?orgId=" + org.id() + "&type=" + type);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return page.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    @Test
    void aMemberHearsOfTheirRoleChangeOnceAndCanFollowItToTheRecord() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        JsonObject added = awaitNotification(ann, org, "member.added");
        assertThat(added.getString("title")).contains("You were added to");
        assertThat(added.getJsonObject("org").getString("slug")).isEqualTo(org.slug());
        assertThat(added.getJsonObject("actor").getString("id"))
                .isEqualTo(owner.id().toString());
        assertThat(added.getBoolean("read")).isFalse();

        assertThat(owner.in(org)
                        .members()
                        .item(ann.id())
                        .update(json("role", "admin"))
                        .status())
                .isEqualTo(200);
        JsonObject changed = awaitNotification(ann, org, "member.role-changed");
        assertThat(changed.getString("title")).endsWith("is now admin");
        assertThat(changed.getString("body")).isEqualTo("It was member.");
        String subject = changed.getJsonObject("subject").getString("path");
        assertThat(subject).isEqualTo("/api/v1/orgs/" + org.id() + "/members/" + ann.id());
        assertThat(ann.api().get(subject).json().getString("role")).isEqualTo("admin");

        // whoever acts is not told what they did themselves
        assertThat(of(owner, org, "member.added")).isEmpty();
        // once: a second look later finds the same single notification
        assertThat(of(ann, org, "member.role-changed")).hasSize(1);
    }

    @Test
    void anOpenStreamReceivesNewNotificationsAndTheUnreadCountAsTheyHappen() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session dee = Fixtures.newUser();
        Session other = Fixtures.newUser();
        try (EventStream stream = dee.api().stream("/api/v1/me/notifications/stream", null);
                EventStream theirs = other.api().stream("/api/v1/me/notifications/stream", null)) {
            assertThat(stream.next(DELIVERY, e -> e.name().equals("unread")).data())
                    .isEqualTo("{\"total\":0}");
            Fixtures.addMember(owner, org, dee, "member");
            EventStream.Event added = stream.next(DELIVERY, e -> e.name().equals("notification"));
            JsonObject notification = new Api.Reply(200, null, added.data()).json();
            assertThat(notification.getString("type")).isEqualTo("member.added");
            assertThat(added.id()).isEqualTo(notification.getString("id"));
            assertThat(stream.next(DELIVERY, e -> e.name().equals("unread")).data())
                    .isEqualTo("{\"total\":1}");

            // a client that reconnects with the last id it saw gets what came after it
            assertThat(owner.in(org)
                            .members()
                            .item(dee.id())
                            .update(json("role", "viewer"))
                            .status())
                    .isEqualTo(200);
            String changed =
                    stream.next(DELIVERY, e -> e.name().equals("notification")).id();
            try (EventStream again = dee.api().stream("/api/v1/me/notifications/stream", added.id())) {
                assertThat(again.next(DELIVERY, e -> e.name().equals("notification"))
                                .id())
                        .isEqualTo(changed);
            }
            // nobody else's stream hears of it
            theirs.next(DELIVERY, e -> e.name().equals("unread"));
            assertThat(theirs.pending()).noneMatch(e -> e.name().equals("notification"));
        }
        assertProblem(Api.anonymous().get("/api/v1/me/notifications/stream"), 401);
    }

    @Test
    void anInviterHearsOfTheAcceptanceOnlyWhileStillAMember() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        String kept = accepted(owner, org);
        String gone = invitation(admin, org);
        assertThat(owner.in(org).members().item(admin.id()).delete().status()).isEqualTo(204);
        accept(gone);

        JsonObject told = awaitNotification(owner, org, "invitation.accepted");
        assertThat(told.getJsonObject("subject").getString("id")).isEqualTo(kept);
        // the removed admin hears of their removal, and of nothing after it: not even once the
        // consumer has been through the acceptance of their invitation
        awaitNotification(admin, org, "member.removed");
        Eventually.get(
                "the acceptance consumed",
                DELIVERY,
                () -> consumedUpdatesOf(gone) > 0 ? Optional.of(true) : Optional.empty());
        assertThat(of(admin, org, "invitation.accepted")).isEmpty();
    }

    /** How many updates of the record the notifications consumer has applied (event id = audit entry id). */
    private static long consumedUpdatesOf(String entityId) {
        try (java.sql.Connection db = Orgbase.target().superuser();
                java.sql.PreparedStatement count = db.prepareStatement("select count(*) from processed_event p"
                        + " join audit_event a on a.id = p.event_id where p.consumer = 'notifications'"
                        + " and a.entity_id = ? and a.action = 'update'")) {
            count.setString(1, entityId);
            try (java.sql.ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An invitation by {@code inviter}, accepted by a newcomer; returns its id. */
    private static String accepted(Session inviter, Org org) {
        String id = invitation(inviter, org);
        accept(id);
        return id;
    }

    private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String invitation(Session inviter, Org org) {
        String email = "invitee-" + Secrets.suffix() + "@it.example";
        Api.Reply created = inviter.in(org).invitations().create(json("email", email, "role", "member"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().getJsonObject("invitation").getString("id");
        TOKENS.put(id, created.json().getString("token"));
        return id;
    }

    private static void accept(String invitation) {
        Api.Reply accepted = Api.anonymous()
                .from(Fixtures.address())
                .post(
                        "/api/v1/invitations/" + TOKENS.get(invitation) + "/accept",
                        json("password", Secrets.password(), "displayName", "Newcomer"));
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
    }

    @Test
    void readUnreadCountsAndDeletion() {
        Session owner = Fixtures.newUser();
        Org first = Fixtures.newOrg(owner);
        Org second = Fixtures.newOrg(owner);
        Session bob = Fixtures.newUser();
        Fixtures.addMember(owner, first, bob, "member");
        Fixtures.addMember(owner, second, bob, "viewer");
        String one = awaitNotification(bob, first, "member.added").getString("id");
        String two = awaitNotification(bob, second, "member.added").getString("id");

        JsonObject unread =
                bob.api().get("/api/v1/me/notifications/unread-count").json();
        assertThat(unread.getInt("total")).isEqualTo(2);
        assertThat(unread.getJsonArray("organizations")).hasSize(2);

        JsonObject read =
                bob.api().post("/api/v1/me/notifications/" + one + "/read", "").json();
        assertThat(read.getBoolean("read")).isTrue();
        assertThat(read.getString("readAt")).isNotBlank();
        assertThat(bob.api().get("/api/v1/me/notifications?read=false").json().getJsonArray("items"))
                .extracting(n -> n.asJsonObject().getString("id"))
                .containsExactly(two);
        assertThat(bob.api()
                        .post("/api/v1/me/notifications/" + one + "/unread", "")
                        .json()
                        .getBoolean("read"))
                .isFalse();

        JsonObject marked = bob.api()
                .post("/api/v1/me/notifications/read-all?orgId=" + second.id(), "")
                .json();
        assertThat(marked.getInt("marked")).isEqualTo(1);
        assertThat(bob.api().get("/api/v1/me/notifications/unread-count").json().getInt("total"))
                .isEqualTo(1);
        assertProblem(bob.api().post("/api/v1/me/notifications/read-all?orgId=nonsense", ""), 400);

        assertThat(bob.api().delete("/api/v1/me/notifications/" + two).status()).isEqualTo(204);
        assertProblem(bob.api().get("/api/v1/me/notifications/" + two), 404);
        assertProblem(bob.api().delete("/api/v1/me/notifications/" + two), 404);
    }

    @Test
    void anotherUsersNotificationBehavesLikeOneThatDoesNotExist() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        String theirs = awaitNotification(ann, org, "member.added").getString("id");

        Session stranger = Fixtures.newUser();
        // the owner shares the organization, and still does not see it
        for (Session other : List.of(stranger, owner)) {
            for (String id : List.of(theirs, UUID.randomUUID().toString())) {
                assertProblem(other.api().get("/api/v1/me/notifications/" + id), 404);
                assertProblem(other.api().post("/api/v1/me/notifications/" + id + "/read", ""), 404);
                assertProblem(other.api().delete("/api/v1/me/notifications/" + id), 404);
            }
            assertThat(other.api().get("/api/v1/me/notifications").json().getJsonArray("items"))
                    .extracting(n -> n.asJsonObject().getString("id"))
                    .doesNotContain(theirs);
            other.api().post("/api/v1/me/notifications/read-all", "");
        }
        JsonObject still = ann.api().get("/api/v1/me/notifications/" + theirs).json();
        assertThat(still.getBoolean("read"))
                .as("others' read-all leaves it unread")
                .isFalse();

        // an API key acts in its organization only, never as a user
        String key = owner.in(org)
                .apiKeys()
                .create(json("name", "ci", "role", "admin"))
                .json()
                .getString("key");
        assertProblem(Api.anonymous().withApiKey(key).get("/api/v1/me/notifications"), 403);
        assertProblem(Api.anonymous().get("/api/v1/me/notifications"), 401);
    }

    @Test
    void aChangeThatRollsBackTellsNobody() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session cy = Fixtures.newUser();
        Fixtures.addMember(owner, org, cy, "member");
        awaitNotification(cy, org, "member.added");

        // promoting cy, then removing the last owner: the whole request rolls back
        JsonObject outcome = owner.in(org)
                .members()
                .bulk("{\"atomic\":true,\"operations\":[{\"op\":\"update\",\"id\":\"" + cy.id()
                        + "\",\"body\":{\"role\":\"admin\"}},{\"op\":\"delete\",\"id\":\"" + owner.id() + "\"}]}")
                .json();
        assertThat(outcome.getBoolean("committed")).isFalse();
        // a later change that commits is told; by then the rolled-back one would have been too
        assertThat(owner.in(org)
                        .members()
                        .item(cy.id())
                        .update(json("role", "viewer"))
                        .status())
                .isEqualTo(200);
        JsonObject viewer = awaitNotification(cy, org, "member.role-changed");
        assertThat(viewer.getString("title")).endsWith("is now viewer");
        assertThat(of(cy, org, "member.role-changed")).hasSize(1);
        assertThat(Optional.of(viewer.getString("body"))).contains("It was member.");
    }
}
