package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Custom roles: a permission set with an optional parent, assignable to members, API keys and
 * invitations, changed live, never cyclic, never deleted while in use, and never a way to hand out
 * more than the caller holds.
 */
class RolesIT {

    static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /** What a client shows: the caller's own role and effective permissions, inherited ones included. */
    @Test
    void callersSeeTheirOwnEffectivePermissions() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        JsonObject own = owner.api().get(org.path() + "/me").json();
        assertThat(own.getString("role")).isEqualTo("owner");
        assertThat(own.getBoolean("owner")).isTrue();
        assertThat(own.getString("status")).isEqualTo("active");
        assertThat(strings(own, "permissions")).contains("members:write", "roles:write", "organization:delete");

        Fixtures.createRole(owner, org, "base", List.of("organization:read"), null);
        Fixtures.createRole(owner, org, "clerk", List.of("departments:read"), "base");
        Session clerk = Fixtures.newUser();
        Fixtures.addMember(owner, org, clerk, "clerk");
        JsonObject clerks = clerk.api().get(org.path() + "/me").json();
        assertThat(clerks.getString("role")).isEqualTo("clerk");
        assertThat(clerks.getBoolean("owner")).isFalse();
        assertThat(strings(clerks, "permissions")).containsExactly("departments:read", "organization:read");

        Session viewer = Fixtures.newUser();
        Fixtures.addMember(owner, org, viewer, "viewer");
        JsonObject viewers = viewer.api().get(org.path() + "/me").json();
        List<String> expected = Api.anonymous()
                .withToken(viewer.api().token())
                .get("/api/v1/permissions")
                .json()
                .getJsonArray("roles")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(r -> r.getString("name").equals("viewer"))
                .findFirst()
                .orElseThrow()
                .getJsonArray("permissions")
                .getValuesAs(JsonString::getString)
                .stream()
                .sorted()
                .toList();
        assertThat(strings(viewers, "permissions")).isEqualTo(expected).doesNotContain("members:write");

