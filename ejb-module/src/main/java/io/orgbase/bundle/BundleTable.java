package io.orgbase.bundle;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One table of an organization bundle: which of its rows belong to the organization, in which
 * order they are loaded (a parent before its children), and what each {@code uuid} column refers
 * to, so that a loaded row points at the loaded copies. Every other column travels as it is.
 *
 * @param name the table
 * @param scope the condition choosing the organization's rows, its one parameter the organization's id
 * @param order the order rows are written and loaded in
 * @param refs what each {@code uuid} column refers to; a column not named here stops the export
 * @param computed columns the schema computes when a row is inserted (a tree's path), not carried
 */
public record BundleTable(String name, String scope, String order, Map<String, Ref> refs, Set<String> computed) {

    /** What a {@code uuid} column holds. */
    public enum Ref {
        /** A row of the organization (its own id, or a reference to another): given a new id. */
        ROW,
        /** The organization itself: the new organization's id. */
        ORG,
        /** An account: the matching account of the installation the bundle goes to. */
        USER,
        /**
         * A person who was a member: a current member's account here; someone who left (the bundle
         * carries no account of theirs) gets an id of their own, so their history stays theirs.
         */
        PAST_USER,
        /** A row of the organization, written after every table (a parent role loaded later). */
        LATE_ROW,
        /** A member's account, written after every table (a department's head, a manager). */
        LATE_USER,
        /** Something a bundle does not carry (the job that last wrote the row): left empty. */
        NONE
    }

    /** The file of this table's rows in the archive. */
    public String file() {
        return name + ".ndjson";
    }

    public Ref ref(String column) {
        return refs.get(column);
    }

    /** A tenant table, its rows those of {@code org_id}: its id, organization and who wrote it declared. */
    static BundleTable tenant(String name, String order, Map<String, Ref> refs) {
        return tenant(name, order, refs, Set.of());
    }

    static BundleTable tenant(String name, String order, Map<String, Ref> refs, Set<String> computed) {
        Map<String, Ref> all =
                new HashMap<>(Map.of("id", Ref.ROW, "org_id", Ref.ORG, "created_by", Ref.USER, "updated_by", Ref.USER));
        all.putAll(refs);
        return new BundleTable(name, "org_id = ?", order, Map.copyOf(all), computed);
    }
}
