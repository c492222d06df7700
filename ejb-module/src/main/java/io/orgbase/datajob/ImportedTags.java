package io.orgbase.datajob;

import io.orgbase.persistence.Ids;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tag.control.Tags;
import jakarta.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A record's tags from an import's {@code tags} cell: names split by ';' (as an export writes
 * them), cleaned as the API cleans them. A row with the cell gives its record exactly those tags
 * (a blank cell removes them all); new names join the organization's vocabulary, spelled as the
 * vocabulary already spells them whatever the file's case. Written set-based, after the unit's
 * records.
 */
public final class ImportedTags {

    public static final String FIELD = "tags";

    private final Connection connection;
    private final UUID orgId;
    private final UUID actorId;
    private final String entity;
    private final Map<UUID, List<String>> wanted = new LinkedHashMap<>();

    public ImportedTags(Connection connection, DataSpec.Unit unit, RecordKind kind) {
        this.connection = connection;
        this.orgId = unit.orgId();
        this.actorId = unit.actorId();
        this.entity = kind.key();
    }

    /**
     * Before a unit writes anything: a key-share lock on each of the organization's tags its rows
     * name, in the order of their ids. A rename, merge or delete of a tag locks it for update first
     * and then gives every record carrying it a new version; without these locks a unit could hold
     * such a record (written) while it waits for that tag (its tagging's foreign key), the change
     * would wait for the record, and PostgreSQL would abort one of the two. With them, the change
     * either ends before the unit writes or waits for its commit. A dry run writes no record and
     * takes none.
     */
    public static void lockNamed(Connection connection, DataSpec.Unit unit) throws SQLException {
        if (unit.dryRun()) {
            return;
        }
        Set<String> names = new HashSet<>();
        try (PreparedStatement cells = connection.prepareStatement(
                "select r.fields ->> 'tags' from data_job_row r where r.job_id = ? and r.row_no > ?"
                        + " and r.row_no <= ? and jsonb_typeof(r.fields -> 'tags') = 'string'")) {
            cells.setObject(1, unit.jobId());
            cells.setLong(2, unit.afterRow());
            cells.setLong(3, unit.lastRow());
            try (ResultSet rs = cells.executeQuery()) {
                while (rs.next()) {
                    try {
                        names.addAll(Tags.clean(split(rs.getString(1))));
                    } catch (InvalidInput refused) {
                        // the row fails when it is applied; it names no tag
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "select t.id from tag t where t.org_id = ? and t.name_key = any (select lower(n) from unnest(?) n)"
                        + " order by t.id for key share of t")) {
            lock.setObject(1, unit.orgId());
            lock.setArray(2, connection.createArrayOf("text", names.toArray()));
            lock.executeQuery().close();
        }
    }

    /** At staging: the names, when the cell has any, must be tags the API would take. */
    public static void check(Map<String, String> cells, List<RowProblem> problems) {
        String cell = cells.get(FIELD);
        if (cell == null) {
            return;
        }
        try {
            Tags.clean(split(cell));
        } catch (InvalidInput wrong) {
            problems.add(new RowProblem(FIELD, wrong.errors().get(0).reason() + " (names split by ';')"));
        }
    }

    private static List<String> split(String cell) {
        return Arrays.stream(cell.split(";")).filter(name -> !name.isBlank()).toList();
    }

    /** The row's names (cleaned), or null when the row leaves the record's tags as they are. */
    public static List<String> of(JsonObject fields) {
        if (!fields.containsKey(FIELD)) {
            return null;
        }
        return fields.isNull(FIELD) ? List.of() : Tags.clean(split(fields.getString(FIELD)));
    }

    /** The records' tags as they are now, by record, in lower case. */
    public Map<UUID, Set<String>> current(List<UUID> ids) throws SQLException {
        Map<UUID, Set<String>> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select t.entity_id, g.name from tagging t join tag g on g.org_id = t.org_id and g.id = t.tag_id"
                        + " where t.org_id = ? and t.entity = ? and t.entity_id = any (?)")) {
            statement.setObject(1, orgId);
            statement.setString(2, entity);
            statement.setArray(3, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(Ids.of(rs.getObject(1)), id -> new HashSet<>())
                            .add(rs.getString(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        return found;
    }

    /** Whether the row's names differ from the record's (null names: the row leaves them). */
    public static boolean differ(List<String> names, Set<String> current) {
        if (names == null) {
            return false;
        }
        Set<String> given = new HashSet<>();
        names.forEach(name -> given.add(name.toLowerCase(Locale.ROOT)));
        return !given.equals(current == null ? Set.of() : current);
    }

    /** The record is to have exactly these tags once the unit's records are written. */
    public void set(UUID recordId, List<String> names) {
        if (names != null) {
            wanted.put(recordId, names);
        }
    }

    /** The record was not written after all (another transaction created its key meanwhile). */
    public void forget(UUID recordId) {
        wanted.remove(recordId);
    }

    /** Writes the vocabulary's new names and the records' taggings. */
    public void flush() throws SQLException {
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, String> names = new LinkedHashMap<>();
        wanted.values().forEach(list -> list.forEach(name -> names.putIfAbsent(name.toLowerCase(Locale.ROOT), name)));
        Map<String, UUID> ids = vocabulary(names);
        try (PreparedStatement drop = connection.prepareStatement(
                        "delete from tagging where org_id = ? and entity = ? and entity_id = ? and tag_id <> all (?)");
                PreparedStatement add = connection.prepareStatement(
                        "insert into tagging (id, org_id, tag_id, entity, entity_id, created_at, updated_at, created_by,"
                                + " updated_by) values (?, ?, ?, ?, ?, now(), now(), ?, ?) on conflict do nothing")) {
            for (Map.Entry<UUID, List<String>> record : wanted.entrySet()) {
                List<UUID> tagIds = new ArrayList<>();
                for (String name : record.getValue()) {
                    UUID tagId = ids.get(name.toLowerCase(Locale.ROOT));
                    if (tagId != null) {
                        tagIds.add(tagId);
                    }
                }
                Array keep = connection.createArrayOf("uuid", tagIds.toArray());
                drop.setObject(1, orgId);
                drop.setString(2, entity);
                drop.setObject(3, record.getKey());
                drop.setArray(4, keep);
                drop.addBatch();
                for (UUID tagId : tagIds) {
                    add.setObject(1, Ids.newId());
                    add.setObject(2, orgId);
                    add.setObject(3, tagId);
                    add.setString(4, entity);
                    add.setObject(5, record.getKey());
                    add.setObject(6, actorId);
                    add.setObject(7, actorId);
                    add.addBatch();
                }
            }
            drop.executeBatch();
            add.executeBatch();
        }
        wanted.clear();
    }

    /** The tags of these names (by lower-case name), created where the organization has none. */
    private Map<String, UUID> vocabulary(Map<String, String> names) throws SQLException {
        // the lock the API takes before it adds names, so that the two take turns
        try (PreparedStatement lock =
                connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "tags:" + orgId);
            lock.execute();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into tag (id, org_id, name, created_at, updated_at, created_by, updated_by)"
                        + " values (?, ?, ?, now(), now(), ?, ?) on conflict do nothing")) {
            for (String name : names.values()) {
                insert.setObject(1, Ids.newId());
                insert.setObject(2, orgId);
                insert.setString(3, name);
                insert.setObject(4, actorId);
                insert.setObject(5, actorId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, UUID> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, name from tag where org_id = ? and name_key = any (select lower(n) from unnest(?) n)")) {
            select.setObject(1, orgId);
            select.setArray(2, connection.createArrayOf("text", names.values().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2).toLowerCase(Locale.ROOT), Ids.of(rs.getObject(1)));
                }
            }
        }
        // where Java and the database lower a name differently, the database's match decides
        for (String name : names.values()) {
            if (!ids.containsKey(name.toLowerCase(Locale.ROOT))) {
                try (PreparedStatement one =
                        connection.prepareStatement("select id from tag where org_id = ? and name_key = lower(?)")) {
                    one.setObject(1, orgId);
                    one.setString(2, name);
                    try (ResultSet rs = one.executeQuery()) {
                        if (rs.next()) {
                            ids.put(name.toLowerCase(Locale.ROOT), Ids.of(rs.getObject(1)));
                        }
                    }
                }
            }
        }
        return ids;
    }
}
