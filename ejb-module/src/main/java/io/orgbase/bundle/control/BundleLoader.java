package io.orgbase.bundle.control;

import io.orgbase.bundle.BundleTable;
import io.orgbase.bundle.BundleTable.Ref;
import io.orgbase.bundle.BundleTables;
import io.orgbase.bundle.BundleTables.Column;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.Emails;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Loads a bundle as a new organization, in the caller's transaction and in the new organization's
 * tenant (the row policies check every row written). Each row of the organization gets a new id
 * derived from its old one and a salt of this load, so references inside the bundle stay intact
 * without a lookup table; accounts are matched by email (a member without an account here gets one
 * with no password: they set theirs through "forgot password", which proves the address); rows are
 * written a thousand at a time by one statement each.
 */
@Dependent
public class BundleLoader {

    /** Rows written per statement. */
    static final int CHUNK = 1_000;

    /** Most characters (not bytes) of rows written per statement (rows can be large: documents, notes). */
    static final int CHUNK_CHARS = 4 << 20;

    /**
     * Rows of a table after which its statistics are refreshed before the next statement: the
     * planner knows nothing of a new organization, and plans for it as if it were empty.
     */
    static final long ANALYZE_AFTER = 5_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The password of an account a load creates: not a hash of anything (no PHC string), so no
     * password matches it; its person sets one through "forgot password", which proves the address.
     */
    static final String UNUSABLE_PASSWORD = "!bundle-import-no-password";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    Accounts accounts;

    /** What the new organization is called. */
    public record Target(String slug, String name, String code) {}

    /** Rows of one table: in the bundle, written, and left out (their person is not a member). */
    public record TableCount(long rows, long loaded, long skipped) {}

    /** What a load did. */
    public record Loaded(Map<String, TableCount> tables, int usersMatched, int usersCreated) {
        public long loaded() {
            return tables.values().stream().mapToLong(TableCount::loaded).sum();
        }
    }

    /**
     * @param connection the transaction's connection, in the new organization's tenant
     * @throws InvalidInput (field {@code bundle}) for rows that do not fit this installation's schema
     */
    public Loaded load(Connection connection, BundleArchive archive, UUID newOrgId, Target target) throws Exception {
        Set<String> known = BundleTables.TABLES.stream().map(BundleTable::file).collect(Collectors.toSet());
        for (String name : archive.names()) {
            if (!known.contains(name) && !name.equals(BundleTables.USERS) && !name.equals(BundleTables.AUDIT)) {
                throw BundleArchive.refused("holds " + name + ", a table this installation does not carry");
            }
        }
        Load load = new Load(connection, archive, newOrgId, target);
        load.users();
        Map<String, TableCount> counts = new LinkedHashMap<>();
        for (BundleTable table : BundleTables.TABLES) {
            if (archive.entry(table.file()) != null) {
                TableCount count = load.table(table);
                counts.put(table.name(), count);
                if (count.loaded() >= ANALYZE_AFTER && !table.name().equals("organization")) {
                    load.analyze(table.name());
                }
            }
        }
        load.late();
        return new Loaded(counts, load.matched, load.created);
    }

    /** One load's state: the id salt, the accounts found, the references written last. */
    private final class Load {

        private final Connection connection;
        private final BundleArchive archive;
        private final UUID oldOrgId;
        private final UUID newOrgId;
        private final Target target;
        private final byte[] salt = new byte[16];
        private final Map<UUID, UUID> users = new HashMap<>();
        /** table → column → (row's new id, the new id it refers to) */
        private final Map<String, Map<String, List<UUID[]>>> late = new LinkedHashMap<>();

        private int matched;
        private int created;

        Load(Connection connection, BundleArchive archive, UUID newOrgId, Target target) {
            this.connection = connection;
            this.archive = archive;
            this.oldOrgId = archive.sourceOrgId();
            this.newOrgId = newOrgId;
            this.target = target;
            RANDOM.nextBytes(salt);
        }

