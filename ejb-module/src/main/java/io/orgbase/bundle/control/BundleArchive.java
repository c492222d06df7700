package io.orgbase.bundle.control;

import io.orgbase.bundle.BundleTables;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.InvalidInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A bundle being read: its manifest checked first (format, version, the entries it lists and
 * nothing else in the zip), then each entry streamed line by line and held to the manifest — its
 * size, row count and SHA-256 — so a damaged or altered archive is refused, never half-loaded. A
 * reader holds one line at a time; an entry cannot expand past the size its manifest states.
 */
public final class BundleArchive implements Closeable {

    /** Longest manifest. */
    static final int MAX_MANIFEST = 1 << 20;
    /** Longest row. */
    static final int MAX_LINE = 8 << 20;
    /** Most entries in a zip. */
    static final int MAX_ENTRIES = 100;
    /** How much larger than the archive its contents may claim to be (NDJSON packs ~10:1). */
    static final long MAX_RATIO = 200;
    /** Most contents a bundle may claim in all, however large the archive. */
    static final long MAX_CONTENTS = 64L << 30;

    private final ZipFile zip;
    private final JsonObject manifest;
    private final Map<String, JsonObject> entries = new HashMap<>();
    private final String sha256;

    private BundleArchive(ZipFile zip, JsonObject manifest, String sha256) {
        this.zip = zip;
        this.manifest = manifest;
        this.sha256 = sha256;
    }

