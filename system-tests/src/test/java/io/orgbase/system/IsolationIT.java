package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One organization can never see or touch another's data: its slug and ids behave exactly like ones
 * that do not exist, its rows never appear in lists, and the database refuses cross-tenant access
 * even to SQL that bypasses the application.
 */
class IsolationIT {

    private Session alice;
    private Session bob;
    private Org mine;
    private Org theirs;
    private UUID theirDepartment;
    private String theirRole;

    @BeforeEach
    void twoOrganizations() {
        alice = Fixtures.newUser();
        bob = Fixtures.newUser();
        mine = Fixtures.newOrg(alice);
        theirs = Fixtures.newOrg(bob);
        Fixtures.newDepartment(alice, mine, "Mine");
        theirDepartment = Fixtures.newDepartment(bob, theirs, "Theirs");
        theirRole = Fixtures.createRole(bob, theirs, "their-role", List.of("departments:read"), null)
                .getString("id");
    }

    @Test
    void anotherOrganizationIsIndistinguishableFromNone() {
        String missing = "/api/v1/orgs/" + Fixtures.slug();
        String nothing = alice.api().get(missing).body();
        for (String org : List.of("/api/v1/orgs/" + theirs.slug(), "/api/v1/orgs/" + theirs.id())) {
            for (Api.Reply reply : List.of(
                    alice.api().get(org),
                    alice.api().patch(org, json("name", "Hijacked")),
                    alice.api().delete(org),
                    alice.api().get(org + "/members"),
                    alice.api().post(org + "/members", json("email", alice.email(), "role", "owner")),
                    alice.api().patch(org + "/members/" + bob.id(), json("role", "member")),
                    alice.api().delete(org + "/members/" + bob.id()),
                    alice.api().get(org + "/departments"),
                    alice.api().post(org + "/departments", json("name", "X", "code", "X")),
                    alice.api().get(org + "/departments/" + theirDepartment),
                    alice.api().patch(org + "/departments/" + theirDepartment, json("name", "Hijacked")),
                    alice.api().delete(org + "/departments/" + theirDepartment),
                    alice.api().get(org + "/roles"),
                    alice.api().post(org + "/roles", json("key", "x-role", "name", "X", "permissions", List.of())),
                    alice.api().get(org + "/roles/their-role"),
                    alice.api().patch(org + "/roles/" + theirRole, json("name", "Hijacked")),
                    alice.api().delete(org + "/roles/" + theirRole),
                    alice.api().get(org + "/audit-events"),
                    alice.api().get(org + "/audit-events/verify"))) {
                assertProblem(reply, 404);
                assertThat(reply.body()).isEqualTo(nothing);
            }
        }
        assertThat(bob.api().get(theirs.path()).json().getString("name")).isEqualTo("Organization " + theirs.slug());
        assertThat(bob.in(theirs)
                        .departments()
                        .item(theirDepartment)
                        .get()
                        .json()
                        .getString("name"))
                .isEqualTo("Theirs");
        assertThat(Pages.emails(bob.in(theirs).members().list())).containsExactly(bob.email());
    }

    /**
     * Every operation the API documents under {@code /orgs/{org}}, present and future, answers a
     * stranger exactly as it answers for an organization that does not exist: 404, or the same 400
     * when the request is malformed before any organization is looked at.
     */
    @Test
    void everyDocumentedOrganizationEndpointTreatsStrangersLikeNobody() {
        List<String[]> operations = organizationOperations(
                Api.anonymous().send("GET", "/openapi", null, null).body());
        assertThat(operations).as("documented operations under /orgs/{org}").hasSizeGreaterThan(30);
        String missing = Fixtures.slug();
        String someId = UUID.randomUUID().toString();
        for (String[] operation : operations) {
            String method = operation[0];
            String template = operation[1].replaceAll("\\{(?!org\\})[^}]+}", someId);
            boolean withBody = !method.equals("GET") && !method.equals("DELETE");
            Api.Reply foreign = alice.api()
                    .send(
                            method,
                            template.replace("{org}", theirs.slug()),
                            withBody ? "{}" : null,
                            withBody ? "application/json" : null);
            Api.Reply none = alice.api()
                    .send(
                            method,
                            template.replace("{org}", missing),
                            withBody ? "{}" : null,
                            withBody ? "application/json" : null);
            String what = method + " " + operation[1];
            assertThat(foreign.status()).as(what).isIn(withBody ? List.of(400, 404) : List.of(404));
            assertThat(foreign.status()).as(what).isEqualTo(none.status());
            assertThat(foreign.body()).as(what).isEqualTo(none.body());
        }
    }

