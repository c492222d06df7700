package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The collection conventions, on departments: cursor paging that holds still while rows are
 * added, sorting, simple and JSON filters, search and counts — and a clear 400 for anything else.
 */
class CollectionsIT {

    private Session owner;
    private Org org;
    private String departments;
    private UUID engineering;

    @BeforeEach
    void departments() {
        owner = Fixtures.newUser();
        org = Fixtures.newOrg(owner);
        departments = org.path() + "/departments";
        engineering = create("Engineering", "ENG", null, "Builds things");
        create("Engineering Tools", "ENG-T", engineering, "100% internal");
        create("Engineering Web", "ENG-W", engineering, null);
        create("Finance", "FIN", null, "Counts things");
        create("Sales", "SAL", null, "under_score");
    }

    private UUID create(String name, String code, UUID parent, String description) {
        Api.Reply created = owner.api()
                .post(
                        departments,
                        json(
                                "name", name,
                                "code", code,
                                "parentId", parent == null ? null : parent.toString(),
                                "description", description));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.id();
    }

    private List<String> names(String query) {
        return Pages.names(owner.api().get(departments + "?" + query));
    }

    private List<String> filtered(String filter) {
        return names("filter=" + Pages.encode(filter));
    }

    @Test
    void cursorsWalkEveryRowOnceEvenWhileRowsAreAdded() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = owner.api()
                    .get(departments + "?limit=2&sort=-name" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            seen.addAll(Pages.names(page));
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
            if (pages == 0) {
                // lands before the cursor in this order: must not shift the pages that follow
                create("Zebra", "ZEB", null, null);
            }
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly("Sales", "Finance", "Engineering Web", "Engineering Tools", "Engineering");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void sortsOnDeclaredFieldsOnly() {
        assertThat(names("sort=-code"))
                .containsExactly("Sales", "Finance", "Engineering Web", "Engineering Tools", "Engineering");
        assertThat(names("sort=createdAt&limit=2")).containsExactly("Engineering", "Engineering Tools");
        assertInvalidFields(owner.api().get(departments + "?sort=colour"), "sort");
        assertInvalidFields(owner.api().get(departments + "?sort=description"), "sort");
        assertInvalidFields(owner.api().get(departments + "?sort=name,name"), "sort");
        JsonObject byName = owner.api().get(departments + "?limit=1").json();
        assertInvalidFields(
                owner.api().get(departments + "?limit=1&sort=-code&cursor=" + byName.getString("nextCursor")),
                "cursor");
        assertInvalidFields(owner.api().get(departments + "?cursor=bm90LWEtY3Vyc29y"), "cursor");
    }

    @Test
    void simpleFiltersMatchValues() {
        assertThat(names("parentId=" + engineering)).containsExactly("Engineering Tools", "Engineering Web");
        assertThat(names("id=" + engineering + "&id=" + UUID.randomUUID())).containsExactly("Engineering");
        assertInvalidFields(owner.api().get(departments + "?colour=red&parentId=nope"), "colour", "parentId");
    }

    @Test
    void jsonFiltersNestAndOrNot() {
        assertThat(filtered("{\"and\":[{\"field\":\"name\",\"op\":\"startswith\",\"value\":\"Engineering\"},"
                        + "{\"field\":\"code\",\"op\":\"in\",\"value\":[\"ENG\",\"ENG-W\",\"FIN\"]}]}"))
                .containsExactly("Engineering", "Engineering Web");
        assertThat(filtered("{\"or\":[{\"field\":\"code\",\"op\":\"eq\",\"value\":\"FIN\"},"
                        + "{\"not\":{\"field\":\"parentId\",\"op\":\"isnull\",\"value\":true}}]}"))
                .containsExactly("Engineering Tools", "Engineering Web", "Finance");
        assertThat(filtered("{\"field\":\"description\",\"op\":\"icontains\",\"value\":\"THINGS\"}"))
                .containsExactly("Engineering", "Finance");
        assertThat(filtered("{\"field\":\"parentId\",\"op\":\"neq\",\"value\":\"" + engineering + "\"}"))
                .containsExactly("Engineering", "Finance", "Sales");
        assertThat(filtered("{\"field\":\"code\",\"op\":\"between\",\"value\":[\"ENG-T\",\"FIN\"]}"))
                .containsExactly("Engineering Tools", "Engineering Web", "Finance");
        assertThat(filtered("{\"field\":\"createdAt\",\"op\":\"gt\",\"value\":\"2000-01-01T00:00:00Z\"}"))
                .hasSize(5);
        assertThat(filtered("{\"field\":\"code\",\"op\":\"notin\",\"value\":[\"ENG\",\"ENG-T\",\"ENG-W\"]}"))
                .containsExactly("Finance", "Sales");
    }

    @Test
    void searchLooksAtTheDeclaredTextFieldsAndTakesWildcardsLiterally() {
        assertThat(names("q=eng-w")).containsExactly("Engineering Web");
        assertThat(names("q=" + Pages.encode("100%"))).containsExactly("Engineering Tools");
        assertThat(names("q=" + Pages.encode("g_w"))).isEmpty();
        assertThat(names("q=" + Pages.encode("under_"))).containsExactly("Sales");
        assertThat(names("q=counts")).containsExactly("Finance");
    }

    @Test
    void countsWhenAsked() {
        JsonObject page = owner.api()
                .get(departments + "?limit=2&count=true&q=engineering")
                .json();
        assertThat(page.getInt("total")).isEqualTo(3);
        assertThat(page.getJsonArray("items")).hasSize(2);
        assertThat(owner.api().get(departments).json().isNull("total")).isTrue();
        assertInvalidFields(owner.api().get(departments + "?count=maybe"), "count");
    }

    @Test
    void badFiltersAreA400NamingTheProblem() {
        for (String bad : List.of(
                "{not json",
                "[1,2]",
                "{\"field\":\"colour\",\"op\":\"eq\",\"value\":\"red\"}",
                "{\"field\":\"name\",\"op\":\"like\",\"value\":\"x\"}",
                "{\"field\":\"parentId\",\"op\":\"contains\",\"value\":\"x\"}",
                "{\"field\":\"parentId\",\"op\":\"eq\",\"value\":\"not-an-id\"}",
                "{\"field\":\"code\",\"op\":\"in\",\"value\":\"ENG\"}",
                "{\"field\":\"code\",\"op\":\"between\",\"value\":[\"A\"]}",
                "{\"field\":\"name\",\"op\":\"eq\",\"value\":null}",
                "{\"field\":\"name\",\"op\":\"isnull\",\"value\":\"yes\"}",
                "{\"field\":\"name\",\"op\":\"eq\",\"value\":\"x\",\"extra\":1}",
                "{\"and\":[]}",
                "{\"and\":{\"field\":\"name\",\"op\":\"eq\",\"value\":\"x\"}}",
                "{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"field\":\"name\",\"op\":\"eq\",\"value\":\"x\"}}}}}}")) {
            assertInvalidFields(owner.api().get(departments + "?filter=" + Pages.encode(bad)), "filter");
        }
        StringBuilder many = new StringBuilder("{\"or\":[");
        for (int i = 0; i < 60; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"field\":\"code\",\"op\":\"eq\",\"value\":\"C")
                    .append(i)
                    .append("\"}");
        }
        assertInvalidFields(owner.api().get(departments + "?filter=" + Pages.encode(many + "]}")), "filter");
        assertInvalidFields(
                owner.api()
                        .get(departments + "?filter="
                                + Pages.encode(
                                        "{\"field\":\"name\",\"op\":\"eq\",\"value\":\"" + "x".repeat(5000) + "\"}")),
                "filter");
        assertInvalidFields(owner.api().get(departments + "?q=" + "x".repeat(201)), "q");
        assertThat(names("")).hasSize(5);
    }