    /**
     * @throws InvalidInput (field {@code bundle}) when it is not a bundle this installation reads
     */
    public static BundleArchive open(Path file, String currentSchema) throws IOException {
        String sha256 = digest(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException | IllegalArgumentException notZip) {
            throw refused("is not a zip archive");
        }
        try {
            BundleArchive archive = new BundleArchive(zip, manifest(zip), sha256);
            archive.check(Files.size(file), currentSchema);
            return archive;
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static JsonObject manifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(BundleTables.MANIFEST);
        if (entry == null) {
            throw refused("has no " + BundleTables.MANIFEST + ": it is not an organization bundle");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(MAX_MANIFEST + 1);
        } catch (ZipException damaged) {
            throw refused("is damaged: " + damaged.getMessage());
        }
        if (bytes.length > MAX_MANIFEST) {
            throw refused("has a manifest larger than " + MAX_MANIFEST + " bytes");
        }
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(utf8(bytes)))) {
            return reader.readObject();
        } catch (JsonException | ClassCastException | IllegalStateException malformed) {
            throw refused("has a manifest that is not a JSON object");
        }
    }

    private void check(long archiveSize, String currentSchema) {
        if (!BundleTables.FORMAT.equals(text(manifest, "format"))) {
            throw refused("is not an organization bundle (format " + text(manifest, "format") + ")");
        }
        int version = number(manifest, "formatVersion");
        if (version < 1 || version > BundleTables.FORMAT_VERSION) {
            throw refused("has format version " + version + "; this installation reads up to "
                    + BundleTables.FORMAT_VERSION + ": upgrade Orgbase first");
        }
        String schema = text(manifest, "schemaVersion");
        if (schema == null || !schema.matches("[0-9]{1,9}")) {
            throw refused("has no schema version");
        }
        if (Integer.parseInt(schema) > Integer.parseInt(currentSchema)) {
            throw refused("was written by a newer Orgbase (schema " + schema + "; this one is at " + currentSchema
                    + "): upgrade this installation first");
        }
        JsonObject organization = object(manifest, "organization");
        uuid(organization, "id");
        if (text(organization, "slug") == null || text(organization, "name") == null) {
            throw refused("names no organization");
        }
        text(manifest, "exportedAt");
        JsonArray listed = manifest.get("entries") instanceof JsonArray array ? array : null;
        if (listed == null || listed.size() > MAX_ENTRIES) {
            throw refused("lists no entries (or more than " + MAX_ENTRIES + ")");
        }
        long declared = 0;
        for (JsonValue value : listed) {
            if (!(value instanceof JsonObject entry)) {
                throw refused("lists an entry that is not an object");
            }
            String name = text(entry, "name");
            if (name == null || entries.put(name, entry) != null) {
                throw refused("lists an entry without a name, or one twice");
            }
            long bytes = longNumber(entry, "bytes");
            longNumber(entry, "rows");
            String sha = text(entry, "sha256");
            if (bytes < 0 || sha == null || !sha.matches("[0-9a-f]{64}")) {
                throw refused("lists " + name + " without its size or SHA-256");
            }
            if (zip.getEntry(name) == null) {
                throw refused("lists " + name + ", which it does not hold");
            }
            declared += bytes;
        }
        if (declared > Math.min(MAX_CONTENTS, Math.max(64L << 20, archiveSize * MAX_RATIO))) {
            throw refused("claims " + declared + " bytes of contents in " + archiveSize + ": refused as a zip bomb");
        }
        Enumeration<? extends ZipEntry> held = zip.entries();
        int count = 0;
        while (held.hasMoreElements()) {
            String name = held.nextElement().getName();
            if (++count > MAX_ENTRIES || (!name.equals(BundleTables.MANIFEST) && !entries.containsKey(name))) {
                throw refused("holds " + name + ", which its manifest does not list");
            }
        }
        for (String required : List.of("organization.ndjson", BundleTables.USERS)) {
            if (!entries.containsKey(required)) {
                throw refused("has no " + required);
            }
        }
    }

    public JsonObject manifest() {
        return manifest;
    }

    /** The archive file's own SHA-256, for the audit trail. */
    public String sha256() {
        return sha256;
    }

    public String schemaVersion() {
        return manifest.getString("schemaVersion");
    }

    public UUID sourceOrgId() {
        return UUID.fromString(manifest.getJsonObject("organization").getString("id"));
    }

    /** The entry as the manifest lists it, or null. */
    public JsonObject entry(String name) {
        return entries.get(name);
    }

    /** Every entry the manifest lists. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** The columns a table's entry holds, as its manifest lists them. */
    public List<String> columns(String name) {
        JsonObject entry = entries.get(name);
        if (!(entry.get("columns") instanceof JsonArray array)) {
            throw refused("lists " + name + " without its columns");
        }
        List<String> columns = new ArrayList<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonString column) || !column.getString().matches("[a-z_][a-z0-9_]{0,62}")) {
                throw refused("lists a column of " + name + " that is not a column name");
            }
            columns.add(column.getString());
        }
        return columns;
    }

    /** Receives each row of an entry. */
    @FunctionalInterface
    public interface Rows {
        void row(long number, JsonObject row) throws Exception;
    }

    /**
     * Reads every row of an entry, then holds the entry to its manifest.
     *
     * @throws InvalidInput when a row is not a JSON object, or the entry's size, row count or
     *     SHA-256 differ from the manifest's
     */
    public void read(String name, Rows rows) throws Exception {
        JsonObject listed = entries.get(name);
        long declaredBytes = listed.getJsonNumber("bytes").longValue();
        MessageDigest sha = BundleWriter.sha256();
        long count = 0;
        long bytes = 0;
        try (InputStream in = new java.io.BufferedInputStream(zip.getInputStream(zip.getEntry(name)), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while (true) {
                b = in.read();
                if (b == -1 && line.size() == 0) {
                    break;
                }
                if (b == -1) {
                    throw refused(name + " does not end with a line break: it is cut short");
                }
                if (++bytes > declaredBytes) {
                    throw refused(name + " is larger than its manifest says");
                }
                if (b != '\n') {
                    if (line.size() >= MAX_LINE) {
                        throw refused("row " + (count + 1) + " of " + name + " is longer than " + MAX_LINE + " bytes");
                    }
                    line.write(b);
                    continue;
                }
                byte[] raw = line.toByteArray();
                sha.update(raw);
                sha.update((byte) '\n');
                line.reset();
                count++;
                JsonObject row;
                try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(utf8(raw)))) {
                    row = reader.readObject();
                } catch (JsonException | ClassCastException | IllegalStateException malformed) {
                    throw refused("row " + count + " of " + name + " is not a JSON object");
                }
                rows.row(count, row);
            }
        } catch (ZipException damaged) {
            throw refused(name + " is damaged: " + damaged.getMessage());
        }
        if (bytes != declaredBytes
                || count != listed.getJsonNumber("rows").longValue()
                || !HexFormat.of().formatHex(sha.digest()).equals(listed.getString("sha256"))) {
            throw refused(name + " does not match its manifest (size, rows or SHA-256): the archive was changed");
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    static InvalidInput refused(String reason) {
        return InvalidInput.field("bundle", reason);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused("holds text that is not UTF-8");
        }
    }

    private static String digest(Path file) throws IOException {
        MessageDigest sha = BundleWriter.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String text(JsonObject object, String key) {
        return object.get(key) instanceof JsonString text ? text.getString() : null;
    }

    private static int number(JsonObject object, String key) {
        if (object.get(key) instanceof JsonNumber number && number.isIntegral()) {
            return number.intValue();
        }
        throw refused("has no " + key);
    }

    private static long longNumber(JsonObject object, String key) {
        if (object.get(key) instanceof JsonNumber number && number.isIntegral()) {
            return number.longValue();
        }
        throw refused("lists an entry without " + key);
    }

    private static JsonObject object(JsonObject object, String key) {
        if (object.get(key) instanceof JsonObject inner) {
            return inner;
        }
        throw refused("has no " + key);
    }

    private static UUID uuid(JsonObject object, String key) {
        try {
            return UUID.fromString(text(object, key));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw refused("names no organization id");
        }
    }
}