        /** The id a row of the organization gets here; the organization's own id becomes the new one's. */
        UUID id(UUID old) {
            if (old.equals(oldOrgId)) {
                return newOrgId;
            }
            ByteBuffer bytes = ByteBuffer.allocate(32).put(salt).putLong(old.getMostSignificantBits());
            bytes.putLong(old.getLeastSignificantBits());
            return UUID.nameUUIDFromBytes(bytes.array());
        }

        /**
         * Finds an account here for each member: the same account (an export loaded back into the
         * installation it came from), else the verified owner of the address. A member whose address
         * nobody has here gets an account of their own, vouched for by the administrator loading the
         * bundle, without a password. An address only unverified accounts claim here is refused: which
         * of them is the member cannot be known, and vouching for a new one would lock them out.
         */
        void users() throws Exception {
            Set<UUID> members = new HashSet<>();
            if (archive.entry("membership.ndjson") != null) {
                archive.read(
                        "membership.ndjson",
                        (number, row) -> members.add(uuid(row, "user_id", "membership.ndjson", number)));
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            Set<String> seen = new HashSet<>();
            List<String> claimed = new ArrayList<>();
            boolean[] locked = {false};
            archive.read(BundleTables.USERS, (number, row) -> {
                UUID old = uuid(row, "id", BundleTables.USERS, number);
                String email = string(row, "email");
                if (email == null || !email.matches("^[^@\\s]+@[^@\\s]+$") || email.length() > 254) {
                    throw BundleArchive.refused("account " + number + " of " + BundleTables.USERS + " has no email");
                }
                String normalized = Emails.normalize(email);
                if (!seen.add(normalized)) {
                    throw BundleArchive.refused(BundleTables.USERS + " holds " + normalized
                            + " twice: two members' accounts share the address, and only one may own it here");
                }
                if (!members.contains(old)) {
                    return;
                }
                // ids are random: an account with this id is this member's (the bundle comes from here),
                // whatever its address became since, unless it is an unverified claim of another one
                User same = em.find(User.class, old);
                if (same != null && (same.getEmail().equals(normalized) || same.isEmailVerified())) {
                    users.put(old, old);
                    matched++;
                    return;
                }
                if (!locked[0]) {
                    // no account may be registered for an address between this look and the commit
                    accounts.lockAllAddresses();
                    locked[0] = true;
                }
                Optional<User> owner = accounts.owner(normalized);
                if (owner.isPresent()) {
                    users.put(old, owner.get().getId());
                    matched++;
                    return;
                }
                if (accounts.isClaimed(normalized)) {
                    claimed.add(normalized);
                    return;
                }
                String displayName = string(row, "display_name");
                User user = new User(
                        normalized,
                        displayName == null
                                        || displayName.isBlank()
                                        || displayName.strip().length() > 200
                                ? normalized
                                : displayName.strip(),
                        UNUSABLE_PASSWORD);
                user.setPhone(matching(string(row, "phone"), "^\\+[1-9][0-9]{6,14}$"));
                user.setLanguage(matching(string(row, "language"), "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"));
                user.setTimezone(matching(string(row, "timezone"), "^.{1,64}$"));
                user.verifyEmail(Accounts.VERIFIED_BY_ADMIN, now);
                em.persist(user);
                users.put(old, user.getId());
                created++;
            });
            if (!claimed.isEmpty()) {
                throw new Conflict(
                        "Only unverified accounts hold " + claimed.size() + " of the members' addresses here ("
                                + String.join(", ", claimed.subList(0, Math.min(5, claimed.size())))
                                + (claimed.size() > 5 ? ", …" : "") + "): vouch for the right account of each"
                                + " (PATCH /api/v1/admin/users/{id} with emailVerified) and load the bundle again.");
            }
            try {
                // the rows below refer to these accounts through the same connection
                em.flush();
            } catch (PersistenceException refused) {
                throw BundleArchive.refused("holds accounts this installation refuses: " + refused.getMessage());
            }
        }

        TableCount table(BundleTable table) throws Exception {
            String file = table.file();
            Map<String, Column> schema = new LinkedHashMap<>();
            for (Column column : BundleTables.columns(connection, table)) {
                schema.put(column.name(), column);
            }
            List<String> columns = new ArrayList<>();
            for (String column : archive.columns(file)) {
                if (table.computed().contains(column)) {
                    continue;
                }
                if (!schema.containsKey(column)) {
                    throw BundleArchive.refused("holds column " + column + " of " + table.name()
                            + ", which this installation's schema does not have");
                }
                columns.add(column);
            }
            if (table.name().equals("organization")) {
                for (String named : List.of("slug", "name", "code")) {
                    if (!columns.contains(named)) {
                        columns.add(named);
                    }
                }
            }
            for (Column column : schema.values()) {
                if (column.type().equals("uuid") && table.ref(column.name()) == null) {
                    throw new IllegalStateException(table.name() + "." + column.name() + " is not declared");
                }
            }
            boolean periods = table.name().equals("membership_period");
            String list = columns.stream().map(BundleWriter::quote).collect(Collectors.joining(", "));
            String insert = "insert into " + BundleWriter.quote(table.name()) + " (" + list + ") select " + list
                    + " from jsonb_populate_recordset(null::" + BundleWriter.quote(table.name()) + ", ?::jsonb)";
            long[] counts = new long[3];
            long[] chars = new long[1];
            List<JsonObject> chunk = new ArrayList<>(CHUNK);
            List<JsonObject> open = new ArrayList<>();
            archive.read(file, (number, row) -> {
                counts[0]++;
                JsonObject copy = copy(table, schema, columns, row, number);
                if (copy == null) {
                    counts[2]++;
                    return;
                }
                if (periods && copy.get("left_at") == JsonValue.NULL) {
                    open.add(copy);
                    return;
                }
                chunk.add(copy);
                chars[0] += row.toString().length();
                if (chunk.size() == CHUNK || chars[0] >= CHUNK_CHARS) {
                    counts[1] += write(insert, chunk);
                    chars[0] = 0;
                }
            });
            counts[1] += write(insert, chunk);
            if (periods) {
                counts[1] += reopen(open);
            }
            if (table.name().equals("organization") && counts[1] != 1) {
                throw BundleArchive.refused("organization.ndjson holds " + counts[1] + " organizations, not one");
            }
            return new TableCount(counts[0], counts[1], counts[2]);
        }

        /** The row as it is written here, or null when it belongs to someone who is not a member. */
        private JsonObject copy(
                BundleTable table, Map<String, Column> schema, List<String> columns, JsonObject row, long number) {
            JsonObjectBuilder copy = Jsonp.PROVIDER.createObjectBuilder();
            UUID rowId = row.get("id") instanceof JsonString ? uuid(row, "id", table.file(), number) : null;
            for (String column : columns) {
                JsonValue value = row.getOrDefault(column, JsonValue.NULL);
                Ref ref = table.ref(column);
                if (ref == null || value == JsonValue.NULL) {
                    copy.add(column, value);
                    continue;
                }
                UUID old = uuid(row, column, table.file(), number);
                switch (ref) {
                    case ORG -> {
                        if (!old.equals(oldOrgId)) {
                            throw BundleArchive.refused(
                                    "row " + number + " of " + table.file() + " belongs to another organization");
                        }
                        copy.add(column, newOrgId.toString());
                    }
                    case ROW -> copy.add(column, id(old).toString());
                    case USER -> {
                        UUID user = users.get(old);
                        if (user == null && !schema.get(column).nullable()) {
                            return null;
                        }
                        copy.add(column, user == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(user.toString()));
                    }
                    case PAST_USER -> {
                        UUID user = users.get(old);
                        copy.add(column, (user == null ? id(old) : user).toString());
                    }
                    case LATE_ROW, LATE_USER -> {
                        UUID target = ref == Ref.LATE_ROW ? id(old) : users.get(old);
                        if (target != null) {
                            if (rowId == null && table.ref("id") != Ref.ORG) {
                                throw BundleArchive.refused("row " + number + " of " + table.file() + " has no id");
                            }
                            UUID self = table.ref("id") == Ref.ORG ? newOrgId : id(rowId);
                            late.computeIfAbsent(table.name(), t -> new LinkedHashMap<>())
                                    .computeIfAbsent(column, c -> new ArrayList<>())
                                    .add(new UUID[] {self, target});
                        }
                        copy.add(column, JsonValue.NULL);
                    }
                    case NONE -> copy.add(column, JsonValue.NULL);
                }
            }
            if (table.name().equals("organization")) {
                copy.add("slug", target.slug()).add("name", target.name()).add("code", target.code());
            }
            return copy.build();
        }

        private long write(String insert, List<JsonObject> rows) throws SQLException {
            if (rows.isEmpty()) {
                return 0;
            }
            JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
            rows.forEach(array::add);
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setString(1, array.build().toString());
                int written = statement.executeUpdate();
                rows.clear();
                return written;
            }
        }

