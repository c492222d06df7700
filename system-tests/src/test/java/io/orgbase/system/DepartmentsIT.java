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

class DepartmentsIT {

    @Test
    void createReadChangeAndDelete() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";

        Api.Reply created =
                owner.api().post(departments, json("name", "Sales", "code", "SAL", "description", "Selling"));
        assertThat(created.status()).isEqualTo(201);
        UUID sales = created.id();
        assertThat(created.header("Location")).endsWith("/departments/" + sales);
        JsonObject body = created.json();
        assertThat(body.getString("code")).isEqualTo("SAL");
        assertThat(body.isNull("parentId")).isTrue();
        assertThat(body.getInt("version")).isEqualTo(1);

        UUID emea = owner.api()
                .post(departments, json("name", "EMEA", "code", "SAL-EMEA", "parentId", sales.toString()))
                .id();
        assertThat(owner.api().get(departments + "/" + emea).json().getString("parentId"))
                .isEqualTo(sales.toString());
        assertThat(Pages.names(owner.api().get(departments))).containsExactly("EMEA", "Sales");

        JsonObject changed = owner.api()
                .patch(departments + "/" + sales, json("name", "Sales & Marketing", "description", JsonValue.NULL))
                .json();
        assertThat(changed.getString("name")).isEqualTo("Sales & Marketing");
        assertThat(changed.isNull("description")).isTrue();
        assertThat(changed.getString("code")).isEqualTo("SAL");
        assertThat(changed.getInt("version")).isEqualTo(2);

        assertProblem(owner.api().delete(departments + "/" + sales), 409);
        assertThat(owner.api()
                        .patch(departments + "/" + emea, json("parentId", JsonValue.NULL))
                        .status())
                .isEqualTo(200);
        assertThat(owner.api().delete(departments + "/" + sales).status()).isEqualTo(204);
        assertProblem(owner.api().get(departments + "/" + sales), 404);
    }

    @Test
    void codesAreUniquePerOrganization() {
        Session owner = Fixtures.newUser();
        Org first = Fixtures.newOrg(owner);
        Org second = Fixtures.newOrg(owner);
        assertThat(owner.in(first)
                        .departments()
                        .create(json("name", "A", "code", "OPS"))
                        .status())
                .isEqualTo(201);
        assertProblem(owner.in(first).departments().create(json("name", "B", "code", "OPS")), 409);
        assertThat(owner.in(second)
                        .departments()
                        .create(json("name", "A", "code", "OPS"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void movesThatMakeCyclesAreRefused() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        UUID top = Fixtures.newDepartment(owner, org, "Top");
        UUID middle = owner.api()
                .post(departments, json("name", "Middle", "code", "M", "parentId", top.toString()))
                .id();
        UUID bottom = owner.api()
                .post(departments, json("name", "Bottom", "code", "B", "parentId", middle.toString()))
                .id();

        assertInvalidFields(
                owner.api().patch(departments + "/" + top, json("parentId", bottom.toString())), "parentId");
        assertInvalidFields(owner.api().patch(departments + "/" + top, json("parentId", top.toString())), "parentId");
        assertThat(owner.api().get(departments + "/" + top).json().isNull("parentId"))
                .isTrue();
    }

    @Test
    void membersReadAdminsWrite() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, admin, "admin");
        Fixtures.addMember(owner, org, member, "member");
        UUID id = Fixtures.newDepartment(admin, org, "By admin");

        assertThat(member.in(org).departments().item(id).get().status()).isEqualTo(200);
        assertProblem(member.in(org).departments().create(json("name", "X", "code", "X")), 403);
        assertProblem(member.in(org).departments().item(id).update(json("name", "X")), 403);
        assertProblem(member.in(org).departments().item(id).delete(), 403);
        assertThat(admin.in(org).departments().item(id).delete().status()).isEqualTo(204);
    }

    @Test
    void badInputOnEveryDepartmentEndpoint() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        UUID id = Fixtures.newDepartment(owner, org, "Kept");

        assertInvalidFields(owner.api().post(departments, json()), "name", "code");
        assertInvalidFields(
                owner.api().post(departments, json("name", 1, "code", 2, "parentId", "x")), "name", "code", "parentId");
        assertInvalidFields(owner.api().post(departments, json("name", "N", "code", "has space")), "code");
        assertInvalidFields(
                owner.api()
                        .post(
                                departments,
                                json(
                                        "name",
                                        "N",
                                        "code",
                                        "C",
                                        "parentId",
                                        UUID.randomUUID().toString())),
                "parentId");
        assertInvalidFields(
                owner.api()
                        .post(
                                departments,
                                json(
                                        "name",
                                        "N",
                                        "code",
                                        "C",
                                        "orgId",
                                        UUID.randomUUID().toString())),
                "orgId");
        assertInvalidFields(owner.api().post(departments, json("name", "x".repeat(201), "code", "C")), "name");
        assertProblem(owner.api().post(departments, "not json"), 400);
        assertProblem(owner.api().post(departments, "{\"name\":\"" + "x".repeat(70_000) + "\"}"), 413);
        assertInvalidFields(owner.api().get(departments + "?limit=0"), "limit");
        assertInvalidFields(owner.api().get(departments + "?limit=abc"), "limit");
        assertInvalidFields(owner.api().get(departments + "?offset=2"), "offset");
        assertProblem(owner.api().get(departments + "/not-a-uuid"), 404);
        assertInvalidFields(
                owner.api().patch(departments + "/" + id, json("name", JsonValue.NULL, "code", "")), "name", "code");
        assertInvalidFields(owner.api().patch(departments + "/" + id, json("version", 7)), "version");
        assertProblem(owner.api().patch(departments + "/" + UUID.randomUUID(), json("name", "X")), 404);
        assertProblem(owner.api().delete(departments + "/" + UUID.randomUUID()), 404);
        assertProblem(owner.api().send("PUT", departments + "/" + id, "{}", "application/json"), 405);

        JsonObject kept = owner.api().get(departments + "/" + id).json();
        assertThat(kept.getString("name")).isEqualTo("Kept");
        assertThat(kept.getInt("version")).isEqualTo(1);
    }

    @Test
    void listsPage() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        for (String name : List.of("d", "a", "c", "b")) {
            Fixtures.newDepartment(owner, org, name);
        }
        JsonObject first = owner.in(org).departments().list("limit=2").json();
        assertThat(Pages.names(first)).containsExactly("a", "b");
        JsonObject second = owner.api()
                .get(org.path() + "/departments?limit=2&cursor=" + first.getString("nextCursor"))
                .json();
        assertThat(Pages.names(second)).containsExactly("c", "d");
        assertThat(second.isNull("nextCursor")).isTrue();
    }
}
