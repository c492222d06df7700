package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The organization-structure benchmarks' data: one organization ({@code bench-tree}) with a
 * department tree of five levels (10 × 10 × 10 × 10 × {@code leaves}), {@code members} members
 * placed in its leaves (half of them active recently) and {@code teams} teams of 20, written
 * straight into the database; its owner signs in with {@link #ownerEmail}/{@link #ownerPassword}.
 */
final class StructureData {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");

    final String ownerEmail = "bench-owner@bench.example";
    final String ownerPassword = "Owner-" + UUID.randomUUID();
    final String org = "bench-tree";
    final List<List<UUID>> levels = new ArrayList<>();
    final List<UUID> teamIds = new ArrayList<>();
    final int leaves;
    final int members;
    final int teams;
    String token;

    StructureData(int leaves, int members, int teams) {
        this.leaves = leaves;
        this.members = members;
        this.teams = teams;
    }

    int departmentCount() {
        return levels.stream().mapToInt(List::size).sum();
    }

    /** Creates the owner and the organization over the API, then writes the rest into the database. */
    void load(BenchClient client, Launcher launcher, String password) throws Exception {
        String admin = client.login("bench-admin@bench.example", password);
        String email = ownerEmail;
        client.send(
                "POST",
                "/api/v1/admin/users",
                admin,
                "{\"email\":\"" + email + "\",\"password\":\"" + ownerPassword + "\",\"displayName\":\"Bench owner\"}");
        token = client.login(email, ownerPassword);
        UUID orgId = UUID.fromString(BenchClient.field(
                client.send("POST", "/api/v1/orgs", token, "{\"slug\":\"bench-tree\",\"name\":\"Tree\"}"), "id"));
        long started = System.nanoTime();
        try (Connection db = launcher.database().superuserConnection()) {
            // A level at a time, analyzed before the next: the trigger's parent lookup is planned
            // once per session, and a plan made while the table looked empty would scan it.
            levels.add(departments(db, orgId, null, 10, 1));
            for (int level = 2; level <= 5; level++) {
                levels.add(departments(db, orgId, levels.get(level - 2), level == 5 ? leaves : 10, level));
            }
            people(db, orgId);
            try (Statement analyze = db.createStatement()) {
                analyze.execute("VACUUM ANALYZE department");
                analyze.execute("VACUUM ANALYZE membership");
                analyze.execute("VACUUM ANALYZE team_member");
            }
        }
        REPORT.info(String.format(
                Locale.ROOT,
                "loaded %,d departments, %,d members and %,d teams in %.0f s",
                levels.stream().mapToInt(List::size).sum(),
                members,
                teams,
                (System.nanoTime() - started) / 1e9));
    }

    /** {@code each} departments under every parent (or at the top); the database's trigger keeps the paths. */
    private static List<UUID> departments(Connection db, UUID org, List<UUID> parents, int each, int level)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into department (id, org_id, name, code, parent_id,"
                + " created_at, updated_at, version) select gen_random_uuid(), ?, 'L" + level + " ' || p.n || '-' || i,"
                + " 'L" + level + "-' || p.n || '-' || i, p.id, now(), now(), 1"
                + " from (select id, row_number() over () n from unnest(?::uuid[]) id) p, generate_series(1, ?) i")) {
            insert.setObject(1, org);
            insert.setArray(2, db.createArrayOf("uuid", parents == null ? new Object[] {null} : parents.toArray()));
            insert.setInt(3, each);
            insert.executeUpdate();
        }
        try (Statement analyze = db.createStatement()) {
            analyze.execute("ANALYZE department");
        }
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement select =
                db.prepareStatement("select id from department where org_id = ? and depth = ? order by id")) {
            select.setObject(1, org);
            select.setInt(2, level);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add((UUID) rs.getObject(1));
                }
            }
        }
        return ids;
    }

    /** Users and memberships placed in random leaves, half of them active recently, and teams of 20. */
    private void people(Connection db, UUID org) throws SQLException {
        try (PreparedStatement users = db.prepareStatement(
                        "insert into app_user (id, email, display_name,"
                                + " password_hash, created_at, updated_at) select gen_random_uuid(), 'member' || i"
                                + " || '@bench.example', 'Member ' || i, 'not-a-hash', now(), now() from generate_series(1, ?) i");
                PreparedStatement memberships = db.prepareStatement(
                        "insert into membership (id, org_id, user_id, role,"
                                + " created_at, updated_at, department_id, last_active_at) select gen_random_uuid(), ?, u.id,"
                                + " 'member', now() - (random() * interval '700 days'), now(), (?::uuid[])[1 + floor(random() * ?)::int],"
                                + " case when random() < 0.5 then now() end from app_user u where u.email like 'member%@bench.example'")) {
            users.setInt(1, members);
            users.executeUpdate();
            memberships.setObject(1, org);
            memberships.setArray(2, db.createArrayOf("uuid", levels.get(4).toArray()));
            memberships.setInt(3, levels.get(4).size());
            memberships.executeUpdate();
        }
        try (PreparedStatement insert =
                db.prepareStatement("insert into team (id, org_id, name, created_at, updated_at)"
                        + " select gen_random_uuid(), ?, 'Team ' || i, now(), now() from generate_series(1, ?) i")) {
            insert.setObject(1, org);
            insert.setInt(2, teams);
            insert.executeUpdate();
        }
        try (PreparedStatement insert =
                db.prepareStatement("insert into team_member (id, org_id, team_id, user_id, role,"
                        + " created_at, updated_at) select gen_random_uuid(), t.org_id, t.id, m.user_id,"
                        + " case when m.n = 1 and t.n % 2 = 0 then 'lead' else 'member' end, now(), now()"
                        + " from (select id, org_id, row_number() over (order by id) n from team where org_id = ?) t"
                        + " cross join lateral (select user_id, row_number() over () n from membership"
                        + " where org_id = t.org_id and role = 'member' offset (t.n * 20) % ? limit 20) m")) {
            insert.setObject(1, org);
            insert.setInt(2, Math.max(1, members - 20));
            insert.executeUpdate();
        }
        try (PreparedStatement select = db.prepareStatement("select id from team where org_id = ?")) {
            select.setObject(1, org);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    teamIds.add((UUID) rs.getObject(1));
                }
            }
        }
    }
}
