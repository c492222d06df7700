package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.launcher.EmbeddedDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Builders for what tests need: users, signed-in sessions, organizations, members. */
final class Fixtures {

    private Fixtures() {}

    /** A signed-in user. */
    record Session(UUID id, String email, String password, Api api) {

        /** The API as this user calls it. */
        Client client() {
            return new Client(api);
        }

        /** The user's calls into one organization. */
        Client.Organization in(Org org) {
            return client().org(org.slug());
        }
    }

    /** An organization. */
    record Org(UUID id, String slug) {

        String path() {
            return "/api/v1/orgs/" + slug;
        }
    }

    static Session admin() {
        Target target = Orgbase.target();
        return login(target.adminEmail(), target.adminPassword());
    }

    static Session login(String email, String password) {
        Api.Reply reply = Api.anonymous().post("/api/v1/auth/login", json("email", email, "password", password));
        assertThat(reply.status()).as("login of %s: %s", email, reply).isEqualTo(200);
        Api api = Api.anonymous().withToken(reply.json().getString("accessToken"));
        UUID id = UUID.fromString(api.get("/api/v1/me").json().getString("id"));
        return new Session(id, email, password, api);
    }

    /** A new user account (created by the platform administrator), signed in. */
    static Session newUser() {
        String email = "user-" + Secrets.suffix() + "@it.example";
        String password = Secrets.password();
        Api.Reply created = admin().api()
                .post(
                        "/api/v1/admin/users",
                        json("email", email, "password", password, "displayName", "User " + email));
        assertThat(created.status()).as("create user: %s", created).isEqualTo(201);
        return login(email, password);
    }

    static String slug() {
        return "org-" + Secrets.suffix();
    }

    /** A new organization owned by {@code owner}. */
    static Org newOrg(Session owner) {
        String slug = slug();
        Api.Reply created = owner.api().post("/api/v1/orgs", json("slug", slug, "name", "Organization " + slug));
        assertThat(created.status()).as("create org: %s", created).isEqualTo(201);
        return new Org(created.id(), slug);
    }

    /** Adds {@code user} to {@code org} with {@code role}, as {@code owner}. */
    static void addMember(Session owner, Org org, Session user, String role) {
        Api.Reply added = owner.in(org).members().create(json("email", user.email(), "role", role));
        assertThat(added.status()).as("add member: %s", added).isEqualTo(201);
    }

    /** A new department in {@code org}. */
    static UUID newDepartment(Session session, Org org, String name) {
        Api.Reply created = session.in(org).departments().create(json("name", name, "code", "D-" + Secrets.suffix()));
        assertThat(created.status()).as("create department: %s", created).isEqualTo(201);
        return created.id();
    }

    /** A client address of its own (IPv6 documentation range), so tests never share a count. */
    static String address() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format(
                "2001:db8:%x:%x:%x:%x:%x:%x",
                random.nextInt(65536),
                random.nextInt(65536),
                random.nextInt(65536),
                random.nextInt(65536),
                random.nextInt(65536),
                random.nextInt(65536));
    }

    static JsonObject createRole(Session session, Org org, String key, List<String> permissions, String parent) {
        Api.Reply created = session.in(org)
                .roles()
                .create(json("key", key, "name", "Role " + key, "permissions", permissions, "parent", parent));
        assertThat(created.status()).as("create role: %s", created).isEqualTo(201);
        return created.json();
    }

    static UUID define(Session session, Org org, JsonObject definition) {
        Api.Reply created = session.in(org).customFields().create(definition);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.id();
    }

    static List<JsonObject> events(Session session, Org org, String query) {
        Api.Reply reply = session.api().get(org.path() + "/audit-events" + (query.isEmpty() ? "" : "?" + query));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    /** The platform's audit trail (platform administrators only). */
    static List<JsonObject> platformEvents(Session admin, String query) {
        Api.Reply reply = admin.api().get("/api/v1/admin/audit-events?" + query);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    static Connection appRole() throws SQLException {
        return DriverManager.getConnection(Orgbase.target().databaseUrl(), EmbeddedDatabase.APP, "unused-with-trust");
    }

    static JsonObject tag(Session session, Org org, String name) {
        return session.in(org).tags().list("limit=200").json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tag " + name));
    }

    static Org child(Session owner, Org parent, String name) {
        Api.Reply created = createChild(owner, parent, name);
        assertThat(created.status()).as("create child: %s", created).isEqualTo(201);
        return new Org(created.id(), created.json().getString("slug"));
    }

    static Api.Reply createChild(Session owner, Org parent, String name) {
        return owner.api()
                .post(
                        "/api/v1/orgs",
                        json(
                                "slug",
                                slug(),
                                "name",
                                name,
                                "parentId",
                                parent.id().toString()));
    }
}
