package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import io.orgbase.system.Mailbox.Mail;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Notifications by email, the way each member chose per organization and type: in the app or not,
 * by email at once or in a daily or weekly digest, within what the organization allows.
 */
class NotificationEmailIT {

    private static final Mailbox MAILBOX = Mailbox.get();

    private static String preferences(Org org) {
        return org.path() + "/notification-preferences";
    }

    private static void changeRole(Session owner, Org org, Session member, String role) {
        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("role", role))
                        .status())
                .isEqualTo(200);
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void membersChooseHowEachKindReachesThemAndBadChoicesChangeNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        JsonObject defaults = owner.api().get(preferences(org)).json();
        assertThat(defaults.getBoolean("emailAllowed")).isTrue();
        assertThat(defaults.getString("defaultEmail")).isEqualTo("weekly");
        JsonObject announcement = defaults.getJsonObject("types").getJsonObject("announcement");
        assertThat(announcement.getBoolean("inApp")).isTrue();
        assertThat(announcement.getString("email")).isEqualTo("weekly");
        assertThat(announcement.getString("emailFrom")).isEqualTo("organization");

        assertInvalidFields(
                owner.api()
                        .patch(
                                preferences(org),
                                json(
                                        "member.role-changed", json("email", "immediate"),
                                        "no.such-type", json("email", "daily"),
                                        "announcement", json("email", "hourly", "inApp", "yes", "colour", "red"))),
                "no.such-type",
                "announcement.email",
                "announcement.inApp",
                "announcement.colour");
        assertThat(owner.api().get(preferences(org)).json()).isEqualTo(defaults);

        JsonObject changed = owner.api()
                .patch(
                        preferences(org),
                        json("*", json("email", "daily"), "announcement", json("inApp", false, "email", "immediate")))
                .json();
        JsonObject types = changed.getJsonObject("types");
        assertThat(types.getJsonObject("member.added").getString("email")).isEqualTo("daily");
        assertThat(types.getJsonObject("member.added").getString("emailFrom")).isEqualTo("every");
        assertThat(types.getJsonObject("announcement").getBoolean("inApp")).isFalse();
        assertThat(types.getJsonObject("announcement").getString("emailFrom")).isEqualTo("own");

        JsonObject reset = owner.api()
                .patch(preferences(org), json("announcement", json("inApp", null, "email", null)))
                .json();
        assertThat(reset.getJsonObject("types").getJsonObject("announcement").getString("email"))
                .isEqualTo("daily");
        assertThat(reset.getJsonObject("types").getJsonObject("announcement").getBoolean("inApp"))
                .isTrue();

        // one's own only: another organization's is unknown, and an API key has none
        Session stranger = Fixtures.newUser();
        assertProblem(stranger.api().get(preferences(org)), 404);
        assertProblem(stranger.api().patch(preferences(org), json("*", json("email", "off"))), 404);
        String key = owner.in(org)
                .apiKeys()
                .create(json("name", "key-" + Secrets.suffix(), "role", "admin"))
                .json()
                .getString("key");
        assertProblem(Api.anonymous().withApiKey(key).get(preferences(org)), 403);
    }

    @Test
    void anImmediateChoiceMailsAtOnceInTheMembersLanguageAndInAppOffKeepsTheInboxClear() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        Fixtures.addMember(owner, org, bob, "member");
        assertThat(ann.api().patch("/api/v1/me/profile", json("language", "de")).status())
                .isEqualTo(200);
        assertThat(ann.api()
                        .patch(
                                preferences(org),
                                json(
                                        "member.role-changed", json("email", "immediate"),
                                        "announcement", json("inApp", false, "email", "immediate")))
                        .status())
                .isEqualTo(200);

        changeRole(owner, org, ann, "admin");
        Mail mail = MAILBOX.await(ann.email(), "is now admin");
        assertThat(mail.text()).startsWith("Hallo User " + ann.email()).contains("It was member.");
        assertThat(mail.html()).contains("Organization " + org.slug());
        assertThat(NotificationsIT.awaitNotification(ann, org, "member.role-changed"))
                .isNotNull();

        // bob chose nothing: the organization's weekly digest, no mail now
        changeRole(owner, org, bob, "viewer");
        NotificationsIT.awaitNotification(bob, org, "member.role-changed");

        assertThat(owner.api()
                        .post(org.path() + "/announcements", json("title", "Town hall", "body", "Friday"))
                        .status())
                .isEqualTo(201);
        NotificationsIT.awaitNotification(bob, org, "announcement");
        MAILBOX.await(ann.email(), "Town hall");
        assertThat(NotificationsIT.of(ann, org, "announcement")).isEmpty();
        assertThat(MAILBOX.to(bob.email())).noneMatch(m -> m.subject().contains("is now viewer"));
    }

    @Test
    void anOrganizationThatSendsNoNotificationEmailOverridesEveryChoice() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        ann.api().patch(preferences(org), json("*", json("email", "immediate")));
        assertThat(owner.in(org)
                        .settings()
                        .patch(json("notifications", json("email", false)))
                        .status())
                .isEqualTo(200);
        JsonObject shown = ann.api().get(preferences(org)).json();
        assertThat(shown.getBoolean("emailAllowed")).isFalse();
        assertThat(shown.getJsonObject("types")
                        .getJsonObject("member.role-changed")
                        .getString("email"))
                .isEqualTo("off");

        changeRole(owner, org, ann, "viewer");
        NotificationsIT.awaitNotification(ann, org, "member.role-changed");
        // a mail would have been queued with the notification and sent within a second: none was
        sleep(3);
        assertThat(MAILBOX.to(ann.email())).noneMatch(m -> m.subject().contains("is now viewer"));
    }

    @Test
    void aDigestListsTheUnreadNotificationsOfWhoChoseItAndOnlyPlatformAdministratorsSendItEarly() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        ann.api().patch(preferences(org), json("*", json("email", "daily")));
        changeRole(owner, org, ann, "admin");
        changeRole(owner, org, ann, "viewer");
        Eventually.get(
                "two role changes for ann",
                NotificationsIT.DELIVERY,
                () -> NotificationsIT.of(ann, org, "member.role-changed").size() == 2
                        ? java.util.Optional.of(true)
                        : java.util.Optional.empty());

        assertProblem(ann.api().post("/api/v1/admin/notification-digests/daily", ""), 403);
        assertProblem(Fixtures.admin().api().post("/api/v1/admin/notification-digests/hourly", ""), 400);
        Api.Reply run = Fixtures.admin().api().post("/api/v1/admin/notification-digests/daily", "");
        assertThat(run.status()).as("%s", run).isEqualTo(200);
        assertThat(run.json().getBoolean("ran")).isTrue();
        assertThat(run.json().getInt("sent")).isPositive();

        Mail digest = MAILBOX.await(ann.email(), "Your daily summary");
        assertThat(digest.subject()).contains("Organization " + org.slug(), "3 unread");
        assertThat(digest.text()).contains("You were added to", "is now admin", "is now viewer");
        // the owner chose nothing (weekly): no daily digest
        assertThat(MAILBOX.to(owner.email())).noneMatch(m -> m.subject().contains("daily summary"));

        // what was read is not summed up again
        assertThat(ann.api()
                        .post("/api/v1/me/notifications/read-all?orgId=" + org.id(), "")
                        .status())
                .isIn(200, 204);
        Fixtures.admin().api().post("/api/v1/admin/notification-digests/daily", "");
        sleep(3);
        assertThat(MAILBOX.to(ann.email()).stream()
                        .filter(m -> m.subject().contains("daily summary"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anOrganizationWordsItsInvitationItsOwnWaySafely() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String wording = org.path() + "/mail-templates/invitation/en";
        JsonObject listed = owner.api().get(org.path() + "/mail-templates").json();
        assertThat(listed.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("template"))
                .containsExactly("invitation", "notification", "notification-digest");

        assertInvalidFields(
                owner.api().put(wording, json("subject", "Join {{organization}}", "body", "No link here")), "body");
        for (String evil : java.util.List.of(
                "{{> /etc/passwd}} {{link}}",
                "{{{link}}}",
                "{{& link}}",
                "{{=<% %>=}} <%link%>",
                "{{link.class.classLoader}} {{link}}",
                "{{#link}}unclosed {{link}}")) {
            JsonObject refused = assertProblem(owner.api().put(wording, json("subject", "Hi", "body", evil)), 400);
            assertThat(refused.getJsonArray("invalid-params").getValuesAs(JsonObject.class))
                    .as(evil)
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.getString("name")).isEqualTo("body"));
        }
        assertProblem(
                owner.api()
                        .put(
                                org.path() + "/mail-templates/password-reset/en",
                                json("subject", "x", "body", "{{link}}")),
                404);
        assertInvalidFields(
                owner.api()
                        .put(
                                org.path() + "/mail-templates/invitation/xx-nope-123",
                                json("subject", "x", "body", "{{link}}")),
                "language");

        Api.Reply saved = owner.api()
                .put(
                        wording,
                        json(
                                "subject", "{{inviter}} wants you at {{organization}}",
                                "body",
                                        "Hi!\n\nWe would love to see you in <b>{{organization}}</b>.\nJoin here: {{link}}\n\nCheers"));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        assertProblem(member.api().put(wording, json("subject", "x", "body", "{{link}}")), 403);
        assertProblem(member.api().delete(wording), 403);

        String email = "worded-" + Secrets.suffix() + "@mail.example";
        owner.in(org).invitations().create(json("email", email, "role", "member"));
        Mail mail = MAILBOX.await(email, "wants you at Organization " + org.slug());
        assertThat(mail.text()).contains("We would love to see you in <b>Organization " + org.slug() + "</b>.");
        assertThat(mail.html())
                .contains(
                        "&lt;b&gt;Organization " + org.slug() + "&lt;/b&gt;", "<a href=\"" + mail.link("/account/join"))
                .doesNotContain("<b>Organization");

        assertThat(owner.api().delete(wording).status()).isEqualTo(204);
        assertProblem(owner.api().delete(wording), 404);
        String again = "plain-" + Secrets.suffix() + "@mail.example";
        owner.in(org).invitations().create(json("email", again, "role", "member"));
        MAILBOX.await(again, "invites you to Organization " + org.slug());
    }
}
