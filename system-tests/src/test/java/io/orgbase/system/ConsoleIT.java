package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin console in a real browser against the running server: signing in (with the second
 * factor), the session across reloads and its end, the dashboard's charts, the member list's
 * search, filters and bulk actions, what a viewer is not offered, and that another
 * organization's data never shows. Each screen is checked with axe-core. Runs on Payara Micro
 * only: the console is the same static files on every server, and the API it calls is tested on
 * all three.
 */
@Tag("console")
class ConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void theConsoleIsServedUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(Orgbase.target().baseUrl() + "/admin/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).doesNotContain("<script>").contains("type=\"module\"");
        HttpResponse<String> bare = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(Orgbase.target().baseUrl() + "/admin"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/admin/");
        // the same files under other spellings of the path get the same headers
        for (String variant : List.of("/admin;x/", "/%61dmin/", "/admin/index.html", "/admin/js/main.js")) {
            HttpResponse<String> other = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(Orgbase.target().baseUrl() + variant))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (other.statusCode() == 200) {
                assertThat(other.headers().firstValue("Content-Security-Policy"))
                        .as(variant)
                        .contains(policy);
                assertThat(other.headers().firstValue("X-Frame-Options"))
                        .as(variant)
                        .contains("DENY");
                assertThat(other.headers().firstValue("Cache-Control"))
                        .as(variant)
                        .contains("no-cache");
            } else if (other.statusCode() == 301 || other.statusCode() == 302) {
                // the server's own normalisation: it stays on this host
                assertThat(other.headers().firstValue("Location").orElseThrow())
                        .as(variant)
                        .matches("("
                                + java.util.regex.Pattern.quote(Orgbase.target().baseUrl()) + ")?/admin/.*");
            } else {
                assertThat(other.statusCode()).as(variant).isIn(400, 404);
            }
        }

        // the page runs under that policy: nothing was refused, nothing failed
        Session owner = Fixtures.newUser();
        Fixtures.newOrg(owner);
        browser.signIn(owner.email(), owner.password());
        browser.waitFor(".figures");
        browser.waitFor(".chart canvas");
        assertThat(browser.errorsInConsole()).isEmpty();
        // the first load, dashboard and chart library included, stays under 500 KB (API answers aside)
        long bytes = (Long) browser.script("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource'))"
                + ".filter(e => !e.name.includes('/api/'))"
                + ".reduce((sum, e) => sum + e.encodedBodySize, 0)");
        assertThat(bytes).as("bytes of the console's own files").isBetween(50_000L, 500_000L);
    }

    @Test
    void whatMembersTypeIsShownAsTextAndRoutesStayInTheirOrganization() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        String hostile = "<img src=x onerror=\"window.pwned=1\">";
        owner.api()
                .patch(org.path() + "/members/" + member.id(), json("jobTitle", hostile))
                .json();
        owner.api().patch(org.path(), json("name", "<b>Bold</b> Org")).json();

        browser.signIn(owner.email(), owner.password());
        browser.waitForText("h1", "<b>Bold</b> Org");
        browser.open("o/" + org.slug() + "/members");
        browser.waitForText("table[data-test=members]", hostile);
        assertThat(browser.script("return window.pwned === undefined && document.querySelectorAll('main img').length"))
                .isEqualTo(0L);
        // a route cannot climb out of the organization into other API paths
        browser.open("o/%2E%2E/members");
        browser.waitForText(".state", "Not found");
        browser.open("o/..%2Fadmin/members");
        browser.waitForText(".state", "Not found");
        browser.open("o/%E0%A4%A/members");
        browser.waitForText(".state", "Not found");
        assertThat(browser.errorsInConsole()).isEmpty();
    }

    @Test
    void signingInWithTheSecondFactor() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        Session user = enrolled.user();
        Org org = Fixtures.newOrg(user);

        browser.open("");
        browser.assertAccessible("sign-in");
        browser.type("input[name=email]", user.email());
        browser.type("input[name=password]", "wrong-" + user.password());
        browser.click("button[type=submit]");
        assertThat(browser.waitFor(".form-error").getText()).isNotBlank();
        browser.type("input[name=password]", user.password());
        browser.click("button[type=submit]");

        browser.waitForText("h1", "Two-factor");
        browser.assertAccessible("second factor");
        browser.type("input[name=code]", "000000");
        browser.click("button[type=submit]");
        browser.waitForText(".form-error", "code");
        browser.type("input[name=code]", Totp.code(enrolled.secret(), Instant.now()));
        browser.click("button[type=submit]");

        browser.waitFor("[data-test=sign-out]");
        assertThat(browser.route()).isEqualTo("#/o/" + org.slug());
        browser.waitForText("h1", "Organization " + org.slug());
    }

    @Test
    void theSessionSurvivesAReloadAndEndsWithSigningOut() {
        Session user = Fixtures.newUser();
        Org org = Fixtures.newOrg(user);
        browser.signIn(user.email(), user.password());
        java.util.Map<String, Object> cookie = browser.cookie("orgbase_refresh");
        assertThat(cookie).as("the session cookie").isNotNull();
        assertThat(cookie.get("httpOnly")).isEqualTo(true);
        assertThat(cookie.get("sameSite")).isEqualTo("Strict");
        assertThat(cookie.get("path")).isEqualTo("/api/v1/auth/");
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.script("return window.localStorage.length + window.sessionStorage.length"))
                .isEqualTo(0L);

        browser.reload();
        browser.waitForText("h1", "Organization " + org.slug());
        browser.open("o/" + org.slug() + "/members");
        browser.waitFor("[data-test=members]");

        browser.click("[data-test=sign-out]");
        browser.waitForText("h1", "Sign in");
        assertThat(browser.cookie("orgbase_refresh")).as("cleared").isNull();
        browser.reload();
        browser.waitForText("h1", "Sign in");
        assertThat(browser.all("[data-test=sign-out]")).isEmpty();
    }

    @Test
    void theDashboardDrawsTheOrganizationsFigures() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID department = Fixtures.newDepartment(owner, org, "Engineering");
        for (int i = 0; i < 3; i++) {
            Session member = Fixtures.newUser();
            Fixtures.addMember(owner, org, member, i == 0 ? "admin" : "member");
            owner.api()
                    .patch(org.path() + "/members/" + member.id(), json("departmentId", department.toString()))
                    .json();
        }
        browser.signIn(owner.email(), owner.password());

        assertThat(browser.waitFor("[data-test=members-total] .value").getText())
                .isEqualTo("4");
        browser.waitFor(".chart canvas");
        WebElement byDepartment = browser.waitFor("[data-test=by-department]");
        assertThat(byDepartment.getText()).contains("Engineering").contains("3");
        assertThat(browser.waitFor("[data-test=by-role]").getText()).contains("Member", "Administrator", "Owner");
        browser.waitFor(".timeline li");
        browser.assertAccessible("dashboard");
    }

    @Test
    void membersAreSearchedFilteredAndChangedInBulk() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String marker = "zq" + Secrets.suffix();
        List<Session> people = List.of(Fixtures.newUser(), Fixtures.newUser(), Fixtures.newUser());
        for (Session person : people) {
            Fixtures.addMember(owner, org, person, "member");
        }
        owner.api()
                .patch(org.path() + "/members/" + people.get(0).id(), json("jobTitle", "Lead " + marker))
                .json();
        owner.api()
                .patch(org.path() + "/members/" + people.get(1).id(), json("jobTitle", "Analyst " + marker))
                .json();

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/members");
        browser.waitForText("[data-test=member-count]", "4 members");
        browser.assertAccessible("members");

        browser.type("#member-search", marker);
        browser.waitForText("[data-test=member-count]", "2 members");
        assertThat(browser.route()).contains("q=" + marker);

        // both found members suspended in one bulk action
        browser.click("th.check input");
        browser.waitForText("[data-test=selected-count]", "2 selected");
        browser.click("[data-test=bulk-suspend]");
        browser.click("dialog button.danger");
        browser.waitForText("table[data-test=members] tbody", "Suspended");
        for (Session person : people.subList(0, 2)) {
            JsonObject member =
                    owner.api().get(org.path() + "/members/" + person.id()).json();
            assertThat(member.getBoolean("active")).as(person.email()).isFalse();
        }

        // the status filter, and the list state kept across a reload
        browser.script("document.getElementById('member-search').value = ''");
        browser.open("o/" + org.slug() + "/members?status=suspended");
        browser.waitForText("[data-test=member-count]", "2 members");
        browser.reload();
        browser.waitForText("[data-test=member-count]", "2 members");
        assertThat(browser.find("[data-test=filter-status]").getAttribute("value"))
                .isEqualTo("suspended");
    }

    @Test
    void aViewerIsOfferedNoAdministration() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session viewer = Fixtures.newUser();
        Fixtures.addMember(owner, org, viewer, "viewer");
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");

        browser.signIn(viewer.email(), viewer.password());
        browser.waitForText("h1", "Organization " + org.slug());
        assertThat(browser.all("nav a").stream().map(WebElement::getText)).doesNotContain("Members");
        browser.open("o/" + org.slug() + "/members");
        browser.waitForText(".state.forbidden", "Not allowed");
        browser.assertAccessible("forbidden");

        browser.click("[data-test=sign-out]");
        browser.signIn(member.email(), member.password());
        browser.open("o/" + org.slug() + "/members");
        browser.waitFor("[data-test=members]");
        assertThat(browser.all("[data-test=add-member]")).isEmpty();
        assertThat(browser.all("th.check")).as("no selection for bulk actions").isEmpty();
    }

    @Test
    void anotherOrganizationLooksLikeOneThatDoesNotExist() {
        Session user = Fixtures.newUser();
        Org own = Fixtures.newOrg(user);
        Session stranger = Fixtures.newUser();
        Org foreign = Fixtures.newOrg(stranger);

        browser.signIn(user.email(), user.password());
        browser.waitForText("h1", "Organization " + own.slug());
        List<String> offered = browser.all("[data-test=org-switcher] option").stream()
                .map(o -> o.getAttribute("value"))
                .toList();
        assertThat(offered).containsExactly(own.slug());

        String missing = "missing-" + Secrets.suffix();
        for (String screen : List.of(
                "",
                "/members",
                "/invitations",
                "/departments",
                "/roles",
                "/api-keys",
                "/audit",
                "/data-jobs",
                "/teams",
                "/notifications",
                "/settings",
                "/settings?group=billing",
                "/settings?group=backup")) {
            browser.script("document.querySelectorAll('main .state').forEach(e => e.remove())");
            browser.open("o/" + foreign.slug() + screen);
            String foreignScreen = browser.waitFor("main .state").getText();
            browser.script("document.querySelectorAll('main .state').forEach(e => e.remove())");
            browser.open("o/" + missing + screen);
            String missingScreen = browser.waitFor("main .state").getText();
            assertThat(foreignScreen).as(screen).isEqualTo(missingScreen).contains("Not found");
            assertThat(browser.driver().getPageSource()).as(screen).doesNotContain("Organization " + foreign.slug());
        }
        // a record of the other organization, asked for inside one's own
        browser.script("document.querySelectorAll('main .state').forEach(e => e.remove())");
        browser.open("o/" + own.slug() + "/members/" + stranger.id());
        assertThat(browser.waitFor("main .state").getText()).contains("Not found");
        assertThat(browser.driver().getPageSource()).doesNotContain(stranger.email());
    }

    @Test
    void teamsAreStaffedWithMembersAndLeads() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        Session bob = Fixtures.newUser();
        Fixtures.addMember(owner, org, bob, "member");

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/teams");
        browser.waitFor(".state.empty");
        browser.click("[data-test=new-team]");
        browser.type("dialog input[name=name]", "Payments");
        browser.type("dialog input[name=tags]", "core, billing");
        browser.click("dialog button[type=submit]");
        browser.waitForText("h1", "Payments");
        browser.waitFor(".state.empty");

        // Ann joins as lead, found by her email
        browser.click("[data-test=add-team-member]");
        browser.type("dialog [data-test=userId-search]", ann.email());
        browser.waitFor("dialog [data-test=userId-pick][data-query='" + ann.email() + "']");
        browser.keys("dialog select[name=role]", "Lead");
        browser.assertAccessible("add a team member");
        browser.click("dialog button[type=submit]");
        browser.waitForText("table[data-test=team-members]", ann.email());
        // Bob as member
        browser.click("[data-test=add-team-member]");
        browser.type("dialog [data-test=userId-search]", bob.email());
        browser.waitFor("dialog [data-test=userId-pick][data-query='" + bob.email() + "']");
        browser.click("dialog button[type=submit]");
        browser.waitForText("table[data-test=team-members]", bob.email());
        browser.assertAccessible("team");

        JsonObject team = owner.api()
                .get(org.path() + "/teams?q=Payments")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(team.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactlyInAnyOrder("core", "billing");
        String members = org.path() + "/teams/" + team.getString("id") + "/members/";
        assertThat(owner.api().get(members + ann.id()).json().getString("role")).isEqualTo("lead");
        assertThat(owner.api().get(members + bob.id()).json().getString("role")).isEqualTo("member");

        // Bob becomes a lead too, then Ann leaves the team (not the organization)
        browser.keys("tr[data-team-member='" + bob.email() + "'] [data-test=team-role]", "Lead");
        browser.waitForText("#toasts", "is now Lead");
        assertThat(owner.api().get(members + bob.id()).json().getString("role")).isEqualTo("lead");
        browser.click("tr[data-team-member='" + ann.email() + "'] [data-test=remove-team-member]");
        browser.click("dialog button.danger");
        browser.waitUntilGone("tr[data-team-member='" + ann.email() + "']");
        assertThat(owner.api().get(members + ann.id()).status()).isEqualTo(404);
        assertThat(owner.api().get(org.path() + "/members/" + ann.id()).status())
                .isEqualTo(200);

        // a member sees the team and its people, and no way to change them
        browser.click("[data-test=sign-out]");
        browser.signIn(bob.email(), bob.password());
        browser.open("o/" + org.slug() + "/teams");
        browser.click("table[data-test=teams] a");
        browser.waitForText("table[data-test=team-members]", bob.email());
        assertThat(browser.all("[data-test=add-team-member]")).isEmpty();
        assertThat(browser.all("[data-test=team-role]")).isEmpty();
    }

    @Test
    void theAddressSubdomainChoosesTheOrganization() {
        Session user = Fixtures.newUser();
        Org first = Fixtures.newOrg(user);
        Org second = Fixtures.newOrg(user);

        // the default is the first: without the subdomain the console would open that one
        assertThat(user.api()
                        .send(
                                "PUT",
                                "/api/v1/me/default-org",
                                json("org", first.slug()).toString(),
                                "application/json")
                        .status())
                .isEqualTo(200);

        // on the second organization's subdomain: that one, without choosing
        String subdomain =
                Orgbase.target().baseUrl().replace("://localhost", "://" + second.slug() + "." + Orgbase.BASE_DOMAIN);
        browser.driver().get(subdomain + "/admin/");
        browser.type("input[name=email]", user.email());
        browser.type("input[name=password]", user.password());
        browser.click("button[type=submit]");
        browser.waitForText("h1", "Organization " + second.slug());
        assertThat(browser.find("[data-test=org-switcher]").getAttribute("value"))
                .isEqualTo(second.slug());
    }

    @Test
    void anAddressIsVerifiedFromTheProfile() {
        Session user = Fixtures.newUser();
        // accounts a platform administrator creates are vouched for: this one is taken back to unverified
        assertThat(Fixtures.admin()
                        .api()
                        .patch("/api/v1/admin/users/" + user.id(), json("emailVerified", false))
                        .status())
                .isEqualTo(200);
        assertThat(user.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isFalse();

        browser.signIn(user.email(), user.password());
        browser.open("profile");
        browser.waitForText("[data-test=email-panel]", "not verified");
        browser.assertAccessible("profile");
        browser.click("[data-test=send-verification]");
        browser.waitForText("#toasts", "verification link is on its way");
        Mailbox.Mail mail = Mailbox.get().await(user.email(), m -> m.subject().contains("Confirm your email address"));

        // the link opens the server's account page, where the password confirms the mailbox is the account's
        browser.driver().get(mail.link("/account/verify-email"));
        browser.type("input[name=password]", user.password());
        browser.click("button[type=submit]");
        browser.waitForText("body", user.email());
        assertThat(user.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isTrue();

        // back in the console (the session's cookie outlived the visit to the account page)
        browser.open("profile");
        browser.waitForText("[data-test=email-panel]", "verified");
        assertThat(browser.find("[data-test=email-panel]").getText()).doesNotContain("not verified");
        assertThat(browser.all("[data-test=send-verification]")).isEmpty();
    }

    @Test
    void aManagerIsChosenByName() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session boss = Fixtures.newUser();
        Fixtures.addMember(owner, org, boss, "member");
        Session report = Fixtures.newUser();
        Fixtures.addMember(owner, org, report, "member");

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/members/" + report.id());
        browser.type("[data-test=managerId-search]", boss.email());
        browser.waitFor("[data-test=managerId-pick][data-query='" + boss.email() + "']");
        assertThat(browser.find("[data-test=managerId-pick] option:checked").getText())
                .as("a search alone picks nobody")
                .isEqualTo("No manager");
        new org.openqa.selenium.support.ui.Select(browser.find("[data-test=managerId-pick]"))
                .selectByValue(boss.id().toString());
        browser.type("input[name=jobTitle]", "Analyst");
        browser.click("[data-test=save-member]");
        browser.waitForText("#toasts", "Saved");
        JsonObject saved =
                owner.api().get(org.path() + "/members/" + report.id()).json();
        assertThat(saved.getString("managerId")).isEqualTo(boss.id().toString());
        assertThat(saved.getString("jobTitle")).isEqualTo("Analyst");

        // shown by name when the screen opens again, and kept when another field is saved
        browser.reload();
        browser.waitFor("[data-test=managerId-pick][data-query='']");
        assertThat(browser.find("[data-test=managerId-pick] option:checked").getText())
                .contains(boss.email());
        // a search that does not find the manager changes nothing
        browser.type("[data-test=managerId-search]", "nobody-matches-this");
        browser.waitFor("[data-test=managerId-pick][data-query='nobody-matches-this']");
        browser.find("input[name=jobTitle]").clear();
        browser.type("input[name=jobTitle]", "Lead analyst");
        browser.click("[data-test=save-member]");
        browser.waitForText("#toasts", "Saved");
        saved = owner.api().get(org.path() + "/members/" + report.id()).json();
        assertThat(saved.getString("managerId")).isEqualTo(boss.id().toString());
        assertThat(saved.getString("jobTitle")).isEqualTo("Lead analyst");
    }

    @Test
    void notificationPreferencesAreChosenPerKind() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);

        browser.signIn(owner.email(), owner.password());
        browser.waitForText("h1", "Organization " + org.slug());
        browser.click("[data-test=bell]");
        browser.click("[data-test=notification-preferences]");
        browser.waitFor("form[data-test=preferences]");
        assertThat(browser.present("#notifications-panel").isDisplayed())
                .as("the panel closed")
                .isFalse();
        browser.assertAccessible("notification preferences");
        browser.keys("tr[data-type='announcement'] select[name='announcement.email']", "Daily digest");
        browser.keys("tr[data-type='*'] select[name='*.inApp']", "Off");
        browser.click("[data-test=save-preferences]");
        browser.waitForText("#toasts", "Preferences saved");
        browser.waitForText("tr[data-type='announcement'] [data-test=email-now]", "your choice");

        JsonObject types =
                owner.api().get(org.path() + "/notification-preferences").json().getJsonObject("types");
        assertThat(types.getJsonObject("announcement").getString("email")).isEqualTo("daily");
        assertThat(types.getJsonObject("announcement").getString("emailFrom")).isEqualTo("own");
        assertThat(types.getJsonObject("member.added").getBoolean("inApp")).isFalse();
        assertThat(types.getJsonObject("member.added").getString("inAppFrom")).isEqualTo("every");

        // back to the default
        browser.keys("tr[data-type='*'] select[name='*.inApp']", "Default");
        browser.click("[data-test=save-preferences]");
        browser.waitForText("#toasts", "Preferences saved");
        assertThat(owner.api()
                        .get(org.path() + "/notification-preferences")
                        .json()
                        .getJsonObject("types")
                        .getJsonObject("member.added")
                        .getString("inAppFrom"))
                .isEqualTo("organization");
    }

    @Test
    void anOwnerDownloadsTheBackupAndAnAdminCannot() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("console-downloads");
        try {
            browser.driver()
                    .executeCdpCommand(
                            "Browser.setDownloadBehavior",
                            java.util.Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            browser.signIn(owner.email(), owner.password());
            browser.open("o/" + org.slug() + "/settings?group=backup");
            browser.assertAccessible("backup");
            browser.click("[data-test=download-backup]");
            browser.waitForText("[data-test=backup] [role=status]", "in your downloads");
            java.nio.file.Path archive = null;
            for (int i = 0; i < 100 && archive == null; i++) {
                try (var files = java.nio.file.Files.list(downloads)) {
                    archive = files.filter(f -> f.getFileName().toString().endsWith(".orgbundle.zip"))
                            .findFirst()
                            .orElse(null);
                }
                if (archive == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(archive).as("the archive was saved").isNotNull();
            assertThat(archive.getFileName().toString()).startsWith(org.slug());
            try (var zip = new java.util.zip.ZipFile(archive.toFile())) {
                assertThat(zip.getEntry("manifest.json")).isNotNull();
            }
            assertThat(Fixtures.events(owner, org, "action=organization.bundle-exported"))
                    .as("the download is on the record")
                    .hasSize(1);

            browser.click("[data-test=sign-out]");
            browser.signIn(admin.email(), admin.password());
            browser.open("o/" + org.slug() + "/settings?group=backup");
            browser.waitFor("[data-test=backup-owners]");
            assertThat(browser.find("[data-test=download-backup]").isEnabled()).isFalse();
        } finally {
            try (var files = java.nio.file.Files.list(downloads)) {
                for (java.nio.file.Path f : files.toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
            java.nio.file.Files.deleteIfExists(downloads);
        }
    }

    @Test
    void theConsoleFitsANarrowWindowAndSpeaksTheUsersLanguage() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        owner.api().patch("/api/v1/me/profile", json("language", "de-CH", "timezone", "Europe/Zurich"));

        browser.resize(360, 780);
        browser.signIn(owner.email(), owner.password());
        browser.waitForText("nav", "Mitglieder");
        browser.waitFor(".chart canvas");
        assertThat(browser.overflow()).as("dashboard at 360 px").isLessThanOrEqualTo(0);
        browser.open("o/" + org.slug() + "/members");
        browser.waitForText("[data-test=member-count]", "1 Mitglied");
        assertThat(browser.overflow()).as("members at 360 px").isLessThanOrEqualTo(0);
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("de");
        browser.assertAccessible("members, narrow, German");
    }

    @Test
    void inviteInTheConsoleAndAcceptByMail() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String email = "invitee-" + Secrets.suffix() + "@it.example";

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/invitations");
        browser.waitFor(".state.empty");
        browser.click("[data-test=invite]");
        browser.type("dialog input[name=email]", email);
        browser.keys("dialog select[name=role]", "Viewer");
        browser.assertAccessible("invite dialog");
        browser.click("dialog button[type=submit]");
        browser.waitForText("table[data-test=invitations]", email);

        Mailbox.Mail mail = Mailbox.get().await(email, m -> true);
        String link = mail.link("/account/join");
        browser.click("[data-test=sign-out]");
        browser.waitForText("h1", "Sign in");
        browser.driver().get(link);
        String password = Secrets.password();
        browser.type("input[name=displayName]", "Invited Person");
        browser.type("input[name=password]", password);
        browser.click("button[type=submit]");
        browser.waitForText("body", "Welcome");

        browser.signIn(email, password);
        browser.waitForText("h1", "Organization " + org.slug());
        browser.screenshot("ConsoleIT-invitee-dashboard");
        assertThat(browser.find("[data-test=user-name]").getText()).isEqualTo("Invited Person");
    }

    @Test
    void changingARoleShowsInTheAuditTrail() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/members/" + member.id());
        browser.waitFor("[data-test=member-form]");
        browser.assertAccessible("member");
        browser.keys("[data-test=member-form] select[name=role]", "Administrator");
        browser.type("[data-test=member-form] input[name=jobTitle]", "Head of Things");
        browser.click("[data-test=save-member]");
        browser.waitForText("[data-test=member-role]", "Administrator");
        JsonObject changed =
                owner.api().get(org.path() + "/members/" + member.id()).json();
        assertThat(changed.getString("role")).isEqualTo("admin");
        assertThat(changed.getString("jobTitle")).isEqualTo("Head of Things");

        browser.open("o/" + org.slug() + "/audit");
        browser.waitFor("table[data-test=audit-events]");
        browser.keys("[data-test=audit-action]", "changed");
        browser.waitForText("table[data-test=audit-events] tbody", "membership");
        browser.click("[data-test=audit-entry]");
        WebElement detail = browser.waitFor("[data-test=audit-detail]");
        assertThat(detail.getText()).contains("role", "member", "admin", "jobTitle", "Head of Things");
        browser.assertAccessible("audit entry");
        browser.click("dialog button");
        browser.click("[data-test=verify-chain]");
        assertThat(browser.waitFor("[data-test=chain-verdict]").getText()).contains("intact");
    }

    @Test
    void aCustomRoleIsBuiltInTheMatrix() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String key = "auditor-" + Secrets.suffix().substring(0, 6);

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/roles");
        browser.waitFor("table[data-test=role-matrix]");
        browser.click("[data-test=new-role]");
        browser.type("dialog input[name=key]", key);
        browser.type("dialog input[name=name]", "Auditor");
        browser.keys("dialog select[name=parent]", "Viewer");
        browser.click("dialog button[type=submit]");
        browser.waitFor("input[data-role='" + key + "'][data-permission='audit:read']");
        assertThat(browser.find("td.inherited input[aria-label^='Auditor: organization:read']")
                        .isEnabled())
                .as("inherited from the viewer role: shown, locked")
                .isFalse();
        browser.click("input[data-role='" + key + "'][data-permission='audit:read']");
        browser.click("[data-test=save-" + key + "]");
        browser.waitForText("#toasts", "Auditor saved");
        browser.assertAccessible("role matrix");
        JsonObject role = owner.api().get(org.path() + "/roles/" + key).json();
        assertThat(role.getJsonArray("permissions").getString(0)).isEqualTo("audit:read");
        assertThat(role.getString("parent")).isEqualTo("viewer");

        // an administrator holds less than an owner: what they lack is locked for them
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        List<String> adminHolds = admin.api()
                .get(org.path() + "/me")
                .json()
                .getJsonArray("permissions")
                .getValuesAs(jakarta.json.JsonString::getString);
        String lacking = owner
                .api()
                .get(org.path() + "/me")
                .json()
                .getJsonArray("permissions")
                .getValuesAs(jakarta.json.JsonString::getString)
                .stream()
                .filter(p -> !adminHolds.contains(p))
                .findFirst()
                .orElseThrow();
        browser.click("[data-test=sign-out]");
        browser.signIn(admin.email(), admin.password());
        browser.open("o/" + org.slug() + "/roles");
        WebElement locked = browser.find("input[data-role='" + key + "'][data-permission='" + lacking + "']");
        assertThat(locked.isEnabled()).isFalse();
        assertThat(locked.getAttribute("aria-label")).contains("do not hold");
    }

    @Test
    void brandingIsEditedAndSeen() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/settings?group=branding");
        browser.waitFor("[data-test=settings-branding]");
        browser.type("input[name='branding.logoUrl']", "https://cdn.example/acme.png");
        browser.type("input[name='branding.primaryColour']", "#aa3300");
        assertThat(browser.script("return getComputedStyle(document.querySelector('[data-test=branding-preview]'))"
                        + ".getPropertyValue('--preview-primary').trim()"))
                .as("the preview follows what is typed, before saving")
                .isEqualTo("#aa3300");
        assertThat(browser.present("[data-test=preview-logo]").getAttribute("src"))
                .isEqualTo("https://cdn.example/acme.png");
        browser.assertAccessible("branding");

        // a bad value is refused next to its field, and nothing is stored
        browser.type("input[name='branding.secondaryColour']", "blue");
        browser.click("[data-test=settings-branding] button[type=submit]");
        browser.waitForText("[data-field='branding.secondaryColour'] .field-error", "hex");
        assertThat(owner.api()
                        .get(org.path() + "/settings")
                        .json()
                        .getJsonObject("branding")
                        .isNull("primaryColour"))
                .isTrue();

        browser.type("input[name='branding.secondaryColour']", "#112233");
        browser.click("[data-test=settings-branding] button[type=submit]");
        browser.waitForText("#toasts", "Settings saved");
        assertThat(browser.script("return document.documentElement.style.getPropertyValue('--accent')"))
                .as("the console wears the organization's colour at once")
                .isEqualTo("#aa3300");
        assertThat(browser.present("[data-test=org-logo]").getAttribute("src"))
                .isEqualTo("https://cdn.example/acme.png");
        JsonObject branding = owner.api().get(org.path() + "/settings").json().getJsonObject("branding");
        assertThat(branding.getString("primaryColour")).isEqualTo("#aa3300");
        assertThat(branding.getString("secondaryColour")).isEqualTo("#112233");

        browser.reload();
        browser.present("[data-test=org-logo]");
        assertThat(browser.script("return document.documentElement.style.getPropertyValue('--accent')"))
                .isEqualTo("#aa3300");
    }

    @Test
    void anImportWithABadRowShowsTheRowsProblem() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("departments", ".csv");
        java.nio.file.Files.writeString(csv, "code,name\nENG,Engineering\nbad code!,Broken\nOPS,Operations\n");
        try {
            browser.signIn(owner.email(), owner.password());
            browser.open("o/" + org.slug() + "/data-jobs");
            browser.waitFor(".state.empty");
            browser.click("[data-test=new-import]");
            browser.keys("dialog select[name=collection]", "Departments");
            browser.keys("dialog input[type=file]", csv.toAbsolutePath().toString());
            browser.click("dialog input[name=dryRun]");
            browser.assertAccessible("import dialog");
            browser.click("dialog button[type=submit]");

            // the list follows the job until it ends, without a reload
            browser.waitFor("[data-test=job][data-status=completed]");
            assertThat(browser.find("[data-test=job-rows]").getText())
                    .contains("3 rows read", "2 created", "1 refused");
            browser.click("[data-test=show-errors]");
            WebElement errors = browser.waitFor("[data-test=job-errors] table");
            assertThat(errors.getText()).contains("3", "code", "bad code!");
            browser.assertAccessible("refused rows");
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
        List<String> codes = owner
                .api()
                .get(org.path() + "/departments?sort=code")
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .map(d -> d.getString("code"))
                .toList();
        assertThat(codes).containsExactly("ENG", "OPS");
    }

    @Test
    void aNotificationArrivesLive() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");

        // being added is news too: wait until it is there, so the bell starts from a settled count
        NotificationsIT.awaitNotification(member, org, "member.added");
        int before =
                member.api().get("/api/v1/me/notifications/unread-count").json().getInt("total");
        browser.signIn(member.email(), member.password());
        browser.waitForText("h1", "Organization " + org.slug());
        // the stream is open (its first event is the unread count), then the role changes elsewhere
        browser.present("[data-test=bell][data-live=true]");
        assertThat(owner.api()
                        .patch(org.path() + "/members/" + member.id(), json("role", "viewer"))
                        .status())
                .isEqualTo(200);

        String after = Integer.toString(before + 1);
        assertThat(browser.waitForText("[data-test=unread-count]", after).getText())
                .isEqualTo(after);
        assertThat(browser.waitFor("#toasts .toast").getText()).isNotBlank();
        // a viewer now: what they may no longer do leaves the screen without a reload
        browser.waitUntilGone("nav a[href$='/members']");
        browser.click("[data-test=bell]");
        WebElement list = browser.waitFor("[data-test=notifications]");
        assertThat(list.findElements(By.cssSelector("li.unread"))).hasSize(before + 1);
        browser.assertAccessible("notifications");
        browser.click("[data-test=read-all]");
        browser.waitUntilGone("[data-test=unread-count]");
    }

    @Test
    void twoFactorSignInIsTurnedOnWithTheQrCode() throws Exception {
        Session user = Fixtures.newUser();
        Fixtures.newOrg(user);
        browser.signIn(user.email(), user.password());
        browser.click("[data-test=user-name]");
        browser.waitFor("[data-test=profile-form]");
        browser.click("[data-test=enrol-2fa]");
        WebElement qr = browser.waitFor("[data-test=confirm-2fa] img.qr");
        assertThat(qr.getAttribute("src")).startsWith("data:image/png;base64,");
        assertThat((Boolean) browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr))
                .as("the QR code shows under the CSP")
                .isTrue();
        browser.assertAccessible("two-factor enrolment");
        String secret = browser.find("[data-test=totp-secret]").getText();
        browser.type("[data-test=confirm-2fa] input[name=code]", Totp.code(secret, Instant.now()));
        browser.click("[data-test=confirm-2fa] button[type=submit]");
        assertThat(browser.waitFor("[data-test=recovery-codes]")
                        .findElements(By.cssSelector("li"))
                        .size())
                .isEqualTo(10);
        browser.click("dialog button");
        browser.waitFor("[data-test=disable-2fa]");
        assertThat(user.api().get("/api/v1/me").json().getBoolean("twoFactor")).isTrue();
    }

    @Test
    void departmentsAreBuiltAsATreeAndApiKeysShownOnce() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID engineering = Fixtures.newDepartment(owner, org, "Engineering");

        browser.signIn(owner.email(), owner.password());
        browser.open("o/" + org.slug() + "/departments");
        browser.waitForText("[data-test=department-tree]", "Engineering");
        browser.assertAccessible("departments");
        browser.click("[data-test=department-tree] li .row-actions button");
        browser.type("dialog input[name=name]", "Platform");
        browser.type("dialog input[name=code]", "PLAT");
        browser.click("dialog button[type=submit]");
        browser.waitForText("#toasts", "Platform saved");
        browser.click("[data-test=department-tree] li button.toggle");
        browser.waitForText("[data-test=department-tree] li ul", "Platform");
        JsonObject platform = owner.api()
                .get(org.path() + "/departments?code=PLAT")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(platform.getString("parentId")).isEqualTo(engineering.toString());

        browser.open("o/" + org.slug() + "/api-keys");
        browser.waitFor(".state.empty");
        browser.click("[data-test=new-key]");
        browser.type("dialog input[name=name]", "Payroll sync");
        browser.click("dialog button[type=submit]");
        String secret = browser.find("[data-test=key-secret]").getAttribute("value");
        assertThat(secret).isNotBlank();
        browser.assertAccessible("new key");
        browser.click("dialog button.primary");
        browser.waitForText("table[data-test=api-keys]", "Payroll sync");
        assertThat(browser.driver().getPageSource()).as("shown once").doesNotContain(secret);
        assertThat(Api.anonymous().withApiKey(secret).get(org.path()).status()).isEqualTo(200);

        browser.click("[data-test=revoke-key]");
        browser.click("dialog button.danger");
        browser.waitForText("table[data-test=api-keys]", "Revoked");
        assertThat(Api.anonymous().withApiKey(secret).get(org.path()).status()).isEqualTo(401);
    }

    @Test
    void platformAdministratorsLookUpAccountsOnTheRecord() {
        Session admin = Fixtures.admin();
        Session person = Fixtures.newUser();
        Org org = Fixtures.newOrg(person);

        browser.signIn(Orgbase.target().adminEmail(), Orgbase.target().adminPassword());
        browser.click("[data-test=platform-link]");
        browser.waitFor("[data-test=platform-orgs] .value");
        assertThat(browser.find("[data-test=platform-health] .value").getText()).isEqualTo("Ready");
        JsonObject figures = admin.api().get("/api/v1/admin/overview").json();
        assertThat(Long.parseLong(browser.find("[data-test=platform-users] .value")
                        .getText()
                        .replace(",", "")))
                .as("the accounts the server counted")
                .isGreaterThan(0)
                .isLessThanOrEqualTo(
                        figures.getJsonObject("users").getJsonNumber("total").longValue());
        browser.assertAccessible("platform overview");

        browser.open("platform/users");
        browser.type("[data-test=platform-search]", person.email());
        browser.click("[data-test=platform-search-submit]");
        browser.waitForText("table[data-test=platform-list]", person.email());
        browser.click("tr[data-user='" + person.email() + "'] [data-test=open-user]");
        browser.waitForText("[data-test=user-detail]", person.email());
        browser.assertAccessible("user look-up");
        browser.click("dialog button");
        assertThat(Fixtures.platformEvents(admin, "action=support-lookup&entityId=" + person.id()))
                .as("the look-up is on the record")
                .isNotEmpty();

        browser.open("platform/organizations");
        browser.type("[data-test=platform-search]", org.slug());
        // the row of this organization (the unfiltered list may still be showing)
        browser.click("tr[data-org='" + org.slug() + "'] [data-test=org-lifecycle]");
        browser.keys("dialog select[name=status]", "Suspended");
        browser.type("dialog input[name=reason]", "Unpaid invoice");
        browser.click("dialog button[type=submit]");
        browser.waitForText("table[data-test=platform-list]", "Suspended");
        // the organization's history, read as an outside administrator: on its own record
        browser.click("tr[data-org='" + org.slug() + "'] [data-test=org-history]");
        browser.waitFor("[data-test=org-history-list] .timeline");
        browser.assertAccessible("organization history");
        browser.click("dialog button");
        assertThat(Fixtures.events(person, org, "action=platform-admin-access"))
                .as("the look is in the organization's trail")
                .isNotEmpty();
        assertThat(person.api().get(org.path() + "/me").json().getString("status"))
                .isEqualTo("suspended");

        // vocabularies: a status added with its colour, changed, then removed; a currency found
        String slug = "review-" + Secrets.suffix().toLowerCase(java.util.Locale.ROOT);
        browser.open("platform/statuses");
        browser.click("[data-test=vocab-add]");
        browser.type("dialog input[name=slug]", slug);
        browser.type("dialog input[name=name]", "In review");
        browser.type("dialog input[name=colour]", "green");
        browser.click("dialog button[type=submit]");
        browser.waitForText("dialog [data-field=colour] .field-error", "hex colour");
        browser.find("dialog input[name=colour]").clear();
        browser.type("dialog input[name=colour]", "#2E7D32");
        browser.click("dialog button[type=submit]");
        browser.type("[data-test=platform-search]", slug);
        browser.waitForText("tr[data-vocab='" + slug + "']", "#2e7d32");
        browser.assertAccessible("statuses");
        browser.click("tr[data-vocab='" + slug + "'] [data-test=vocab-edit]");
        browser.find("dialog input[name=name]").clear();
        browser.type("dialog input[name=name]", "Under review");
        browser.click("dialog button[type=submit]");
        browser.waitForText("tr[data-vocab='" + slug + "']", "Under review");
        assertThat(admin.api().get("/api/v1/statuses/" + slug).json().getString("name"))
                .isEqualTo("Under review");
        browser.click("tr[data-vocab='" + slug + "'] button.link");
        browser.click("dialog button.danger");
        browser.waitUntilGone("tr[data-vocab='" + slug + "']");
        assertThat(admin.api().get("/api/v1/statuses/" + slug).status()).isEqualTo(404);
        browser.open("platform/currencies");
        browser.type("[data-test=platform-search]", "Swiss");
        browser.waitForText("tr[data-vocab=CHF]", "Swiss");
        browser.open("platform/organization-types");
        browser.waitFor("table[data-test=platform-list]");
        browser.assertAccessible("organization types");

        // nobody else is offered the platform's screens
        browser.click("[data-test=sign-out]");
        browser.signIn(person.email(), person.password());
        assertThat(browser.all("[data-test=platform-link]")).isEmpty();
        browser.open("platform/users");
        browser.waitForText(".state.forbidden", "Not allowed");
    }
}
