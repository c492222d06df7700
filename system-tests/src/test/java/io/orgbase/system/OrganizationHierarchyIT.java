package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Holdings and subsidiaries: organizations with a parent. */
class OrganizationHierarchyIT {

    private static final String ORGS = "/api/v1/orgs";

    @Test
    void subsidiariesAreListedAsChildrenDescendantsAndAncestors() {
        Session owner = Fixtures.newUser();
        Org holding = Fixtures.newOrg(owner);
        Org europe = Fixtures.child(owner, holding, "Europe");
        Org asia = Fixtures.child(owner, holding, "Asia");
        Org swiss = Fixtures.child(owner, europe, "Switzerland");

        assertThat(names(owner.in(holding).children().get())).containsExactly("Asia", "Europe");
        assertThat(names(owner.in(holding).children().get("sort=-name"))).containsExactly("Europe", "Asia");
        JsonObject descendants =
                owner.in(holding).descendants().get("sort=name&count=true").json();
        assertThat(descendants.getInt("total")).isEqualTo(3);
        assertThat(descendants.getJsonArray("items").stream()
                        .map(i -> i.asJsonObject().getString("name") + "@"
                                + i.asJsonObject().getInt("depth")))
                .containsExactly("Asia@1", "Europe@1", "Switzerland@2");
        assertThat(names(owner.in(holding).descendants().get("limit=1&sort=name")))
                .containsExactly("Asia");
        assertThat(owner.in(swiss).ancestors().get().json().getJsonArray("items").stream()
                        .map(i -> i.asJsonObject().getString("slug") + "@"
                                + i.asJsonObject().getInt("depth")))
                .containsExactly(holding.slug() + "@2", europe.slug() + "@1");
        assertThat(names(owner.in(holding).ancestors().get())).isEmpty();
        assertThat(names(owner.in(asia).descendants().get())).isEmpty();
        assertThat(owner.api().get(swiss.path()).json().getString("parentId"))
                .isEqualTo(europe.id().toString());
        assertThat(Pages.slugs(owner.api().get(ORGS + "?parentId=" + europe.id())))
                .containsExactly(swiss.slug());
    }

    @Test
    void namesAreUniqueUnderOneParentOnly() {
        Session owner = Fixtures.newUser();
        Org holding = Fixtures.newOrg(owner);
        Org other = Fixtures.newOrg(owner);
        Fixtures.child(owner, holding, "Sales");
        assertProblem(Fixtures.createChild(owner, holding, "sales"), 409);
        assertThat(Fixtures.createChild(owner, other, "Sales").status()).isEqualTo(201);
        assertThat(owner.api()
                        .post(ORGS, json("slug", Fixtures.slug(), "name", "Sales"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void movesKeepTheHierarchyACycleFreeTree() {
        Session owner = Fixtures.newUser();
        Org top = Fixtures.newOrg(owner);
        Org middle = Fixtures.child(owner, top, "Middle");
        Org bottom = Fixtures.child(owner, middle, "Bottom");
        Org elsewhere = Fixtures.newOrg(owner);

        assertInvalidFields(
                owner.api().patch(top.path(), json("parentId", bottom.id().toString())), "parentId");
        assertInvalidFields(
                owner.api().patch(top.path(), json("parentId", top.id().toString())), "parentId");
        assertInvalidFields(
                owner.api().patch(middle.path(), json("parentId", bottom.id().toString())), "parentId");
        assertThat(owner.api().get(top.path()).json().isNull("parentId")).isTrue();

        JsonObject moved = owner.api()
                .patch(middle.path(), json("parentId", elsewhere.id().toString()))
                .json();
        assertThat(moved.getString("parentId")).isEqualTo(elsewhere.id().toString());
        assertThat(names(owner.in(elsewhere).descendants().get("sort=name"))).containsExactly("Bottom", "Middle");
        assertThat(names(owner.in(top).descendants().get())).isEmpty();

        assertThat(owner.api()
                        .patch(middle.path(), json("parentId", null))
                        .json()
                        .isNull("parentId"))
                .isTrue();
        assertProblem(owner.api().delete(middle.path()), 409); // it still has Bottom
        assertThat(owner.api().delete(bottom.path()).status()).isEqualTo(204);
        assertThat(owner.api().delete(middle.path()).status()).isEqualTo(204);
    }

    @Test
    void attachingNeedsWriteAccessOnBothSidesAndMovingIsForOwners() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org holding = Fixtures.newOrg(owner);
        Org subsidiary = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, holding, member, "member");
        Fixtures.addMember(owner, subsidiary, admin, "admin");
        Fixtures.addMember(owner, holding, admin, "admin");

        // a member of the parent may not add subsidiaries to it
        assertProblem(
                member.api()
                        .post(
                                ORGS,
                                json(
                                        "slug",
                                        Fixtures.slug(),
                                        "name",
                                        "X",
                                        "parentId",
                                        holding.id().toString())),
                403);
        // an admin may write in both, but moving an organization is for its owners
        assertProblem(
                admin.api()
                        .patch(subsidiary.path(), json("parentId", holding.id().toString())),
                403);
        assertThat(owner.api()
                        .patch(subsidiary.path(), json("parentId", holding.id().toString()))
                        .status())
                .isEqualTo(200);
        // the members of the holding see its subsidiaries, not inside them
        assertThat(names(member.in(holding).children().get())).hasSize(1);
        assertProblem(member.api().get(subsidiary.path()), 404);
    }

    @Test
    void anotherOrganizationCannotBeUsedAsParentAndBehavesLikeNone() {
        Session alice = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org mine = Fixtures.newOrg(alice);
        Org theirs = Fixtures.newOrg(bob);

        for (String parent : List.of(theirs.id().toString(), UUID.randomUUID().toString())) {
            assertInvalidFields(
                    alice.api().post(ORGS, json("slug", Fixtures.slug(), "name", "X", "parentId", parent)), "parentId");
            assertInvalidFields(alice.api().patch(mine.path(), json("parentId", parent)), "parentId");
        }
        assertInvalidFields(alice.api().patch(mine.path(), json("parentId", "not-an-id")), "parentId");
        for (String path : List.of("/children", "/descendants", "/ancestors")) {
            String none = alice.api().get(ORGS + "/" + Fixtures.slug() + path).body();
            Api.Reply foreign = alice.api().get(theirs.path() + path);
            assertProblem(foreign, 404);
            assertThat(foreign.body()).isEqualTo(none);
        }
        assertThat(bob.in(theirs).children().get().json().getJsonArray("items")).isEmpty();
    }

    @Test
    void hierarchyListsFollowTheCollectionConventions() {
        Session owner = Fixtures.newUser();
        Org holding = Fixtures.newOrg(owner);
        assertInvalidFields(owner.in(holding).children().get("sort=nope"), "sort");
        // relatives are filtered and sorted only on what their view shows
        assertInvalidFields(owner.in(holding).children().get("sort=createdAt"), "sort");
        assertInvalidFields(owner.in(holding).descendants().get("tag=secret"), "tag");
        assertInvalidFields(owner.in(holding).descendants().get("currency=EUR"), "currency");
        assertInvalidFields(
                owner.in(holding).children().get("filter=%7B%22endDate%22%3A%7B%22isnull%22%3Atrue%7D%7D"), "filter");
        assertInvalidFields(owner.in(holding).descendants().get("limit=0"), "limit");
        assertInvalidFields(owner.in(holding).descendants().get("filter=%7B"), "filter");
    }

    private static List<String> names(Api.Reply list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().getJsonArray("items").stream()
                .map(i -> i.asJsonObject().getString("name"))
                .toList();
    }
}
