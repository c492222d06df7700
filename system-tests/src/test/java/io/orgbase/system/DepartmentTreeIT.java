package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Departments as a tree: subtrees, ancestors, moves with their subtree, depth, head, settings, members. */
class DepartmentTreeIT {

    @Test
    void subtreesAncestorsAndMovesCarryingTheSubtree() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        UUID company = Fixtures.newDepartment(owner, org, "Company");
        UUID sales = child(owner, org, "Sales", company);
        UUID emea = child(owner, org, "EMEA", sales);
        UUID dach = child(owner, org, "DACH", emea);
        UUID it = child(owner, org, "IT", company);
        UUID other = Fixtures.newDepartment(owner, org, "Other top");

        assertThat(owner.api().get(departments + "/" + dach).json().getInt("depth"))
                .isEqualTo(4);
        assertThat(Pages.names(owner.api().get(departments + "/" + company + "/descendants")))
                .containsExactly("DACH", "EMEA", "IT", "Sales");
        assertThat(Pages.names(owner.api().get(departments + "/" + sales + "/descendants?sort=depth")))
                .containsExactly("EMEA", "DACH");
        assertThat(Pages.names(owner.api().get(departments + "/" + dach + "/descendants")))
                .isEmpty();
        assertThat(Pages.names(owner.api().get(departments + "/" + dach + "/ancestors")))
                .containsExactly("Company", "Sales", "EMEA");
        assertThat(Pages.names(owner.api().get(departments + "/" + company + "/ancestors")))
                .isEmpty();
        // the collection conventions apply to a subtree
        JsonObject counted = owner.api()
                .get(departments + "/" + company + "/descendants?limit=2&count=true")
                .json();
        assertThat(counted.getJsonNumber("total").longValue()).isEqualTo(4);
        assertThat(Pages.names(counted)).containsExactly("DACH", "EMEA");

        // Moving EMEA under the other top carries DACH along.
        JsonObject moved = owner.api()
                .patch(departments + "/" + emea, json("parentId", other.toString()))
                .json();
        assertThat(moved.getInt("depth")).isEqualTo(2);
        assertThat(owner.api().get(departments + "/" + dach).json().getInt("depth"))
                .isEqualTo(3);
        assertThat(Pages.names(owner.api().get(departments + "/" + dach + "/ancestors")))
                .containsExactly("Other top", "EMEA");
        assertThat(Pages.names(owner.api().get(departments + "/" + company + "/descendants")))
                .containsExactly("IT", "Sales");
        assertThat(Pages.names(owner.api().get(departments + "/" + other + "/descendants")))
                .containsExactly("DACH", "EMEA");

