package io.orgbase.bundle;

import io.orgbase.bundle.BundleTable.Ref;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an organization bundle holds: every table whose rows belong to one organization is either
 * carried (in load order) or left out for a stated reason. A new tenant table, or a new
 * {@code uuid} column of a carried one, stops every export until it is declared here — a bundle
 * never silently loses a table or points a reference at the wrong row.
 */
public final class BundleTables {

    /** The bundle's format; a reader refuses a newer one. */
    public static final String FORMAT = "orgbase-organization-bundle";

    public static final int FORMAT_VERSION = 1;

    /** The accounts of the organization's members: matched by email where the bundle goes. */
    public static final String USERS = "users.ndjson";

    /** The organization's audit trail: kept in the archive as a record, not loaded. */
    public static final String AUDIT = "audit.ndjson";

    public static final String MANIFEST = "manifest.json";

    /** Carried tables, each after every table it refers to (except late columns). */
    public static final List<BundleTable> TABLES = List.of(
            new BundleTable(
                    "organization",
                    "id = ?",
                    "id",
                    Map.of(
                            "id", Ref.ORG,
                            // the copy is an organization of its own, at the top of its hierarchy
                            "parent_id", Ref.NONE,
                            "primary_contact_id", Ref.LATE_ROW,
                            "created_by", Ref.USER,
                            "updated_by", Ref.USER),
                    Set.of()),
            BundleTable.tenant("organization_settings", "id", Map.of()),
            BundleTable.tenant("organization_feature", "id", Map.of()),
            BundleTable.tenant("custom_field", "id", Map.of()),
            BundleTable.tenant("tag", "id", Map.of()),
            BundleTable.tenant("mail_template_override", "id", Map.of()),
            BundleTable.tenant("org_role", "id", Map.of("parent_id", Ref.LATE_ROW)),
            // a parent's depth is lower: it is loaded first; path and depth follow from the parent
            BundleTable.tenant(
                    "department",
                    "depth, id",
                    Map.of("parent_id", Ref.ROW, "head_id", Ref.LATE_USER, "last_job_id", Ref.NONE),
                    Set.of("path", "depth")),
            BundleTable.tenant(
                    "membership",
                    "id",
                    Map.of(
                            "user_id", Ref.USER,
                            "role_id", Ref.ROW,
                            "department_id", Ref.ROW,
                            "manager_id", Ref.LATE_USER)),
            // each membership's trigger opens its period: a carried open period sets when it began
            BundleTable.tenant("membership_period", "joined_at, id", Map.of("user_id", Ref.PAST_USER)),
            BundleTable.tenant("team", "id", Map.of("last_job_id", Ref.NONE)),
            BundleTable.tenant("team_member", "id", Map.of("team_id", Ref.ROW, "user_id", Ref.USER)),
            BundleTable.tenant("contact", "id", Map.of("last_job_id", Ref.NONE)),
            channel("contact_email"),
            channel("contact_phone"),
            channel("contact_address"),
            BundleTable.tenant("category", "depth, id", Map.of("parent_id", Ref.ROW), Set.of("path", "depth")),
            // a tagged record is any of the kinds above (or the organization itself)
            BundleTable.tenant("tagging", "id", Map.of("tag_id", Ref.ROW, "entity_id", Ref.ROW)),
            BundleTable.tenant("announcement", "id", Map.of("department_id", Ref.ROW, "team_id", Ref.ROW)));

    /** Tenant tables a bundle leaves out, and why. */
    public static final Map<String, String> LEFT_OUT = orderedMap(
            "api_key", "secrets: keys are issued again where the organization goes",
            "invitation", "open invitations carry secret links; they are sent again",
            "data_job", "work of this installation (imports, exports)",
            "data_job_row", "work of this installation",
            "data_job_error", "work of this installation",
            "stored_file", "the files of data jobs, which expire",
            "stored_file_chunk", "the files of data jobs, which expire",
            "notification", "each person's inbox of this installation",
            "mail_delivery", "mail sent or queued by this installation",
            "outbox_event", "events of this installation, delivered or in flight",
            "dead_letter", "events of this installation that failed",
            "security_event", "this installation's security log (sign-ins, lockouts)",
            "access_generation", "this installation's counter of access changes (the access cache's check)",
            "search_text", "the search index, which the database rebuilds from the rows a bundle loads",
            "notification_preference", "each person's own choices, which only they may read or write");

    private BundleTables() {}

    /**
     * A contact's channels, chosen through their contacts: these tables are indexed by contact, not
     * by organization (an index led by org_id misleads the planner for a new organization, V45).
     */
    private static BundleTable channel(String name) {
        BundleTable table = BundleTable.tenant(name, "contact_id, id", Map.of("contact_id", Ref.ROW));
        return new BundleTable(
                name,
                "contact_id in (select c.id from contact c where c.org_id = ?)",
                table.order(),
                table.refs(),
                table.computed());
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** A column as the schema has it. */
    public record Column(String name, String type, boolean nullable) {}

    /** The table's columns a bundle carries (not generated, not computed), in the schema's order. */
    public static List<Column> columns(Connection connection, BundleTable table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select column_name, data_type, is_nullable = 'YES' from information_schema.columns"
                        + " where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER'"
                        + " order by ordinal_position")) {
            select.setString(1, table.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (!table.computed().contains(name)) {
                        columns.add(new Column(name, rows.getString(2), rows.getBoolean(3)));
                    }
                }
            }
        }
        return columns;
    }

    /**
     * Checks that the schema holds nothing a bundle would lose: every table with an {@code org_id}
     * is carried or left out, and every {@code uuid} column of a carried table is declared.
     *
     * @throws IllegalStateException naming what is not declared
     */
    public static void checkDeclared(Connection connection) throws SQLException {
        Set<String> problems = new TreeSet<>();
        Set<String> declared = new TreeSet<>(LEFT_OUT.keySet());
        TABLES.forEach(table -> declared.add(table.name()));
        try (PreparedStatement select =
                connection.prepareStatement("select distinct table_name from information_schema.columns"
                        + " where table_schema = current_schema() and column_name = 'org_id'")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!declared.contains(rows.getString(1))) {
                        problems.add("table " + rows.getString(1) + " is neither carried nor left out");
                    }
                }
            }
        }
        for (BundleTable table : TABLES) {
            List<Column> columns = columns(connection, table);
            if (columns.isEmpty()) {
                problems.add("table " + table.name() + " is not in the schema");
            }
            for (Column column : columns) {
                if (column.type().equals("uuid") && table.ref(column.name()) == null) {
                    problems.add("column " + table.name() + "." + column.name() + " refers to nothing declared");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("organization bundles do not cover the schema: " + problems
                    + " (declare them in " + BundleTables.class.getName() + ")");
        }
    }
}
