package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import io.orgbase.system.Mailbox.Mail;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Email as people receive it: from the real SMTP server in the test JVM, read for its content,
 * language, branding and links, and the links followed the way a browser does (the page first,
 * which changes nothing; then its form).
 */
class EmailIT {

    private static final Mailbox MAILBOX = Mailbox.get();

    /** A client of its own address, so that no test spends another's anonymous budget. */
    private static Api anon() {
        return Api.anonymous().from(Fixtures.address());
    }

    private static String address(String who) {
        return who + "-" + Secrets.suffix() + "@mail.example";
    }

    /** Opens the page a link leads to, as a browser (or a mail scanner) would. */
    private static Api.Reply open(String link) {
        assertThat(link).startsWith(Orgbase.target().baseUrl() + "/account/");
        URI uri = URI.create(link);
        return Api.anonymous().send("GET", uri.getRawPath() + "?" + uri.getRawQuery(), null, null);
    }

    /** Submits a page's form. */
    private static Api.Reply submit(String link, String... namesAndValues) {
        URI uri = URI.create(link);
        StringBuilder form = new StringBuilder("token=")
                .append(URLEncoder.encode(uri.getRawQuery().substring("token=".length()), StandardCharsets.UTF_8));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append('&')
                    .append(namesAndValues[i])
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return anon().send("POST", uri.getRawPath(), form.toString(), "application/x-www-form-urlencoded");
    }