        assertProblem(Fixtures.newUser().api().get(org.path() + "/me"), 404);
    }

    @Test
    void aCustomRoleGrantsItsOwnAndItsParentsPermissions() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply created = owner.in(org)
                .roles()
                .create(json(
                        "key", "dept-editor",
                        "name", "Department editor",
                        "description", "Keeps the org chart",
                        "permissions", List.of("departments:write"),
                        "parent", "viewer"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(org.path() + "/roles/dept-editor");
        JsonObject role = created.json();
        assertThat(role.getBoolean("system")).isFalse();
        assertThat(role.getString("parent")).isEqualTo("viewer");
        assertThat(strings(role, "permissions")).containsExactly("departments:write");
        assertThat(strings(role, "effectivePermissions"))
                .containsExactly(
                        "organization:read", "departments:read", "departments:write", "teams:read", "categories:read");

        JsonObject byId =
                owner.api().get(org.path() + "/roles/" + role.getString("id")).json();
        assertThat(byId.getString("key")).isEqualTo("dept-editor");
        List<String> keys = owner.in(org).roles().list().json().getJsonArray("items").stream()
                .map(r -> r.asJsonObject().getString("key"))
                .toList();
        assertThat(keys).containsExactly("owner", "admin", "member", "viewer", "dept-editor");
        JsonObject admin = owner.in(org).roles().item("admin").get().json();
        assertThat(admin.getBoolean("system")).isTrue();
        assertThat(admin.isNull("id")).isTrue();
        assertThat(strings(admin, "effectivePermissions"))
                .contains("roles:write")
                .doesNotContain("organization:delete");

        Session editor = Fixtures.newUser();
        Fixtures.addMember(owner, org, editor, "dept-editor");
        assertThat(editor.in(org)
                        .departments()
                        .create(json("name", "Made by editor", "code", "ED1"))
                        .status())
                .isEqualTo(201);
        assertThat(editor.in(org).departments().list().status()).isEqualTo(200);
        assertProblem(editor.in(org).members().list(), 403);
        assertThat(Pages.roleOf(owner.in(org).members().list(), editor.email())).isEqualTo("dept-editor");
        JsonObject membership = editor.api()
                .get("/api/v1/me")
                .json()
                .getJsonArray("memberships")
                .getJsonObject(0);
        assertThat(membership.getString("role")).isEqualTo("dept-editor");
        assertThat(editor.api().get(org.path()).json().getString("role")).isEqualTo("dept-editor");
    }

    @Test
    void changingARoleChangesWhatItsHoldersMayDoOnTheirNextRequest() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.createRole(owner, org, "base", List.of("organization:read"), null);
        Fixtures.createRole(owner, org, "clerk", List.of("departments:read"), "base");
        Session clerk = Fixtures.newUser();
        Fixtures.addMember(owner, org, clerk, "clerk");
        assertProblem(clerk.in(org).members().list(), 403);

        // a grandparent's new permission reaches the grandchild's holder
        Api.Reply changed = owner.in(org)
                .roles()
                .item("base")
                .update(json("permissions", List.of("organization:read", "members:read")));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(clerk.in(org).members().list().status()).isEqualTo(200);

        Api.Reply detached = owner.in(org).roles().item("clerk").update(json("parent", null, "name", "Clerk"));
        assertThat(detached.status()).as("%s", detached).isEqualTo(200);
        assertThat(detached.json().isNull("parent")).isTrue();
        assertThat(detached.json().getString("name")).isEqualTo("Clerk");
        assertThat(strings(detached.json(), "effectivePermissions")).containsExactly("departments:read");
        assertProblem(clerk.in(org).members().list(), 403);
        assertProblem(clerk.api().get(org.path()), 403);
    }

    @Test
    void inheritanceNeverFormsACycle() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.createRole(owner, org, "first", List.of(), null);
        Fixtures.createRole(owner, org, "second", List.of(), "first");
        Fixtures.createRole(owner, org, "third", List.of(), "second");

        assertInvalidFields(owner.in(org).roles().item("first").update(json("parent", "third")), "parent");
        assertInvalidFields(owner.in(org).roles().item("first").update(json("parent", "first")), "parent");
        assertThat(owner.in(org).roles().item("first").get().json().isNull("parent"))
                .isTrue();
    }

    @Test
    void twoReParentingsAtOnceCannotTogetherFormACycle() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        for (int round = 0; round < 2; round++) {
            String a = "a" + round;
            String b = "b" + round;
            Fixtures.createRole(owner, org, a, List.of(), null);
            Fixtures.createRole(owner, org, b, List.of(), null);
            // both re-parentings are in flight, each past its own reads, before either may write
            List<Integer> statuses = Races.overlapping(
                    "select 1 from org_role where org_id = ? for update",
                    List.of(org.id()),
                    2,
                    List.of(
                            () -> owner.in(org)
                                    .roles()
                                    .item(a)
                                    .update(json("parent", b))
                                    .status(),
                            () -> owner.in(org)
                                    .roles()
                                    .item(b)
                                    .update(json("parent", a))
                                    .status()));
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 400);
        }
    }

    @Test
    void aRoleInUseCannotBeDeleted() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.createRole(owner, org, "parent-role", List.of("departments:read"), null);
        JsonObject child = Fixtures.createRole(owner, org, "held", List.of("organization:read"), "parent-role");
        Session holder = Fixtures.newUser();
        Fixtures.addMember(owner, org, holder, "held");

        JsonObject problem = assertProblem(owner.in(org).roles().item("held").delete(), 409);
        assertThat(problem.getString("detail")).contains("1 member");
        assertThat(assertProblem(owner.in(org).roles().item("parent-role").delete(), 409)
                        .getString("detail"))
                .contains("inherited by held");

        // an API key and an open invitation hold it as well
        Api.Reply key = owner.in(org).apiKeys().create(json("name", "held-key", "role", "held"));
        assertThat(key.status()).as("%s", key).isEqualTo(201);
        Api.Reply invitation = owner.in(org)
                .invitations()
                .create(json("email", "held-" + Secrets.suffix() + "@it.example", "role", "held"));
        assertThat(invitation.status()).as("%s", invitation).isEqualTo(201);
        assertThat(owner.in(org)
                        .members()
                        .item(holder.id())
                        .update(json("role", "viewer"))
                        .status())
                .isEqualTo(200);
        assertThat(assertProblem(owner.in(org).roles().item("held").delete(), 409)
                        .getString("detail"))
                .contains("1 API key", "1 open invitation")
                .doesNotContain("member");

        String keyId = key.json().getJsonObject("apiKey").getString("id");
        String secret = key.json().getString("key");
        assertThat(owner.in(org).apiKeys().item(keyId).delete().status()).isEqualTo(204);
        assertThat(owner.api()
                        .delete(org.path() + "/invitations/"
                                + invitation.json().getJsonObject("invitation").getString("id"))
                        .status())
                .isIn(200, 204);
        assertThat(owner.in(org).roles().item("held").delete().status()).isEqualTo(204);
        assertProblem(owner.in(org).roles().item("held").get(), 404);
        assertProblem(owner.api().get(org.path() + "/roles/" + child.getString("id")), 404);
        assertThat(owner.in(org).roles().item("parent-role").delete().status()).isEqualTo(204);

        // the revoked key keeps the name of its former role and stays refused
        JsonObject listed =
                owner.in(org).apiKeys().list().json().getJsonArray("items").getJsonObject(0);
        assertThat(listed.getString("role")).isEqualTo("held");
        assertProblem(Api.anonymous().withApiKey(secret).get(org.path()), 401);
    }

    @Test
    void badRequestsAreRefusedWithEveryReasonAndChangeNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String roles = org.path() + "/roles";
        Fixtures.createRole(owner, org, "kept", List.of("departments:read"), null);

        assertInvalidFields(
                owner.api()
                        .post(
                                roles,
                                json(
                                        "key",
                                        "admin",
                                        "name",
                                        "A",
                                        "permissions",
                                        List.of("nope:x", "departments:read"))),
                "key",
                "permissions");
        assertInvalidFields(
                owner.api().post(roles, json("key", "blank", "name", " ", "permissions", List.of())), "name");
        assertInvalidFields(
                owner.api().post(roles, json("key", "Bad Key", "name", "x", "permissions", List.of())), "key");
        assertInvalidFields(
                owner.api().post(roles, json("key", "fine", "name", "x", "permissions", List.of(), "extra", 1)),
                "extra");
        assertInvalidFields(
                owner.api().post(roles, json("key", "x-role", "name", "X", "permissions", "departments:read")),
                "permissions");
        assertInvalidFields(owner.api().post(roles, json("key", "x-role", "name", "X")), "permissions");
        assertInvalidFields(
                owner.api()
                        .post(roles, json("key", "x-role", "name", "X", "permissions", List.of(), "parent", "ghost")),
                "parent");
        assertProblem(owner.api().post(roles, json("key", "kept", "name", "Again", "permissions", List.of())), 409);
        assertInvalidFields(owner.api().patch(roles + "/kept", json("key", "renamed")), "key");
        assertInvalidFields(owner.api().patch(roles + "/kept", json("permissions", List.of("x:y"))), "permissions");
        assertProblem(owner.api().patch(roles + "/admin", json("name", "Boss")), 409);
        assertProblem(owner.api().delete(roles + "/owner"), 409);
        assertProblem(owner.api().get(roles + "/ghost"), 404);
        assertProblem(owner.api().patch(roles + "/ghost", json("name", "x")), 404);
        assertProblem(owner.api().delete(roles + "/ghost"), 404);
        assertInvalidFields(
                owner.in(org).members().create(json("email", Fixtures.newUser().email(), "role", "ghost")), "role");

        JsonObject kept = owner.api().get(roles + "/kept").json();
        assertThat(strings(kept, "permissions")).containsExactly("departments:read");
        assertThat(kept.getString("name")).isEqualTo("Role kept");
        assertThat(owner.api().get(roles).json().getJsonArray("items")).hasSize(5);
    }

    @Test
    void nobodyHandsOutMoreThanTheyHold() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        Fixtures.createRole(owner, org, "destroyer", List.of("organization:delete"), null);

        assertProblem(
                admin.in(org)
                        .roles()
                        .create(json("key", "my-own", "name", "x", "permissions", List.of("organization:delete"))),
                403);
        assertThat(assertProblem(
                                admin.in(org)
                                        .roles()
                                        .create(json(
                                                "key",
                                                "heir",
                                                "name",
                                                "x",
                                                "permissions",
                                                List.of(),
                                                "parent",
                                                "owner")),
                                403)
                        .getString("detail"))
                .contains("organization:delete");
        Session newcomer = Fixtures.newUser();
        assertProblem(admin.in(org).members().create(json("email", newcomer.email(), "role", "destroyer")), 403);
        assertProblem(admin.in(org).invitations().create(json("email", newcomer.email(), "role", "destroyer")), 403);
        assertProblem(admin.in(org).apiKeys().create(json("name", "k-" + Secrets.suffix(), "role", "destroyer")), 403);
        assertProblem(admin.in(org).roles().item("destroyer").update(json("permissions", List.of())), 403);
        assertProblem(admin.in(org).roles().item("destroyer").delete(), 403);

        // an admin may build and grant roles within their own permissions
        Fixtures.createRole(admin, org, "recruiter", List.of("members:read", "members:write"), "viewer");
        assertProblem(admin.in(org).roles().item("recruiter").update(json("parent", "owner")), 403);
        Session recruiter = Fixtures.newUser();
        Fixtures.addMember(admin, org, recruiter, "recruiter");
        // the recruiter may add members, but only with roles within the recruiter's own permissions
        assertProblem(recruiter.in(org).members().create(json("email", newcomer.email(), "role", "admin")), 403);
        assertProblem(recruiter.in(org).members().item(admin.id()).update(json("active", false)), 403);
        assertThat(recruiter
                        .api()
                        .post(org.path() + "/members", json("email", newcomer.email(), "role", "viewer"))
                        .status())
                .isEqualTo(201);
        assertThat(strings(owner.in(org).roles().item("destroyer").get().json(), "permissions"))
                .containsExactly("organization:delete");
    }

    @Test
    void apiKeysAndInvitationsCarryCustomRoles() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.createRole(owner, org, "dept-bot", List.of("departments:read", "departments:write"), null);

        Api.Reply key = owner.in(org).apiKeys().create(json("name", "bot", "role", "dept-bot"));
        assertThat(key.status()).as("%s", key).isEqualTo(201);
        assertThat(key.json().getJsonObject("apiKey").getString("role")).isEqualTo("dept-bot");
        Api bot = Api.anonymous().withApiKey(key.json().getString("key"));
        assertThat(bot.post(org.path() + "/departments", json("name", "By bot", "code", "BOT"))
                        .status())
                .isEqualTo(201);
        assertProblem(bot.get(org.path()), 403);
        assertProblem(bot.get(org.path() + "/members"), 403);

        String email = "custom-" + Secrets.suffix() + "@it.example";
        Api.Reply invited = owner.in(org).invitations().create(json("email", email, "role", "dept-bot"));
        assertThat(invited.status()).as("%s", invited).isEqualTo(201);
        assertThat(invited.json().getJsonObject("invitation").getString("role")).isEqualTo("dept-bot");
        String token = invited.json().getString("token");
        Api.Reply accepted = Api.anonymous()
                .post(
                        "/api/v1/invitations/" + token + "/accept",
                        json("password", Secrets.password(), "displayName", "Invited"));
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        assertThat(accepted.json().getString("role")).isEqualTo("dept-bot");
        assertThat(Pages.roleOf(owner.in(org).members().list(), email)).isEqualTo("dept-bot");
    }

    @Test
    void theCatalogueListsTheNewPermissions() {
        JsonObject catalogue =
                Fixtures.newUser().api().get("/api/v1/permissions").json();
        List<String> keys = catalogue.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .map(p -> p.getString("key"))
                .toList();
        assertThat(keys).contains("roles:read", "roles:write");
    }
}