        // To the top, and a move into its own subtree is refused without changing anything.
        assertThat(owner.api()
                        .patch(departments + "/" + emea, json("parentId", JsonValue.NULL))
                        .json()
                        .getInt("depth"))
                .isEqualTo(1);
        assertInvalidFields(owner.api().patch(departments + "/" + emea, json("parentId", dach.toString())), "parentId");
        assertThat(owner.api().get(departments + "/" + dach).json().getInt("depth"))
                .isEqualTo(2);
        assertProblem(owner.api().get(departments + "/" + UUID.randomUUID() + "/descendants"), 404);
        assertProblem(owner.api().get(departments + "/" + UUID.randomUUID() + "/ancestors"), 404);
        assertThat(it).isNotNull();
    }

    @Test
    void treesStopAtSixtyFourLevels() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        List<UUID> chain = new ArrayList<>();
        chain.add(Fixtures.newDepartment(owner, org, "L1"));
        for (int level = 2; level <= 64; level++) {
            chain.add(child(owner, org, "L" + level, chain.get(chain.size() - 1)));
        }
        assertThat(owner.api().get(departments + "/" + chain.get(63)).json().getInt("depth"))
                .isEqualTo(64);
        assertInvalidFields(
                owner.api()
                        .post(
                                departments,
                                json(
                                        "name",
                                        "L65",
                                        "code",
                                        "L65",
                                        "parentId",
                                        chain.get(63).toString())),
                "parentId");
        // A two-level subtree under level 63 would reach 65.
        UUID top = Fixtures.newDepartment(owner, org, "Pair");
        child(owner, org, "Pair child", top);
        assertInvalidFields(
                owner.api()
                        .patch(
                                departments + "/" + top,
                                json("parentId", chain.get(62).toString())),
                "parentId");
        assertThat(owner.api()
                        .patch(
                                departments + "/" + top,
                                json("parentId", chain.get(61).toString()))
                        .json()
                        .getInt("depth"))
                .isEqualTo(63);
    }

    @Test
    void headSettingsAndMembers() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Session outsider = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        String departments = org.path() + "/departments";
        UUID sales = Fixtures.newDepartment(owner, org, "Sales");
        UUID emea = child(owner, org, "EMEA", sales);

        JsonObject headed = owner.api()
                .patch(
                        departments + "/" + sales,
                        json("headId", member.id().toString(), "settings", json("costCenter", "CC-100")))
                .json();
        assertThat(headed.getString("headId")).isEqualTo(member.id().toString());
        assertThat(headed.getJsonObject("settings").getString("costCenter")).isEqualTo("CC-100");
        assertThat(Pages.names(owner.api().get(departments + "?headId=" + member.id())))
                .containsExactly("Sales");
        assertInvalidFields(
                owner.api()
                        .patch(
                                departments + "/" + sales,
                                json("headId", outsider.id().toString())),
                "headId");
        assertInvalidFields(owner.api().patch(departments + "/" + sales, json("settings", "flat")), "settings");

        // Members are placed in departments through their employment.
        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("departmentId", emea.toString()))
                        .status())
                .isEqualTo(200);
        assertThat(Pages.emails(owner.api().get(departments + "/" + emea + "/members")))
                .containsExactly(member.email());
        assertThat(Pages.emails(owner.api().get(departments + "/" + sales + "/members")))
                .isEmpty();
        assertThat(Pages.emails(owner.api().get(org.path() + "/members?inDepartment=" + sales)))
                .containsExactly(member.email());
        assertProblem(owner.api().get(departments + "/" + UUID.randomUUID() + "/members"), 404);

        // A department with members stays; the head leaving leaves it without one.
        assertProblem(owner.api().delete(departments + "/" + emea), 409);
        assertThat(owner.in(org).members().item(member.id()).delete().status()).isEqualTo(204);
        assertThat(owner.api().get(departments + "/" + sales).json().isNull("headId"))
                .isTrue();
        assertThat(owner.api().delete(departments + "/" + emea).status()).isEqualTo(204);
        // resetting settings
        assertThat(owner.api()
                        .patch(departments + "/" + sales, json("settings", JsonValue.NULL))
                        .json()
                        .getJsonObject("settings"))
                .isEmpty();
    }

    @Test
    void anotherOrganizationsDepartmentsAreNowhere() {
        Session owner = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org theirs = Fixtures.newOrg(stranger);
        UUID mine = Fixtures.newDepartment(owner, org, "Mine");
        UUID foreign = Fixtures.newDepartment(stranger, theirs, "Theirs");
        String departments = org.path() + "/departments";
        for (String tail : List.of("/descendants", "/ancestors", "/members")) {
            Api.Reply viaForeign = owner.api().get(departments + "/" + foreign + tail);
            Api.Reply viaMissing = owner.api().get(departments + "/" + UUID.randomUUID() + tail);
            assertProblem(viaForeign, 404);
            assertThat(viaForeign.json().getString("detail"))
                    .isEqualTo(viaMissing.json().getString("detail"));
        }
        assertInvalidFields(
                owner.api().patch(departments + "/" + mine, json("parentId", foreign.toString())), "parentId");
        assertInvalidFields(
                owner.api()
                        .patch(
                                departments + "/" + mine,
                                json("headId", stranger.id().toString())),
                "headId");
        assertInvalidFields(
                owner.in(org).members().item(owner.id()).update(json("departmentId", foreign.toString())),
                "departmentId");
        assertThat(Pages.names(owner.api().get(org.path() + "/members?inDepartment=" + foreign)))
                .isEmpty();
    }

    static UUID child(Session session, Org org, String name, UUID parent) {
        Api.Reply created = session.in(org)
                .departments()
                .create(json(
                        "name",
                        name,
                        "code",
                        "C" + UUID.randomUUID().toString().substring(0, 8),
                        "parentId",
                        parent.toString()));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.id();
    }

    /**
     * The database keeps the tree whatever the application does (the triggers every tree kind gets
     * from {@code tree_declare}): as the application role, in its tenant, a row takes its parent's
     * path, a move carries the subtree, a cycle and a foreign parent are refused; declaring trees is
     * not the application's to do.
     */
    @Test
    void theDatabaseKeepsTheTreeOnItsOwn() throws SQLException {
        Session owner = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org theirs = Fixtures.newOrg(stranger);
        UUID top = Fixtures.newDepartment(owner, org, "Top");
        UUID foreign = Fixtures.newDepartment(stranger, theirs, "Theirs");
        try (Connection app = Fixtures.appRole()) {
            app.setAutoCommit(false);
            try (PreparedStatement set = app.prepareStatement("select set_config('orgbase.org_id', ?, true)")) {
                set.setString(1, org.id().toString());
                set.executeQuery().close();
            }
            UUID middle = insert(app, org.id(), top);
            UUID leaf = insert(app, org.id(), middle);
            assertThat(path(app, leaf)).isEqualTo(hex(top) + hex(middle) + hex(leaf));

            try (PreparedStatement move = app.prepareStatement("update department set parent_id = null where id = ?")) {
                move.setObject(1, middle);
                move.executeUpdate();
            }
            assertThat(path(app, leaf)).as("the subtree moved along").isEqualTo(hex(middle) + hex(leaf));

            Savepoint before = app.setSavepoint();
            assertThatThrownBy(() -> {
                        try (PreparedStatement cycle =
                                app.prepareStatement("update department set parent_id = ? where id = ?")) {
                            cycle.setObject(1, leaf);
                            cycle.setObject(2, middle);
                            cycle.executeUpdate();
                        }
                    })
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("own ancestor");
            app.rollback(before);
            assertThatThrownBy(() -> insert(app, org.id(), foreign))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no parent");
            app.rollback(before);
            assertThatThrownBy(() -> app.createStatement().execute("select tree_declare('membership')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            app.rollback();
            assertThatThrownBy(() -> app.createStatement().execute("select tree_declare_unchecked('membership')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            app.rollback();
        }
        // names PostgreSQL would cut short are refused, even to the schema owner
        try (Connection schemaOwner = Orgbase.target().superuser()) {
            schemaOwner.setAutoCommit(false);
            assertThatThrownBy(() -> schemaOwner.createStatement().execute("select tree_declare(repeat('t', 51))"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("longer than 50 bytes");
            schemaOwner.rollback();
        }
    }

    private static UUID insert(Connection app, UUID orgId, UUID parentId) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = app.prepareStatement(
                "insert into department"
                        + " (id, org_id, parent_id, name, code, created_at, updated_at) values (?, ?, ?, 'Row', ?, now(), now())")) {
            insert.setObject(1, id);
            insert.setObject(2, orgId);
            insert.setObject(3, parentId);
            insert.setString(4, "R-" + Secrets.suffix());
            insert.executeUpdate();
        }
        return id;
    }

    private static String path(Connection app, UUID id) throws SQLException {
        try (PreparedStatement query = app.prepareStatement("select path from department where id = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "") + "/";
    }
}
