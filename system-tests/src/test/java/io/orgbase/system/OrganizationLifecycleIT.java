package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Active → suspended → archived, and back by platform administrators. */
class OrganizationLifecycleIT {

    @Test
    void aSuspendedOrganizationIsReadableButOnlyItsOwnersChangeIt() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, admin, "admin");
        String key = owner.in(org)
                .apiKeys()
                .create(json("name", "svc", "role", "admin"))
                .json()
                .getString("key");
        Api service = Api.anonymous().withApiKey(key);
        assertThat(service.get(org.path() + "/departments").status()).isEqualTo(200);

        assertProblem(admin.in(org).status().put(json("status", "suspended")), 403);
        JsonObject suspended = owner.in(org)
                .status()
                .put(json("status", "suspended", "reason", "Unpaid invoice"))
                .json();
        assertThat(suspended.getString("status")).isEqualTo("suspended");

        assertThat(admin.in(org).departments().list().status()).isEqualTo(200);
        JsonObject refused = assertProblem(admin.in(org).departments().create(json("name", "X", "code", "X")), 403);
        assertThat(refused.getString("type")).endsWith("/organization-suspended");
        assertThat(assertProblem(service.get(org.path() + "/departments"), 403).getString("type"))
                .endsWith("/organization-suspended");
        assertThat(owner.in(org)
                        .departments()
                        .create(json("name", "Kept going", "code", "K"))
                        .status())
                .isEqualTo(201);
        assertProblem(owner.in(org).status().put(json("status", "active")), 403);

        JsonObject event = owner.in(org)
                .auditEvents()
                .list("action=organization-suspended")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(event.getJsonObject("changes").getString("from")).isEqualTo("active");
        assertThat(event.getJsonObject("changes").getString("reason")).isEqualTo("Unpaid invoice");
        assertThat(event.getJsonObject("actor").getString("id"))
                .isEqualTo(owner.id().toString());

        Session platform = Fixtures.admin();
        assertThat(platform.in(org)
                        .status()
                        .put(json("status", "active"))
                        .json()
                        .getString("status"))
                .isEqualTo("active");
        assertThat(service.get(org.path() + "/departments").status()).isEqualTo(200);
        assertThat(admin.in(org)
                        .departments()
                        .create(json("name", "Back", "code", "B"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anArchivedOrganizationIsReadOnlyAndHiddenFromListsUnlessAskedFor() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org kept = Fixtures.newOrg(owner);

        assertThat(owner.in(org).status().put(json("status", "archived")).status())
                .isEqualTo(200);

        assertThat(owner.api().get(org.path()).json().getString("status")).isEqualTo("archived");
        assertThat(assertProblem(owner.api().patch(org.path(), json("name", "Renamed")), 403)
                        .getString("type"))
                .endsWith("/organization-archived");
        assertProblem(owner.in(org).departments().create(json("name", "X", "code", "X")), 403);
        assertProblem(owner.in(org).status().put(json("status", "suspended")), 403);

        assertThat(Pages.slugs(owner.api().get("/api/v1/orgs"))).containsExactly(kept.slug());
        assertThat(Pages.slugs(owner.api().get("/api/v1/orgs?status=archived"))).containsExactly(org.slug());
        assertThat(Pages.slugs(owner.api()
                        .get("/api/v1/orgs?filter=%7B%22field%22:%22status%22,%22op%22:%22in%22,%22value%22:"
                                + "%5B%22active%22,%22archived%22%5D%7D")))
                .containsExactlyInAnyOrder(kept.slug(), org.slug());

        Session platform = Fixtures.admin();
        assertThat(platform.in(org)
                        .status()
                        .put(json("status", "active"))
                        .json()
                        .getString("status"))
                .isEqualTo("active");
        assertThat(owner.api().patch(org.path(), json("name", "Alive again")).status())
                .isEqualTo(200);
        owner.in(org).status().put(json("status", "archived"));
        assertThat(owner.api().delete(org.path()).status()).isEqualTo(204); // owners may still delete it
    }

    /**
     * Changes outside the lifecycle rule: a member may leave a suspended or archived organization,
     * and a platform administrator switches its features; nobody else may.
     */
    @Test
    void someChangesRunInEveryLifecycleState() {
        Session owner = Fixtures.newUser();
        Session leaving = Fixtures.newUser();
        Session staying = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, leaving, "member");
        Fixtures.addMember(owner, org, staying, "admin");
        owner.in(org).status().put(json("status", "suspended"));

        assertThat(leaving.in(org).members().item(leaving.id()).delete().status())
                .isEqualTo(204);
        assertProblem(leaving.api().get(org.path()), 404);

        owner.in(org).status().put(json("status", "archived"));
        Session platform = Fixtures.admin();
        assertThat(platform.api()
                        .put(org.path() + "/features/api-keys", json("enabled", false))
                        .json()
                        .getBoolean("enabled"))
                .isFalse();
        assertThat(assertProblem(owner.api().put(org.path() + "/features/api-keys", json("enabled", true)), 403)
                        .getString("detail"))
                .isEqualTo("Only platform administrators switch features.");
        assertProblem(Fixtures.newUser().api().put(org.path() + "/features/api-keys", json("enabled", true)), 404);
        assertThat(staying.in(org).members().item(staying.id()).delete().status())
                .isEqualTo(204);
        assertThat(owner.in(org).members().list().json().getJsonArray("items")).hasSize(1);
    }

    @Test
    void badStatusRequestsAreRefused() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        assertInvalidFields(owner.in(org).status().put(json("status", "sleeping")), "status");
        assertInvalidFields(owner.in(org).status().put(json("reason", "no status")), "status");
        assertInvalidFields(
                owner.in(org).status().put(json("status", "suspended", "reason", "x".repeat(501))), "reason");
        assertInvalidFields(owner.in(org).status().put(json("status", "suspended", "extra", 1)), "extra");
        assertThat(owner.api().get(org.path()).json().getString("status")).isEqualTo("active");
        // the same status again changes nothing
        assertThat(owner.in(org).status().put(json("status", "active")).json().getString("status"))
                .isEqualTo("active");
    }
}