    @Test
    void anotherOrganizationsRowsNeverMatch() {
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID foreign = Fixtures.newDepartment(stranger, theirs, "Engineering Secret");
        assertThat(names("id=" + foreign)).isEmpty();
        assertThat(names("q=secret")).isEmpty();
        assertThat(filtered("{\"field\":\"id\",\"op\":\"in\",\"value\":[\"" + foreign + "\"]}"))
                .isEmpty();
        JsonObject all = owner.api().get(departments + "?count=true").json();
        assertThat(all.getInt("total")).isEqualTo(5);
    }

    @Test
    void apiKeysAndInvitationsFollowTheSameConventions() {
        String keys = org.path() + "/api-keys";
        for (String name : List.of("alpha", "beta", "gamma")) {
            assertThat(owner.api()
                            .post(keys, json("name", name, "role", name.equals("beta") ? "admin" : "viewer"))
                            .status())
                    .isEqualTo(201);
        }
        String gamma = owner.api()
                .get(keys + "?name=gamma")
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        assertThat(owner.api().delete(keys + "/" + gamma).status()).isEqualTo(204);
        List<String> live = owner
                .api()
                .get(keys + "?filter=" + Pages.encode("{\"field\":\"revokedAt\",\"op\":\"isnull\",\"value\":true}"))
                .json()
                .getJsonArray("items")
                .stream()
                .map(k -> k.asJsonObject().getString("name"))
                .toList();
        assertThat(live).containsExactly("alpha", "beta");
        // a field of an embedded object, declared under its API name
        JsonObject viewers = owner.api()
                .get(keys + "?role=viewer&sort=-name&limit=1&count=true")
                .json();
        assertThat(viewers.getInt("total")).isEqualTo(2);
        assertThat(viewers.getJsonArray("items").getJsonObject(0).getString("name"))
                .isEqualTo("gamma");
        assertInvalidFields(owner.api().get(keys + "?keyHash=x"), "keyHash");

        String invitations = org.path() + "/invitations";
        for (String who : List.of("alice", "bob")) {
            assertThat(owner.api()
                            .post(
                                    invitations,
                                    json("email", who + "-" + Secrets.suffix() + "@it.example", "role", "viewer"))
                            .status())
                    .isEqualTo(201);
        }
        JsonObject alice = owner.api().get(invitations + "?q=ALICE&count=true").json();
        assertThat(alice.getInt("total")).isEqualTo(1);
        assertThat(alice.getJsonArray("items").getJsonObject(0).getString("email"))
                .startsWith("alice-");
        assertInvalidFields(owner.api().get(invitations + "?sort=tokenHash"), "sort");
    }

