package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every system role against every endpoint of an organization: what the role may do succeeds, and
 * everything else is 403 (never a 404: the caller is a member and may know the organization).
 */
class RoleMatrixIT {

    /** One request, and the roles allowed to make it. */
    private record Probe(String name, Set<String> allowed, Function<Context, Api.Reply> request) {}

    private record Context(Api api, Org org, UUID otherMember, UUID department, String newcomerEmail) {}

    private static final Set<String> ALL = Set.of("owner", "admin", "member", "viewer");
    private static final Set<String> MANAGERS = Set.of("owner", "admin");
    private static final String CUSTOM_ROLE = "matrix-role";

    private static final List<Probe> PROBES = List.of(
            new Probe("GET org", ALL, c -> c.api().get(c.org().path())),
            new Probe("PATCH org", MANAGERS, c -> c.api().patch(c.org().path(), json("name", "Renamed"))),
            new Probe("GET members", Set.of("owner", "admin", "member"), c -> c.api()
                    .get(c.org().path() + "/members")),
            new Probe("POST members", MANAGERS, c -> c.api()
                    .post(c.org().path() + "/members", json("email", c.newcomerEmail(), "role", "viewer"))),
            new Probe("PATCH member", MANAGERS, c -> c.api()
                    .patch(c.org().path() + "/members/" + c.otherMember(), json("role", "viewer"))),
            new Probe("GET departments", ALL, c -> c.api().get(c.org().path() + "/departments")),
            new Probe("POST departments", MANAGERS, c -> c.api()
                    .post(c.org().path() + "/departments", json("name", "New", "code", "N-" + Secrets.suffix()))),
            new Probe("GET department", ALL, c -> c.api().get(c.org().path() + "/departments/" + c.department())),
            new Probe("PATCH department", MANAGERS, c -> c.api()
                    .patch(c.org().path() + "/departments/" + c.department(), json("description", "changed"))),
            new Probe("DELETE department", MANAGERS, c -> c.api()
                    .delete(c.org().path() + "/departments/" + c.department())),
            new Probe("GET invitations", Set.of("owner", "admin", "member"), c -> c.api()
                    .get(c.org().path() + "/invitations")),
            new Probe("POST invitations", MANAGERS, c -> c.api()
                    .post(
                            c.org().path() + "/invitations",
                            json("email", "matrix-" + Secrets.suffix() + "@it.example", "role", "viewer"))),
            new Probe("GET api-keys", MANAGERS, c -> c.api().get(c.org().path() + "/api-keys")),
            new Probe("POST announcements", MANAGERS, c -> c.api()
                    .post(c.org().path() + "/announcements", json("title", "Matrix"))),
            new Probe("GET announcements", MANAGERS, c -> c.api().get(c.org().path() + "/announcements")),
            new Probe("POST api-keys", MANAGERS, c -> c.api()
                    .post(c.org().path() + "/api-keys", json("name", "matrix-" + Secrets.suffix(), "role", "viewer"))),
            new Probe("GET roles", Set.of("owner", "admin", "member"), c -> c.api()
                    .get(c.org().path() + "/roles")),
            new Probe("GET role", Set.of("owner", "admin", "member"), c -> c.api()
                    .get(c.org().path() + "/roles/" + CUSTOM_ROLE)),
            new Probe("POST roles", MANAGERS, c -> c.api()
                    .post(
                            c.org().path() + "/roles",
                            json("key", "m-" + Secrets.suffix(), "name", "Matrix", "permissions", List.of()))),
            new Probe("PATCH role", MANAGERS, c -> c.api()
                    .patch(c.org().path() + "/roles/" + CUSTOM_ROLE, json("description", "changed"))),
            new Probe("DELETE role", MANAGERS, c -> c.api().delete(c.org().path() + "/roles/" + CUSTOM_ROLE)),
            new Probe("GET audit-events", MANAGERS, c -> c.api().get(c.org().path() + "/audit-events")),
            new Probe("GET audit-events/verify", MANAGERS, c -> c.api()
                    .get(c.org().path() + "/audit-events/verify")),
            new Probe("GET bundle", Set.of("owner"), c -> c.api().get(c.org().path() + "/bundle")),
            new Probe("DELETE member", MANAGERS, c -> c.api().delete(c.org().path() + "/members/" + c.otherMember())),
            new Probe("DELETE org", Set.of("owner"), c -> c.api().delete(c.org().path())));

    @ParameterizedTest
    @ValueSource(strings = {"owner", "admin", "member", "viewer"})
    void eachRoleMayDoExactlyWhatItsPermissionsSay(String role) {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session actor = owner;
        if (!role.equals("owner")) {
            actor = Fixtures.newUser();
            Fixtures.addMember(owner, org, actor, role);
        }
        Session other = Fixtures.newUser();
        Fixtures.addMember(owner, org, other, "member");
        Session newcomer = Fixtures.newUser();
        UUID department = Fixtures.newDepartment(owner, org, "Matrix");
        Fixtures.createRole(owner, org, CUSTOM_ROLE, List.of("departments:read"), null);
        Context context = new Context(actor.api(), org, other.id(), department, newcomer.email());

        List<String> wrong = new ArrayList<>();
        for (Probe probe : PROBES) {
            int status = probe.request().apply(context).status();
            boolean allowed = probe.allowed().contains(role);
            if (allowed ? status < 200 || status >= 300 : status != 403) {
                wrong.add(probe.name() + " -> " + status + (allowed ? " (should be allowed)" : " (should be 403)"));
            }
        }
        assertThat(wrong).as("role %s", role).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "admin", "member", "viewer"})
    void theCatalogueSaysTheSame(String role) {
        JsonObject catalogue =
                Fixtures.newUser().api().get("/api/v1/permissions").json();
        List<String> granted = catalogue.getJsonArray("roles").stream()
                .map(r -> r.asJsonObject())
                .filter(r -> r.getString("name").equals(role))
                .findFirst()
                .orElseThrow()
                .getJsonArray("permissions")
                .getValuesAs(JsonString.class)
                .stream()
                .map(JsonString::getString)
                .toList();
        assertThat(granted).contains("organization:read", "departments:read");
        assertThat(granted.contains("members:read")).isEqualTo(!role.equals("viewer"));
        assertThat(granted.contains("departments:write")).isEqualTo(MANAGERS.contains(role));
        assertThat(granted.contains("organization:delete")).isEqualTo(role.equals("owner"));
        assertThat(granted.contains("roles:write")).isEqualTo(MANAGERS.contains(role));
    }
}
