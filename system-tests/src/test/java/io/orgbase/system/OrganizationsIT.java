package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrganizationsIT {

    private static final String ORGS = "/api/v1/orgs";

    @Test
    void creatorBecomesOwnerAndSeesIt() {
        Session owner = Fixtures.newUser();
        String slug = Fixtures.slug();

        Api.Reply created = owner.api().post(ORGS, json("slug", slug, "name", "  Acme Inc.  "));

        assertThat(created.status()).isEqualTo(201);
        JsonObject org = created.json();
        assertThat(org.getString("slug")).isEqualTo(slug);
        assertThat(org.getString("name")).isEqualTo("Acme Inc.");
        assertThat(org.getString("status")).isEqualTo("active");
        assertThat(org.getString("role")).isEqualTo("owner");
        assertThat(created.header("Location")).endsWith(ORGS + "/" + created.id());

        assertThat(Pages.slugs(owner.api().get(ORGS))).containsExactly(slug);
        assertThat(owner.api().get(ORGS + "/" + slug).json().getString("id"))
                .isEqualTo(created.id().toString());
        assertThat(owner.api().get(ORGS + "/" + created.id()).json().getString("slug"))
                .isEqualTo(slug);
        JsonObject membership =
                owner.api().get("/api/v1/me").json().getJsonArray("memberships").getJsonObject(0);
        assertThat(membership.getString("role")).isEqualTo("owner");
        assertThat(membership.getJsonObject("org").getString("slug")).isEqualTo(slug);
    }

    @Test
    void slugsAreValidatedAndUnique() {
        Session owner = Fixtures.newUser();
        Org existing = Fixtures.newOrg(owner);
        for (String bad : List.of(
                "a",
                "1abc",
                "Upper",
                "has_underscore",
                "ends-",
                "double--dash",
                "x".repeat(64),
                "current",
                "admin",
                "api",
                UUID.randomUUID().toString().replaceFirst("^[0-9]", "a"))) {
            assertInvalidFields(owner.api().post(ORGS, json("slug", bad, "name", "X")), "slug");
        }
        assertInvalidFields(owner.api().post(ORGS, json("slug", Fixtures.slug(), "name", "")), "name");
        assertInvalidFields(owner.api().post(ORGS, json("slug", Fixtures.slug(), "name", "x".repeat(201))), "name");
        assertInvalidFields(owner.api().post(ORGS, json("slug", 7, "name", JsonValue.NULL)), "slug", "name");
        assertInvalidFields(
                owner.api().post(ORGS, json("slug", Fixtures.slug(), "name", "X", "status", "suspended")), "status");
        assertProblem(owner.api().post(ORGS, json("slug", existing.slug(), "name", "Again")), 409);
    }

    @Test
    void ownersAndAdminsRenameMembersCannot() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, admin, "admin");
        Fixtures.addMember(owner, org, member, "member");

        Api.Reply renamed = admin.api().patch(org.path(), json("name", "Renamed"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().getString("name")).isEqualTo("Renamed");
        assertThat(renamed.json().getString("slug")).isEqualTo(org.slug());
        assertThat(renamed.json().getInt("version")).isGreaterThan(1);

        assertProblem(member.api().patch(org.path(), json("name", "Mine")), 403);
        assertThat(member.api().get(org.path()).json().getString("name")).isEqualTo("Renamed");

        String newSlug = Fixtures.slug();
        assertThat(owner.api().patch(org.path(), json("slug", newSlug)).status())
                .isEqualTo(200);
        assertThat(owner.api().get(ORGS + "/" + newSlug).status()).isEqualTo(200);
        assertProblem(owner.api().get(org.path()), 404);
    }

    @Test
    void badPatchesChangeNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org other = Fixtures.newOrg(owner);
        assertInvalidFields(owner.api().patch(org.path(), json("name", JsonValue.NULL)), "name");
        assertInvalidFields(owner.api().patch(org.path(), json("slug", "api", "name", "Changed")), "slug");
        assertInvalidFields(
                owner.api().patch(org.path(), json("id", UUID.randomUUID().toString())), "id");
        assertProblem(owner.api().patch(org.path(), json("slug", other.slug(), "name", "Changed")), 409);
        assertProblem(owner.api().send("PATCH", org.path(), "{", "application/json"), 400);
        assertThat(owner.api().get(org.path()).json().getString("name")).isEqualTo("Organization " + org.slug());
    }

    @Test
    void onlyOwnersDeleteAnOrganization() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, admin, "admin");
        Fixtures.newDepartment(owner, org, "Doomed");

        assertProblem(admin.api().delete(org.path()), 403);
        assertThat(owner.api().delete(org.path()).status()).isEqualTo(204);

        assertProblem(owner.api().get(org.path()), 404);
        assertProblem(admin.in(org).departments().list(), 404);
        assertThat(Pages.slugs(owner.api().get(ORGS))).doesNotContain(org.slug());
    }

    @Test
    void platformAdministratorsSeeAndActInEveryOrganizationAndAreRecorded() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session platform = Fixtures.admin();

        // every organization, not only their own: filtered, since the whole list outgrows a page
        assertThat(Pages.slugs(platform.api().get(ORGS + "?slug=" + org.slug())))
                .containsExactly(org.slug());
        JsonObject seen = platform.api().get(org.path()).json();
        assertThat(seen.isNull("role")).isTrue();
        assertThat(platform.in(org).members().list().status()).isEqualTo(200);
        assertThat(Pages.slugs(owner.api().get(ORGS))).containsExactly(org.slug());

        List<String> details = platform
                .api()
                .get(org.path() + "/audit-events?action=platform-admin-access&actorId=" + platform.id())
                .json()
                .getJsonArray("items")
                .stream()
                .map(e -> e.asJsonObject().getJsonObject("changes").getString("detail"))
                .toList();
        // newest first; reading the audit trail is itself recorded, once the reading is done
        assertThat(details)
                .containsExactly("members:read via Memberships.list", "organization:read via Organizations.get");
        List<String> afterwards = platform
                .api()
                .get(org.path() + "/audit-events?action=platform-admin-access")
                .json()
                .getJsonArray("items")
                .stream()
                .map(e -> e.asJsonObject().getJsonObject("changes").getString("detail"))
                .toList();
        assertThat(afterwards)
                .containsExactly(
                        "audit:read via AuditEvents.list",
                        "members:read via Memberships.list",
                        "organization:read via Organizations.get");
        assertThat(owner.in(org)
                        .auditEvents()
                        .list("action=platform-admin-access")
                        .json()
                        .getJsonArray("items"))
                .hasSize(4);
    }
}