    private static Session user(String email, String password) {
        Api.Reply created = Fixtures.admin()
                .api()
                .post("/api/v1/admin/users", json("email", email, "password", password, "displayName", "Grace Hopper"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return Fixtures.login(email, password);
    }

    @Test
    void aPasswordResetIsAcceptedAlikeForEveryAddressAndMailedOnlyToTheOwner() {
        String email = address("reset");
        String unknown = address("nobody");
        String password = Secrets.password();
        Session user = user(email, password);
        String refreshToken = anon().post("/api/v1/auth/login", json("email", email, "password", password))
                .json()
                .getString("refreshToken");

        Api.Reply forUnknown = anon().post("/api/v1/auth/password-reset", json("email", unknown));
        Api.Reply forOwner = anon().post("/api/v1/auth/password-reset", json("email", email.toUpperCase()));
        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forOwner.status()).isEqualTo(202);
        assertThat(forOwner.body()).isEqualTo(forUnknown.body());

        Mail mail = MAILBOX.await(email, "Reset your password");
        assertThat(mail.from()).contains("no-reply@orgbase.test");
        assertThat(mail.text()).contains("Grace Hopper", "30 minutes");
        assertThat(mail.messageId()).endsWith("@orgbase.test>");
        String link = mail.link("/account/reset-password");
        assertThat(MAILBOX.to(unknown)).isEmpty();

        // opening the link (a scanner does) changes nothing; the form asks for the password twice
        Api.Reply page = open(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).contains("<form method=\"post\"", "name=\"password\"", "name=\"repeat\"");
        assertThat(open(link).status()).isEqualTo(200);

        // a weak password is refused and leaves the link usable
        Api.Reply weak = submit(link, "password", "short", "repeat", "short");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("password");

        String fresh = Secrets.password();
        Api.Reply reset = submit(link, "password", fresh, "repeat", fresh);
        assertThat(reset.status()).as("%s", reset.body()).isEqualTo(200);
        assertThat(reset.body()).contains("Password changed");

        // every session ended; the new password works, the old one does not; the address is told
        assertProblem(anon().post("/api/v1/auth/refresh", json("refreshToken", refreshToken)), 401);
        assertProblem(anon().post("/api/v1/auth/login", json("email", email, "password", password)), 401);
        Fixtures.login(email, fresh);
        assertThat(MAILBOX.await(email, "Your password was changed").text()).contains("signed out");

        // the link worked once
        assertThat(submit(link, "password", fresh, "repeat", fresh).status()).isEqualTo(404);
        assertProblem(
                anon().post(
                                "/api/v1/auth/password-reset/confirm",
                                json("token", mail.token("/account/reset-password"), "password", fresh)),
                404);
        assertThat(user.id()).isNotNull();
    }

    @Test
    void resetRequestsAreCountedPerAddressTypedInWhetherOrNotItHasAnAccount() {
        for (String email : List.of(address("someone"), address("nobody"))) {
            Api anonymous = anon();
            for (int i = 0; i < 3; i++) {
                assertThat(anonymous
                                .post("/api/v1/auth/password-reset", json("email", email))
                                .status())
                        .isEqualTo(202);
            }
            Api.Reply refused = anon().post("/api/v1/auth/password-reset", json("email", email));
            assertProblem(refused, 429);
            assertThat(refused.header("Retry-After")).isNotNull();
        }
        assertInvalidFields(
                anon().post("/api/v1/auth/password-reset", json("email", "x".repeat(300) + "@a.example")), "email");
        assertProblem(anon().post("/api/v1/auth/password-reset", "{\"email\": 7}"), 400);
    }

    /** An account, signed in, and the organization it joined. */
    private record Joined(Session user, Org org) {}

    /**
     * An account for {@code email} made by accepting an invitation with the inviter's copy of its
     * token: its address is unproven.
     */
    private static Joined joinedWithTheInvitersCopy(String email, String password) {
        Session owner = Fixtures.newUser();
        Org inviting = Fixtures.newOrg(owner);
        String token = owner.in(inviting)
                .invitations()
                .create(json("email", email, "role", "member"))
                .json()
                .getString("token");
        Api.Reply joined = anon().post(
                        "/api/v1/invitations/" + token + "/accept",
                        json("password", password, "displayName", "Joined Early"));
        assertThat(joined.status()).as("%s", joined).isEqualTo(200);
        return new Joined(Fixtures.login(email, password), inviting);
    }

    @Test
    void verificationOnDemandProvesTheAddressOnce() {
        String email = address("verify");
        String password = Secrets.password();
        // an account that joined with the inviter's copy of the token has an unproven address
        Joined joined = joinedWithTheInvitersCopy(email, password);
        Session user = joined.user();
        Org org = joined.org();
        assertThat(user.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isFalse();

        // joining sent a verification link, in the organization's look
        Mail welcome = MAILBOX.await(email, "Confirm your email address");
        assertThat(welcome.html()).contains("Organization " + org.slug());

        // asking again replaces that link
        assertThat(user.api().post("/api/v1/me/email-verification", "").status())
                .isEqualTo(202);
        Mail again = MAILBOX.await(
                email,
                m -> m.subject().contains("Confirm your email address")
                        && !m.messageId().equals(welcome.messageId()));
        assertProblem(
                anon().post(
                                "/api/v1/auth/email-verification",
                                json("token", welcome.token("/account/verify-email"), "password", password)),
                404);

        Api.Reply page = open(again.link("/account/verify-email"));
        assertThat(page.body()).contains("Confirm my address", email, "name=\"password\"");
        // the mailbox alone is not enough: the account's password goes with the link
        Api.Reply wrong = submit(again.link("/account/verify-email"), "password", "not-the-password");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("Confirm my address");
        assertThat(user.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isFalse();
        Api.Reply confirmed = submit(again.link("/account/verify-email"), "password", password);
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains(email);
        assertThat(user.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isTrue();
        assertThat(submit(again.link("/account/verify-email"), "password", password)
                        .status())
                .isEqualTo(404);

        // verified: nothing more to send; and a signed-in account may not make the server mail endlessly
        assertProblem(user.api().post("/api/v1/me/email-verification", ""), 409);
    }

    @Test
    void anAccountMayAskForAFewMessagesOnly() {
        String email = address("chatty");
        String password = Secrets.password();
        Session user = joinedWithTheInvitersCopy(email, password).user();
        for (int i = 0; i < 3; i++) {
            assertThat(user.api().post("/api/v1/me/email-verification", "").status())
                    .isEqualTo(202);
        }
        assertProblem(user.api().post("/api/v1/me/email-verification", ""), 429);
    }

    @Test
    void changingTheAddressProvesTheNewOneFirstAndTellsTheOldOne() {
        String old = address("old");
        String next = address("new");
        String password = Secrets.password();
        Session user = user(old, password);
        assertThat(user.api()
                        .patch("/api/v1/me/profile", json("language", "de"))
                        .status())
                .isEqualTo(200);

        assertInvalidFields(user.api().post("/api/v1/me/email", json("email", next, "password", "wrong")), "password");
        assertInvalidFields(
                user.api().post("/api/v1/me/email", json("email", "not an address", "password", password)), "email");
        assertInvalidFields(user.api().post("/api/v1/me/email", json("email", old, "password", password)), "email");
        assertThat(user.api()
                        .post("/api/v1/me/email", json("email", next, "password", password))
                        .status())
                .isEqualTo(202);

        // in the user's language, to the new address; nothing changed yet
        Mail confirm = MAILBOX.await(next, "Bestätigen Sie Ihre neue E-Mail-Adresse");
        assertThat(confirm.text()).contains("Hallo Grace Hopper", next);
        assertThat(user.api().get("/api/v1/me").json().getString("email")).isEqualTo(old);
        Fixtures.login(old, password);

        Api.Reply moved = anon().post(
                        "/api/v1/auth/email-verification",
                        json("token", confirm.token("/account/verify-email"), "password", password));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertThat(moved.json().getString("email")).isEqualTo(next);
        assertThat(moved.json().getBoolean("emailChanged")).isTrue();

        Mail told = MAILBOX.await(old, "Die E-Mail-Adresse Ihres Kontos wurde geändert");
        assertThat(told.text()).contains(next);
        assertProblem(anon().post("/api/v1/auth/login", json("email", old, "password", password)), 401);
        Session moved1 = Fixtures.login(next, password);
        assertThat(moved1.id()).isEqualTo(user.id());
        assertThat(moved1.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isTrue();
    }

    @Test
    void movingToAnAddressSomeoneOwnsFailsWhenTheLinkIsUsed() {
        String taken = address("taken");
        user(taken, Secrets.password());
        String password = Secrets.password();
        Session user = user(address("mover"), password);
        // the answer does not tell that the address is taken
        assertThat(user.api()
                        .post("/api/v1/me/email", json("email", taken, "password", password))
                        .status())
                .isEqualTo(202);
        Mail confirm = MAILBOX.await(taken, "Confirm your new email address");
        assertProblem(
                anon().post(
                                "/api/v1/auth/email-verification",
                                json("token", confirm.token("/account/verify-email"), "password", password)),
                409);
    }

    @Test
    void anInvitationIsMailedInTheOrganizationsLookAndItsLinkProvesTheAddress() {
        Session owner = Fixtures.newUser();
        String slug = Fixtures.slug();
        Api.Reply created =
                owner.api().post("/api/v1/orgs", json("slug", slug, "name", "Acme <Tools> & Co", "language", "de"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Org org = new Org(created.id(), slug);
        assertThat(owner.in(org)
                        .settings()
                        .patch(json(
                                "branding",
                                json("primaryColour", "#aa3300", "logoUrl", "https://cdn.example/acme.png")))
                        .status())
                .isEqualTo(200);

        String email = address("invitee");
        Api.Reply invited = owner.in(org).invitations().create(json("email", email, "role", "member"));
        assertThat(invited.status()).isEqualTo(201);
        String inviterToken = invited.json().getString("token");

        Mail mail = MAILBOX.await(email, "lädt Sie zu Acme <Tools> & Co ein");
        assertThat(mail.html())
                .contains("Acme &lt;Tools&gt; &amp; Co", "#aa3300", "https://cdn.example/acme.png")
                .doesNotContain("<Tools>");
        assertThat(mail.text()).contains("Acme <Tools> & Co", "member");
        String link = mail.link("/account/join");
        assertThat(link).doesNotContain(inviterToken);

        Api.Reply page = open(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"displayName\"", "name=\"password\"");
        String password = Secrets.password();
        Api.Reply joined = submit(link, "displayName", "Invited Person", "password", password);
        assertThat(joined.status()).as("%s", joined.body()).isEqualTo(200);
        assertThat(joined.body()).contains("Welcome to Acme &lt;Tools&gt; &amp; Co");

        // the emailed link proved the address: the account owns it, no verification mail follows
        Session invitee = Fixtures.login(email, password);
        assertThat(invitee.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isTrue();
        assertThat(invitee.api().get(org.path()).json().getString("role")).isEqualTo("member");
        // the inviter's token is spent with the invitation
        assertProblem(anon().post("/api/v1/invitations/" + inviterToken + "/accept", "{}"), 404);
        assertThat(MAILBOX.to(email)).extracting(Mail::subject).noneMatch(s -> s.contains("Bestätigen"));
    }

    @Test
    void aPendingInvitationCanBeSentAgainAndOnlyTheNewestLinkWorks() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String email = address("again");
        Api.Reply invited = owner.in(org).invitations().create(json("email", email, "role", "viewer"));
        UUID id = UUID.fromString(invited.json().getJsonObject("invitation").getString("id"));
        Mail first = MAILBOX.await(email, "invites you to");
        Api.Reply resent = owner.api().post(org.path() + "/invitations/" + id + "/resend", "");
        assertThat(resent.status()).as("%s", resent).isEqualTo(200);
        Mail second = MAILBOX.await(
                email,
                m -> m.subject().contains("invites you to") && !m.messageId().equals(first.messageId()));
        assertThat(second.link("/account/join")).isNotEqualTo(first.link("/account/join"));
        assertThat(submit(first.link("/account/join"), "displayName", "X", "password", Secrets.password())
                        .status())
                .isEqualTo(404);

        // another organization's invitation id is unknown here; a member may not resend
        Session stranger = Fixtures.newUser();
        Org other = Fixtures.newOrg(stranger);
        assertProblem(stranger.api().post(other.path() + "/invitations/" + id + "/resend", ""), 404);
        assertProblem(stranger.api().post(other.path() + "/invitations/" + UUID.randomUUID() + "/resend", ""), 404);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        assertProblem(member.api().post(org.path() + "/invitations/" + id + "/resend", ""), 403);

        assertThat(owner.api()
                        .post(org.path() + "/invitations/" + id + "/resend", "")
                        .status())
                .isEqualTo(200);
        assertThat(owner.api()
                        .post(org.path() + "/invitations/" + id + "/resend", "")
                        .status())
                .isEqualTo(200);
        assertProblem(owner.api().post(org.path() + "/invitations/" + id + "/resend", ""), 429);
    }

    @Test
    void linksThatAreNotLinksGetAPageNotAnError() {
        Api anonymous = anon();
        assertThat(anonymous.send("GET", "/account/verify-email", null, null).status())
                .isEqualTo(404);
        assertThat(anonymous
                        .send("GET", "/account/join?token=" + "x".repeat(500), null, null)
                        .status())
                .isEqualTo(404);
        assertThat(anonymous
                        .send("GET", "/account/nothing-here?token=abc", null, null)
                        .status())
                .isEqualTo(404);
        Api.Reply unknown = anonymous.send(
                "POST", "/account/verify-email", "token=obv_unknown", "application/x-www-form-urlencoded");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("This link was used already");
        Api.Reply style = anonymous.send("GET", "/account/style.css", null, null);
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void someoneElsesAccountCannotBeConfirmedForAnAddressByItsMailboxAlone() {
        // the attacker asks to move their account to the victim's address
        String victim = address("victim");
        String attackerPassword = Secrets.password();
        Session attacker = user(address("attacker"), attackerPassword);
        assertThat(attacker.api()
                        .post("/api/v1/me/email", json("email", victim, "password", attackerPassword))
                        .status())
                .isEqualTo(202);
        Mail lure = MAILBOX.await(victim, "Confirm your new email address");
        String link = lure.link("/account/verify-email");

        // the victim clicks and, not knowing the attacker's password, cannot confirm
        Api.Reply clicked = submit(link, "password", "the victim's own password");
        assertThat(clicked.status()).isEqualTo(400);
        assertProblem(
                anon().post(
                                "/api/v1/auth/email-verification",
                                json("token", lure.token("/account/verify-email"), "password", "guess")),
                400);
        assertThat(attacker.api().get("/api/v1/me").json().getString("email")).isNotEqualTo(victim);

        // and a link asked for with a password ends when the password changes
        String fresh = Secrets.password();
        assertThat(attacker.api()
                        .post("/api/v1/me/password", json("currentPassword", attackerPassword, "newPassword", fresh))
                        .status())
                .isEqualTo(204);
        assertProblem(
                anon().post(
                                "/api/v1/auth/email-verification",
                                json("token", lure.token("/account/verify-email"), "password", fresh)),
                404);
    }
}