    /** {method, path} of every operation in the OpenAPI document (YAML) whose path is below an organization. */
    static List<String[]> organizationOperations(String openapi) {
        List<String[]> operations = new java.util.ArrayList<>();
        String path = null;
        for (String line : openapi.split("\n")) {
            if (line.matches("  /\\S+:")) {
                path = line.substring(2, line.length() - 1);
            } else if (line.matches("    (get|put|post|patch|delete):")
                    && path != null
                    && path.startsWith("/api/v1/orgs/{org}")) {
                operations.add(new String[] {line.strip().replace(":", "").toUpperCase(java.util.Locale.ROOT), path});
            } else if (!line.startsWith(" ") && !line.isEmpty()) {
                path = null;
            }
        }
        return operations;
    }

    @Test
    void foreignIdsInsideMyOrganizationAreUnknown() {
        String departments = mine.path() + "/departments";
        String unknown = alice.api().get(departments + "/" + UUID.randomUUID()).body();
        for (Api.Reply reply : List.of(
                alice.api().get(departments + "/" + theirDepartment),
                alice.api().patch(departments + "/" + theirDepartment, json("name", "Hijacked")),
                alice.api().delete(departments + "/" + theirDepartment))) {
            assertProblem(reply, 404);
            assertThat(reply.body()).isEqualTo(unknown);
        }
        assertInvalidFields(
                alice.api()
                        .post(departments, json("name", "Child", "code", "C", "parentId", theirDepartment.toString())),
                "parentId");
        UUID own = Fixtures.newDepartment(alice, mine, "Own");
        assertInvalidFields(
                alice.api().patch(departments + "/" + own, json("parentId", theirDepartment.toString())), "parentId");
        String roles = mine.path() + "/roles";
        String noRole = alice.api().get(roles + "/" + UUID.randomUUID()).body();
        for (Api.Reply reply : List.of(
                alice.api().get(roles + "/" + theirRole),
                alice.api().get(roles + "/their-role"),
                alice.api().patch(roles + "/" + theirRole, json("name", "Hijacked")),
                alice.api().delete(roles + "/" + theirRole),
                alice.api().delete(roles + "/their-role"))) {
            assertProblem(reply, 404);
            assertThat(reply.body()).isEqualTo(noRole);
        }
        assertInvalidFields(
                alice.api()
                        .post(
                                roles,
                                json("key", "mine", "name", "Mine", "permissions", List.of(), "parent", "their-role")),
                "parent");
        assertInvalidFields(alice.in(mine).members().create(json("email", bob.email(), "role", "their-role")), "role");
        assertInvalidFields(alice.in(mine).apiKeys().create(json("name", "k", "role", "their-role")), "role");
        assertProblem(alice.in(mine).members().item(bob.id()).update(json("role", "admin")), 404);
        assertProblem(alice.in(mine).members().item(bob.id()).delete(), 404);

        assertThat(bob.in(theirs)
                        .departments()
                        .item(theirDepartment)
                        .get()
                        .json()
                        .getString("name"))
                .isEqualTo("Theirs");
    }

