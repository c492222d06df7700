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
