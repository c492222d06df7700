package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a collection is imported, declared once per collection: its columns, its natural key, the
 * checks a row passes before it is staged (the same constraints as the API's request record), and
 * how staged rows are applied, many at a time, in the organization's transaction.
 */
public interface DataSpec {

    /** The collection's name in the API ({@code departments}). */
    String collection();

    /** Who may import it. */
    Permission writePermission();

    /** Every field an import reads; the first is the natural key. */
    List<DataColumn> columns();

    /** The natural key's field. */
    default String keyField() {
        return columns().get(0).field();
    }

    /**
     * Checks one row before it is staged.
     *
     * @param cells the mapped fields present in the file (field to cell text, blank cells as null)
     */
    Checked check(Map<String, String> cells, Mode mode);

    /**
     * Applies (or, in a dry run, only judges) the staged rows of one unit, in the chunk's
     * transaction on {@code connection}, as {@code tenant} (rebuilt for the chunk from whoever
     * started the job).
     */
    Applied apply(Tenant tenant, Connection connection, Unit unit) throws SQLException;

    /**
     * Staged rows applied in one transaction: fewer for collections whose rows are written one at
     * a time, so that a unit stays short and its progress shows.
     */
    default int unitRows() {
        return 1000;
    }

    /**
     * Whether an import may ask for all or nothing: only where the whole unit is written in the
     * chunk's transaction (set-based), so that a refusal undoes it.
     */
    default boolean allOrNothing() {
        return true;
    }

    /** What is wrong with rows that refer to themselves through other rows of the file (a cycle). */
    default String cycleProblem() {
        return "refers to itself through other rows of the file";
    }

    /** How an import treats rows whose key exists, or does not. */
    enum Mode {
        CREATE,
        UPDATE,
        UPSERT;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Mode of(String key) {
            for (Mode mode : values()) {
                if (mode.key().equals(key)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /**
     * A row as checked: its key, the key of the row it refers to (its parent, applied before it;
     * null for none), its staged fields, or what is wrong with it.
     */
    record Checked(String key, String parentKey, JsonObject fields, List<RowProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The staged rows of one level after {@code afterRow}, up to {@code lastRow}. */
    record Unit(
            UUID orgId, UUID jobId, UUID actorId, Mode mode, boolean dryRun, int level, long afterRow, long lastRow) {}

    /** What applying a unit did, or in a dry run would do. */
    record Applied(long created, long updated, long unchanged, long failed) {}
}