    @Test
    void membersAndOrganizationsFollowTheSameConventions() {
        Session viewer = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, viewer, "viewer");
        Fixtures.addMember(owner, org, admin, "admin");
        String members = org.path() + "/members";
        // a field of a related entity (the member's account), declared under its API name
        List<String> byEmail = Pages.emails(owner.api().get(members + "?sort=-email"));
        assertThat(byEmail).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(Pages.emails(owner.api().get(members + "?role=viewer&role=admin&sort=email")))
                .containsExactlyInAnyOrder(viewer.email(), admin.email());
        assertThat(Pages.emails(owner.api()
                        .get(members + "?q=" + Pages.encode(viewer.email().substring(0, 12)))))
                .containsExactly(viewer.email());
        JsonObject first = owner.api().get(members + "?limit=2").json();
        JsonObject rest = owner.api()
                .get(members + "?limit=2&cursor=" + first.getString("nextCursor"))
                .json();
        assertThat(first.getJsonArray("items").size()
                        + rest.getJsonArray("items").size())
                .isEqualTo(3);
        assertInvalidFields(owner.api().get(members + "?active=perhaps"), "active");

        Org second = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org foreign = Fixtures.newOrg(stranger);
        List<String> slugs = Pages.slugs(owner.api().get("/api/v1/orgs?sort=-slug"));
        assertThat(slugs)
                .containsExactlyInAnyOrder(org.slug(), second.slug())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(Pages.slugs(owner.api().get("/api/v1/orgs?id=" + foreign.id())))
                .isEmpty();
        assertThat(Pages.slugs(owner.api().get("/api/v1/orgs?status=active&q=" + second.slug())))
                .containsExactly(second.slug());
        assertInvalidFields(owner.api().get("/api/v1/orgs?status=sleeping"), "status");
    }
}
