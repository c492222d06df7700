package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class AdminUsersIT {

    private static final String USERS = "/api/v1/admin/users";

    /** Support look-ups: a search by email or name, paged; every search and every account opened is audited. */
    @Test
    void supportSearchesFindAccountsAndAreAudited() {
        String marker = "findme" + Secrets.suffix();
        Session admin = Fixtures.admin();
        java.util.List<String> emails = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = marker + "-" + i + "@it.example";
            emails.add(email);
            assertThat(admin.api()
                            .post(
                                    "/api/v1/admin/users",
                                    json("email", email, "password", Secrets.password(), "displayName", "Person " + i))
                            .status())
                    .isEqualTo(201);
        }
        Api.Reply first = admin.api().get("/api/v1/admin/users?limit=2&q=" + marker.toUpperCase(java.util.Locale.ROOT));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        java.util.List<String> found = new java.util.ArrayList<>(emailsOf(first));
        assertThat(found).containsExactly(emails.get(0), emails.get(1));
        Api.Reply second = admin.api()
                .get("/api/v1/admin/users?limit=2&q=" + marker + "&cursor="
                        + first.json().getString("nextCursor"));
        found.addAll(emailsOf(second));
        assertThat(found).isEqualTo(emails);
        assertThat(second.json().isNull("nextCursor")).isTrue();
        assertThat(emailsOf(admin.api().get("/api/v1/admin/users?q=%25%25%25")))
                .as("%% is literal")
                .isEmpty();
        assertThat(emailsOf(admin.api().get("/api/v1/admin/users?q=___")))
                .as("_ is literal")
                .isEmpty();

        java.util.List<jakarta.json.JsonObject> searches =
                Fixtures.platformEvents(admin, "action=support-lookup&limit=100");
        String shown = first.json().getJsonArray("items").getJsonObject(1).getString("id");
        assertThat(searches.stream().map(e -> e.getJsonObject("changes").toString()))
                .as("the search and the accounts it showed are on the record")
                .anyMatch(c -> c.contains(marker.toUpperCase(java.util.Locale.ROOT)) && c.contains(shown));
        String id = first.json().getJsonArray("items").getJsonObject(0).getString("id");
        assertThat(admin.api().get("/api/v1/admin/users/" + id).status()).isEqualTo(200);
        assertThat(Fixtures.platformEvents(admin, "action=support-lookup&entityId=" + id))
                .as("opening an account is on the record")
                .isNotEmpty();

        assertProblem(Fixtures.newUser().api().get("/api/v1/admin/users?q=" + marker), 403);
        assertInvalidFields(admin.api().get("/api/v1/admin/users"), "q");
        assertInvalidFields(admin.api().get("/api/v1/admin/users?q=ab"), "q");
        assertInvalidFields(admin.api().get("/api/v1/admin/users?q=xyz&limit=0"), "limit");
        assertInvalidFields(admin.api().get("/api/v1/admin/users?q=xyz&limit=many"), "limit");
        assertInvalidFields(admin.api().get("/api/v1/admin/users?q=xyz&cursor=%25%25"), "cursor");
        String nul = java.util.Base64.getUrlEncoder()
                .encodeToString("a\u0000b\n00000000-0000-0000-0000-000000000000"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertInvalidFields(admin.api().get("/api/v1/admin/users?q=xyz&cursor=" + nul), "cursor");
        assertThat(first.json().getJsonArray("items").getJsonObject(0).keySet())
                .as("what an account shows, nothing more")
                .containsExactlyInAnyOrder(
                        "id",
                        "email",
                        "emailVerified",
                        "emailVerifiedVia",
                        "emailVerifiedAt",
                        "displayName",
                        "platformAdmin",
                        "createdAt");
    }

    private static java.util.List<String> emailsOf(Api.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(u -> u.getString("email"))
                .toList();
    }

    @Test
    void platformAdministratorCreatesUsersWithLocation() throws SQLException {
        Session admin = Fixtures.admin();
        String email = "New-" + Secrets.suffix() + "@IT.example";
        String password = Secrets.password();

        Api.Reply created = admin.api().post(USERS, json("email", email, "password", password, "displayName", "New"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("email")).isEqualTo(email.toLowerCase());
        String location = created.header("Location");
        assertThat(location).endsWith(USERS + "/" + created.id());
        assertThat(admin.api().get(location).json().getString("displayName")).isEqualTo("New");
        assertThat(storedHash(email.toLowerCase())).startsWith("$argon2id$").doesNotContain(password);
        Fixtures.login(email, password);
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() {
        Session admin = Fixtures.admin();
        Session existing = Fixtures.newUser();
        Api.Reply again = admin.api()
                .post(
                        USERS,
                        json(
                                "email",
                                existing.email().toUpperCase(),
                                "password",
                                Secrets.password(),
                                "displayName",
                                "X"));
        assertProblem(again, 409);
    }

    @Test
    void onlyPlatformAdministratorsCreateOrReadUsers() {
        Session user = Fixtures.newUser();
        assertProblem(
                user.api()
                        .post(
                                USERS,
                                json(
                                        "email",
                                        "x-" + Secrets.suffix() + "@it.example",
                                        "password",
                                        Secrets.password(),
                                        "displayName",
                                        "X")),
                403);
        assertProblem(user.api().get(USERS + "/" + user.id()), 403);
    }

    @Test
    void invalidUsersAreRefusedFieldByField() {
        Session admin = Fixtures.admin();
        assertInvalidFields(admin.api().post(USERS, json()), "email", "password", "displayName");
        assertInvalidFields(
                admin.api()
                        .post(USERS, json("email", "not-an-email", "password", Secrets.password(), "displayName", "X")),
                "email");
        assertInvalidFields(
                admin.api()
                        .post(
                                USERS,
                                json(
                                        "email",
                                        "short-" + Secrets.suffix() + "@it.example",
                                        "password",
                                        "short",
                                        "displayName",
                                        "X")),
                "password");
        String email = "same-" + Secrets.suffix() + "@it.example";
        assertInvalidFields(
                admin.api().post(USERS, json("email", email, "password", email, "displayName", "X")), "password");
        assertInvalidFields(
                admin.api()
                        .post(
                                USERS,
                                json(
                                        "email",
                                        "x-" + Secrets.suffix() + "@it.example",
                                        "password",
                                        Secrets.password(),
                                        "displayName",
                                        "X",
                                        "platformAdmin",
                                        true)),
                "platformAdmin");
        assertProblem(admin.api().get(USERS + "/not-a-uuid"), 404);
        assertProblem(admin.api().get(USERS + "/00000000-0000-0000-0000-000000000000"), 404);
    }

    @Test
    void oversizedBodiesAreRefused() {
        String huge = "{\"email\":\"" + "a".repeat(70_000) + "@it.example\"}";
        assertProblem(Fixtures.admin().api().post(USERS, huge), 413);
    }

    private static String storedHash(String email) throws SQLException {
        try (Connection connection = Orgbase.target().superuser();
                PreparedStatement query =
                        connection.prepareStatement("select password_hash from app_user where email = ?")) {
            query.setString(1, email);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
