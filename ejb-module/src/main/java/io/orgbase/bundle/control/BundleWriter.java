package io.orgbase.bundle.control;

import io.orgbase.bundle.BundleTable;
import io.orgbase.bundle.BundleTables;
import io.orgbase.bundle.BundleTables.Column;
import io.orgbase.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an organization as a bundle: a zip of one NDJSON file per carried table (each row as
 * PostgreSQL's {@code row_to_json} gives it), the members' accounts, the audit trail, and last the
 * manifest with each file's row count and SHA-256. Rows stream from the database in pages; nothing
 * holds the organization in memory.
 */
public final class BundleWriter {

    private static final int FETCH = 1_000;

    private BundleWriter() {}

    /** What was written, for the audit trail. */
    public record Written(long rows, String schemaVersion) {}

    /**
     * @param connection in the organization's tenant, inside one transaction (its snapshot is the bundle's)
     */
    public static Written write(Connection connection, UUID orgId, String slug, String name, OutputStream out)
            throws SQLException, IOException {
        BundleTables.checkDeclared(connection);
        String schemaVersion = schemaVersion(connection);
        JsonArrayBuilder entries = Jsonp.PROVIDER.createArrayBuilder();
        long total = 0;
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (BundleTable table : BundleTables.TABLES) {
                List<Column> columns = BundleTables.columns(connection, table);
                String list = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
                Entry entry = entry(
                        zip,
                        connection,
                        table.file(),
                        "select row_to_json(r)::text from (select " + list + " from " + quote(table.name()) + " where "
                                + table.scope() + " order by " + table.order() + ") r",
                        orgId);
                JsonArrayBuilder names = Jsonp.PROVIDER.createArrayBuilder();
                columns.forEach(c -> names.add(c.name()));
                entries.add(entry.json().add("table", table.name()).add("columns", names));
                total += entry.rows();
            }
            entries.add(entry(
                            zip,
                            connection,
                            BundleTables.USERS,
                            "select row_to_json(r)::text from (select u.id, u.email, u.display_name, u.phone,"
                                    + " u.language, u.timezone from app_user u where u.id in"
                                    + " (select m.user_id from membership m where m.org_id = ?) order by u.id) r",
                            orgId)
                    .json());
            entries.add(entry(
                            zip,
                            connection,
                            BundleTables.AUDIT,
                            "select row_to_json(r)::text from (select * from audit_event where chain = ?"
                                    + " order by seq) r",
                            orgId)
                    .json());
            zip.putNextEntry(new ZipEntry(BundleTables.MANIFEST));
            String manifest = Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("format", BundleTables.FORMAT)
                    .add("formatVersion", BundleTables.FORMAT_VERSION)
                    .add("schemaVersion", schemaVersion)
                    .add(
                            "exportedAt",
                            OffsetDateTime.now(ZoneOffset.UTC)
                                    .truncatedTo(ChronoUnit.MILLIS)
                                    .toString())
                    .add(
                            "organization",
                            Jsonp.PROVIDER
                                    .createObjectBuilder()
                                    .add("id", orgId.toString())
                                    .add("slug", slug)
                                    .add("name", name))
                    .add("entries", entries)
                    .build()
                    .toString();
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return new Written(total, schemaVersion);
    }

    /** The schema's version: the last migration applied. */
    public static String schemaVersion(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select version from flyway_schema_history"
                        + " where success and version is not null order by installed_rank desc limit 1");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the schema has no migration applied");
            }
            return row.getString(1);
        }
    }

    private record Entry(long rows, JsonObjectBuilder json) {}

    private static Entry entry(ZipOutputStream zip, Connection connection, String file, String sql, UUID orgId)
            throws SQLException, IOException {
        MessageDigest sha = sha256();
        long rows = 0;
        long bytes = 0;
        zip.putNextEntry(new ZipEntry(file));
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setFetchSize(FETCH);
            select.setObject(1, orgId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    byte[] line = (result.getString(1) + "\n").getBytes(StandardCharsets.UTF_8);
                    zip.write(line);
                    sha.update(line);
                    bytes += line.length;
                    rows++;
                }
            }
        }
        zip.closeEntry();
        return new Entry(
                rows,
                Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("name", file)
                        .add("rows", rows)
                        .add("bytes", bytes)
                        .add("sha256", HexFormat.of().formatHex(sha.digest())));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
