package io.orgbase.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installation upgraded with data in it, not just a fresh schema: the migrations that backfill
 * across tenants run as the schema owner, whom the row policies bind too (FORCE), so a backfill
 * that forgets to lift them finds no rows. Migrates to V16, writes rows the way older versions
 * did, migrates to the latest and checks what the backfills made of them.
 */
class MigrationUpgradeTest {

    private static final String ORG = "00000000-0000-0000-0000-000000000001";
    private static final String USER = "00000000-0000-0000-0000-0000000000a1";

    @Test
    void backfillsReachEveryTenantsRows(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), FreePorts.next(), false)) {
            FluentConfiguration flyway = Flyway.configure()
                    .dataSource(db.url(), EmbeddedDatabase.OWNER, db.ownerPassword())
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("app_role", EmbeddedDatabase.APP));
            flyway.target("16").load().migrate();
            try (Connection c = db.superuserConnection();
                    Statement s = c.createStatement()) {
                s.execute("insert into organization (id, slug, name, code, type, created_at, updated_at)" + " values ('"
                        + ORG + "', 'acme', 'Acme', 'ACME', 'company', now(), now())");
                s.execute("insert into app_user (id, email, display_name, password_hash, created_at, updated_at)"
                        + " values ('" + USER + "', 'a@x.io', 'A', 'x', now(), now())");
                s.execute("insert into membership (id, org_id, user_id, role, created_at, updated_at) values"
                        + " (gen_random_uuid(), '" + ORG + "', '" + USER + "', 'owner', now() - interval '40 days',"
                        + " now())");
                department(s, "d1", null);
                department(s, "d2", "d1");
                department(s, "d3", "d2");
                s.execute("insert into refresh_token (id, user_id, family_id, token_hash, expires_at, created_at,"
                        + " updated_at) values (gen_random_uuid(), '" + USER + "', gen_random_uuid(), 'h',"
                        + " now() + interval '1 day', now() - interval '2 hours', now())");
            }

            flyway.target("latest").load().migrate();

            try (Connection c = db.superuserConnection();
                    Statement s = c.createStatement()) {
                assertThat(rows(s, "select name || ':' || depth || ':' || path from department order by depth"))
                        .containsExactly(
                                "d1:1:" + hex("d1") + "/",
                                "d2:2:" + hex("d1") + "/" + hex("d2") + "/",
                                "d3:3:" + hex("d1") + "/" + hex("d2") + "/" + hex("d3") + "/");
                assertThat(rows(
                                s,
                                "select user_id || ':' || (joined_at < now() - interval '39 days')"
                                        + " from membership_period where left_at is null"))
                        .containsExactly(USER + ":true");
                assertThat(rows(s, "select amr || ':' || (auth_time < now() - interval '1 hour') from refresh_token"))
                        .containsExactly("pwd:true");
                // the policies are back in force after the backfills
                assertThat(rows(
                                s,
                                "select relname from pg_class where relname in ('department', 'membership',"
                                        + " 'membership_period') and relforcerowsecurity order by relname"))
                        .containsExactly("department", "membership", "membership_period");
            }
        }
    }

    private static void department(Statement s, String name, String parent) throws SQLException {
        s.execute("insert into department (id, org_id, name, code, parent_id, created_at, updated_at) values ('"
                + id(name) + "', '" + ORG + "', '" + name + "', '" + name + "', "
                + (parent == null ? "null" : "'" + id(parent) + "'") + ", now(), now())");
    }

    private static String id(String name) {
        return "00000000-0000-0000-0000-0000000000" + name;
    }

    private static String hex(String name) {
        return id(name).replace("-", "");
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