        /**
         * A membership's insert opened its period (the schema's trigger, from its creation time);
         * the bundle's open period says when it really began.
         */
        private long reopen(List<JsonObject> open) throws SQLException {
            long changed = 0;
            for (int from = 0; from < open.size(); from += CHUNK) {
                List<JsonObject> part = open.subList(from, Math.min(open.size(), from + CHUNK));
                JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
                part.forEach(array::add);
                try (PreparedStatement update = connection.prepareStatement("update membership_period p"
                        + " set joined_at = least(p.joined_at, v.joined_at) from jsonb_populate_recordset("
                        + "null::membership_period, ?::jsonb) v where p.org_id = v.org_id and p.user_id = v.user_id"
                        + " and p.left_at is null")) {
                    update.setString(1, array.build().toString());
                    changed += update.executeUpdate();
                }
            }
            return changed;
        }

        void analyze(String table) throws SQLException {
            try (PreparedStatement refresh =
                    connection.prepareStatement("select orgbase_refresh_bundle_statistics(?)")) {
                refresh.setString(1, table);
                refresh.execute();
            }
        }

        /** References that point forward or in a circle: written once every row is there. */
        void late() throws SQLException {
            for (var table : late.entrySet()) {
                for (var column : table.getValue().entrySet()) {
                    List<UUID[]> pairs = column.getValue();
                    String sql = "update " + BundleWriter.quote(table.getKey()) + " t set "
                            + BundleWriter.quote(column.getKey()) + " = v.ref from unnest(?::uuid[], ?::uuid[])"
                            + " as v(id, ref) where t.id = v.id";
                    for (int from = 0; from < pairs.size(); from += 5 * CHUNK) {
                        List<UUID[]> part = pairs.subList(from, Math.min(pairs.size(), from + 5 * CHUNK));
                        try (PreparedStatement update = connection.prepareStatement(sql)) {
                            update.setArray(
                                    1,
                                    connection.createArrayOf(
                                            "uuid", part.stream().map(p -> p[0]).toArray()));
                            update.setArray(
                                    2,
                                    connection.createArrayOf(
                                            "uuid", part.stream().map(p -> p[1]).toArray()));
                            update.executeUpdate();
                        }
                    }
                }
            }
        }
    }

    /** The value when it has the schema's form; else none (an optional profile field). */
    private static String matching(String value, String pattern) {
        return value != null && value.matches(pattern) ? value : null;
    }

    private static String string(JsonObject row, String key) {
        return row.get(key) instanceof JsonString text ? text.getString() : null;
    }

    private static UUID uuid(JsonObject row, String key, String file, long number) {
        try {
            return UUID.fromString(((JsonString) row.get(key)).getString());
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw BundleArchive.refused("row " + number + " of " + file + " has no id in " + key);
        }
    }
}