    @Test
    void listsNeverShowForeignRows() {
        assertThat(Pages.names(alice.in(mine).departments().list())).containsExactly("Mine");
        assertThat(Pages.names(bob.in(theirs).departments().list())).containsExactly("Theirs");
        assertThat(Pages.slugs(alice.api().get("/api/v1/orgs"))).containsExactly(mine.slug());
        assertThat(Pages.emails(alice.in(mine).members().list())).containsExactly(alice.email());
        assertThat(alice.api().get("/api/v1/me").json().getJsonArray("memberships"))
                .hasSize(1);
        assertThat(alice.api()
                        .get(mine.path() + "/audit-events?entityId=" + theirDepartment)
                        .json()
                        .getJsonArray("items"))
                .isEmpty();
        assertThat(alice.in(mine).roles().list().json().getJsonArray("items").stream()
                        .map(r -> r.asJsonObject().getString("key")))
                .containsExactly("owner", "admin", "member", "viewer");
    }

    @Test
    void theDatabaseRefusesTheApplicationRoleWithoutATenant() throws SQLException {
        try (Connection app = Fixtures.appRole()) {
            assertThat(count(app, "select count(*) from department")).isZero();
            assertThat(count(app, "select count(*) from membership")).isZero();
            assertThat(count(app, "select count(*) from org_role")).isZero();
            // the roles listing reads custom roles as its invoker: none without a tenant
            assertThat(count(app, "select count(*) from role_listing where not system"))
                    .isZero();
            assertThat(count(app, "select count(*) from role_listing where system"))
                    .isEqualTo(4);
            assertThatThrownBy(() -> insertDepartment(app, theirs.id()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
        }
    }

    @Test
    void theDatabaseConfinesTheApplicationRoleToItsTenant() throws SQLException {
        try (Connection app = Fixtures.appRole()) {
            app.setAutoCommit(false);
            setTenant(app, mine.id());
            assertThat(count(app, "select count(*) from department")).isEqualTo(1);
            assertThat(count(app, "select count(*) from department where org_id = '" + theirs.id() + "'"))
                    .isZero();
            try (PreparedStatement update =
                    app.prepareStatement("update department set name = 'Hijacked' where id = ?")) {
                update.setObject(1, theirDepartment);
                assertThat(update.executeUpdate()).isZero();
            }
            try (PreparedStatement delete = app.prepareStatement("delete from department where org_id = ?")) {
                delete.setObject(1, theirs.id());
                assertThat(delete.executeUpdate()).isZero();
            }
            assertThatThrownBy(() -> insertDepartment(app, theirs.id()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            app.rollback();
        }
        assertThat(bob.in(theirs)
                        .departments()
                        .item(theirDepartment)
                        .get()
                        .json()
                        .getString("name"))
                .isEqualTo("Theirs");
    }

    @Test
    void theApplicationRoleCannotBypassRowLevelSecurity() throws SQLException {
        try (Connection admin = Orgbase.target().superuser();
                PreparedStatement role =
                        admin.prepareStatement("select rolsuper, rolbypassrls from pg_roles where rolname = ?")) {
            role.setString(1, EmbeddedDatabase.APP);
            try (ResultSet rs = role.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isFalse();
                assertThat(rs.getBoolean(2)).isFalse();
            }
            assertThat(count(
                            admin,
                            "select count(*) from pg_tables where schemaname = 'public' and tableowner = '"
                                    + EmbeddedDatabase.APP + "'"))
                    .isZero();
            assertThat(
                            count(
                                    admin,
                                    "select count(*) from pg_class where relname in ('department', 'membership', 'organization',"
                                            + " 'org_role', 'api_key', 'invitation') and relrowsecurity and relforcerowsecurity"))
                    .isEqualTo(6);
            // every table that holds an organization's rows, today's and every one added later, has
            // its row policies enabled, forced on its owner, and one that limits reads to the tenant
            List<String> unguarded = new java.util.ArrayList<>();
            try (PreparedStatement tables = admin.prepareStatement(
                            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                    + " where n.nspname = 'public' and c.relkind in ('r', 'p')"
                                    + " and exists (select 1 from pg_attribute a where a.attrelid = c.oid"
                                    + "   and a.attname = 'org_id' and not a.attisdropped)"
                                    // the platform's security log: written in and outside tenants,
                                    // never read by the application (SecurityEvents)
                                    + " and c.relname <> 'security_event'"
                                    // a counter per organization and nothing else, read before a
                                    // tenant is entered (AccessCache), written only by its trigger
                                    + " and c.relname <> 'access_generation'"
                                    // the search index: no privilege for the application at
                                    // all, read only through orgbase_search_ids(), which keeps
                                    // to the tenant (searchesNeverReachAnotherOrganization)
                                    + " and c.relname <> 'search_text'"
                                    + " and not (c.relrowsecurity and c.relforcerowsecurity"
                                    // a policy that reads rows, and limits them to the tenant
                                    + "   and exists (select 1 from pg_policy p where p.polrelid = c.oid"
                                    + "     and p.polcmd in ('*', 'r')"
                                    + "     and pg_get_expr(p.polqual, p.polrelid) like '%orgbase_current_org()%'))"
                                    + " order by 1");
                    ResultSet rows = tables.executeQuery()) {
                while (rows.next()) {
                    unguarded.add(rows.getString(1));
                }
            }
            assertThat(unguarded)
                    .as("tables with org_id but no forced row policy")
                    .isEmpty();
            // policies call the settings' functions directly: inlined, they let the planner estimate
            // with the setting's value; as scalar subqueries (InitPlans) it cannot, and with 10,000
            // organizations the first page of a large one's members planned a sort of all of them
            // (18 ms) instead of walking the email index (0.8 ms)
            List<String> hidden = new java.util.ArrayList<>();
            try (PreparedStatement policies = admin.prepareStatement("select c.relname || '.' || p.polname"
                            + " from pg_policy p join pg_class c on c.oid = p.polrelid"
                            + " where concat(pg_get_expr(p.polqual, p.polrelid), ' ',"
                            + " pg_get_expr(p.polwithcheck, p.polrelid))"
                            + " ~ 'SELECT (orgbase_current_org|orgbase_current_user|orgbase_platform_scope)\\(\\)'"
                            + " order by 1");
                    ResultSet rows = policies.executeQuery()) {
                while (rows.next()) {
                    hidden.add(rows.getString(1));
                }
            }
            assertThat(hidden)
                    .as("policies that hide the tenant's settings from the planner in scalar subqueries")
                    .isEmpty();
        }
    }

    @Test
    void theAuditTrailShowsTheApplicationOnlyItsTenantsChain() throws SQLException {
        try (Connection app = Fixtures.appRole()) {
            assertThat(count(app, "select count(*) from audit_event where chain = '" + theirs.id() + "'"))
                    .isZero();
            app.setAutoCommit(false);
            setTenant(app, mine.id());
            assertThat(count(app, "select count(*) from audit_event")).isPositive();
            assertThat(count(app, "select count(*) from audit_event where chain <> '" + mine.id() + "'"))
                    .isZero();
            app.rollback();
        }
    }

    /**
     * Searches go through the search index (V50, V51), a table without row policies: the
     * application role may not touch it, and the functions it may call find only the current
     * tenant's rows, in a count as in a page.
     */
    @Test
    void searchesNeverReachAnotherOrganization() throws SQLException {
        String bobsName = bob.email().substring(0, bob.email().indexOf('@'));
        assertThat(Pages.emails(alice.api().get(mine.path() + "/members?q=" + Pages.encode(bobsName))))
                .isEmpty();
        assertThat(Pages.emails(bob.api().get(theirs.path() + "/members?q=" + Pages.encode(bobsName))))
                .containsExactly(bob.email());
        assertThat(alice.api().get(mine.path() + "/departments?q=theirs").json().getJsonArray("items"))
                .isEmpty();
        assertThat(bob.api().get(theirs.path() + "/departments?q=theirs").json().getJsonArray("items"))
                .hasSize(1);
        JsonObject counted = alice.api()
                .get(mine.path() + "/departments?q=theirs&count=true&sort=name")
                .json();
        assertThat(counted.getJsonArray("items")).isEmpty();
        assertThat(counted.getJsonNumber("total").longValue()).isZero();
        // in another order the index's matches go to the page query as a list of ids (V52)
        for (String query :
                List.of("/departments?q=theirs&count=true&sort=-name", "/departments?q=theirs&count=true&sort=code")) {
            JsonObject listed = alice.api().get(mine.path() + query).json();
            assertThat(listed.getJsonArray("items")).as(query).isEmpty();
            assertThat(listed.getJsonNumber("total").longValue()).as(query).isZero();
            assertThat(bob.api().get(theirs.path() + query).json().getJsonArray("items"))
                    .as(query)
                    .hasSize(1);
        }
        assertThat(Pages.emails(alice.api().get(mine.path() + "/members?sort=-joinedAt&q=" + Pages.encode(bobsName))))
                .isEmpty();
        assertThat(Pages.emails(bob.api().get(theirs.path() + "/members?sort=-joinedAt&q=" + Pages.encode(bobsName))))
                .containsExactly(bob.email());
        try (Connection app = Fixtures.appRole()) {
            app.setAutoCommit(false);
            assertThatThrownBy(() -> count(app, "select count(*) from search_text"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            app.rollback();
            assertThat(count(app, "select cardinality(orgbase_search_ids('department', '%theirs%', null))"))
                    .as("without a tenant")
                    .isZero();
            setTenant(app, mine.id());
            assertThat(count(app, "select cardinality(orgbase_search_ids('department', '%theirs%', null))"))
                    .isZero();
            assertThat(count(app, "select cardinality(orgbase_search_ids('member', '%" + bobsName + "%', null))"))
                    .isZero();
            app.rollback();
            String page = "select cardinality(ids) + coalesce(total, 0) from orgbase_search_page('%s', '%s', %s,"
                    + " null, null, 1000, true)";
            assertThat(count(app, String.format(page, "department", "%theirs%", "null")))
                    .as("without a tenant")
                    .isZero();
            setTenant(app, mine.id());
            assertThat(count(app, String.format(page, "department", "%theirs%", "null")))
                    .isZero();
            assertThat(count(app, String.format(page, "department", "%theirs%", "'" + theirs.id() + "'")))
                    .as("naming another organization than the tenant")
                    .isZero();
            assertThat(count(app, String.format(page, "member", "%" + bobsName + "%", "null")))
                    .isZero();
            app.rollback();
            setTenant(app, theirs.id());
            assertThat(count(app, "select cardinality(orgbase_search_ids('department', '%theirs%', null))"))
                    .isEqualTo(1);
            assertThat(count(app, String.format(page, "department", "%theirs%", "'" + theirs.id() + "'")))
                    .as("one id and a count of one")
                    .isEqualTo(2);
            app.rollback();
        }
    }

    @Test
    void securityEventsAreAppendOnlyForTheApplication() throws SQLException {
        try (Connection app = Fixtures.appRole()) {
            assertThatThrownBy(() -> app.createStatement().executeUpdate("delete from security_event"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> app.createStatement().executeUpdate("update security_event set detail = 'x'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    private static void setTenant(Connection connection, UUID orgId) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('orgbase.org_id', ?, true)")) {
            set.setString(1, orgId.toString());
            set.executeQuery().close();
        }
    }

    private static void insertDepartment(Connection connection, UUID orgId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into department (id, org_id, name, code, created_at, updated_at) values (?, ?, 'Planted', ?, now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, orgId);
            insert.setString(3, "P-" + Secrets.suffix());
            insert.executeUpdate();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
