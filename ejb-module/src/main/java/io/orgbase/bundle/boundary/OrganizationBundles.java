package io.orgbase.bundle.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.bundle.control.BundleArchive;
import io.orgbase.bundle.control.BundleLoader;
import io.orgbase.bundle.control.BundleLoader.Loaded;
import io.orgbase.bundle.control.BundleLoader.Target;
import io.orgbase.bundle.control.BundleWriter;
import io.orgbase.organization.control.Slugs;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Organization bundles, for platform administrators: an organization written as one archive, and
 * an archive loaded as a new organization (here or in another installation) — checked first, in
 * one transaction, so a load that fails leaves nothing. A dry run loads everything the same way
 * and rolls it back: it reports exactly what loading would do, or why it cannot.
 */
@Stateless
@Audited
public class OrganizationBundles {

    private static final Logger LOG = Logger.getLogger(OrganizationBundles.class.getName());

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    AuditTrail trail;

    @Inject
    BundleLoader loader;

    @Resource
    SessionContext context;

    /** A bundle written to a temporary file, which the caller sends and deletes. */
    public record Exported(Path file, String slug, long rows, String schemaVersion) {}

    /** What a load did (or, in a dry run, would do). */
    public record Imported(
            UUID id,
            String slug,
            String name,
            String code,
            boolean dryRun,
            JsonObject source,
            String schemaVersion,
            String sha256,
            Loaded loaded) {}

    /**
     * Writes the organization as it stands at one instant: one read-only snapshot of the database
     * (repeatable read), which no concurrent write can break. The caller sends the file, deletes
     * it, and records the export ({@link #recordExport}).
     *
     * @throws NotFound when there is no such organization
     */
    @PlatformAdminOnly("export organization bundles")
    public Exported export(Caller caller, UUID orgId) {
        Connection connection = em.unwrap(Connection.class);
        try {
            try (Statement snapshot = connection.createStatement()) {
                // the transaction's first statement: nothing has read the database in it yet
                snapshot.execute("set transaction isolation level repeatable read, read only");
            }
            session.enterTenant(orgId, caller.userId());
            String slug;
            String name;
            try (PreparedStatement select =
                    connection.prepareStatement("select slug, name from organization where id = ?")) {
                select.setObject(1, orgId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new NotFound("No such organization.");
                    }
                    slug = row.getString(1);
                    name = row.getString(2);
                }
            }
            Path file = Files.createTempFile("orgbase-bundle-", ".zip");
            try {
                BundleWriter.Written written;
                try (OutputStream out = Files.newOutputStream(file)) {
                    written = BundleWriter.write(connection, orgId, slug, name, out);
                }
                return new Exported(file, slug, written.rows(), written.schemaVersion());
            } catch (IOException | SQLException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bundle export failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records in the organization's trail that a platform administrator exported it. */
    @PlatformAdminOnly("export organization bundles")
    public void recordExport(Caller caller, UUID orgId, Exported exported, long bytes) {
        session.enterTenant(orgId, caller.userId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", exported.rows());
        details.put("schemaVersion", exported.schemaVersion());
        details.put("bytes", bytes);
        trail.record("organization.bundle-exported", "organization", orgId, details);
    }

    /**
     * Loads a bundle as a new organization; {@code slug}, {@code name} and {@code code} default to
     * the bundle's (the code to the slug's).
     *
     * @throws InvalidInput when the file is not a bundle this installation reads, is damaged, or
     *     holds rows its schema refuses
     * @throws Conflict when the slug or code is taken, or the bundle's rows clash with this
     *     installation's (an account owning two members' addresses)
     */
    @PlatformAdminOnly("import organization bundles")
    public Imported load(Caller caller, Path file, String slug, String name, String code, boolean dryRun) {
        Connection connection = em.unwrap(Connection.class);
        try (BundleArchive archive = BundleArchive.open(file, BundleWriter.schemaVersion(connection))) {
            JsonObject source = archive.manifest().getJsonObject("organization");
            Target target = target(
                    slug == null ? source.getString("slug") : slug.strip(),
                    name == null ? source.getString("name") : name.strip(),
                    code);
            free(connection, "slug", target.slug());
            free(connection, "code", target.code());
            UUID id = Ids.newId();
            session.enterTenant(id, caller.userId());
            Loaded loaded;
            try {
                loaded = loader.load(connection, archive, id, target);
                try (Statement checks = connection.createStatement()) {
                    // the deferred checks (a contact's primary channel) answer here, not at commit
                    checks.execute("set constraints all immediate");
                }
            } catch (SQLException refused) {
                throw refusal(refused);
            }
            if (dryRun) {
                context.setRollbackOnly();
            } else {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sourceOrgId", source.getString("id"));
                details.put("sourceSlug", source.getString("slug"));
                details.put("schemaVersion", archive.schemaVersion());
                details.put("exportedAt", archive.manifest().getString("exportedAt"));
                details.put("sha256", archive.sha256());
                details.put("rows", loaded.loaded());
                details.put("accountsMatched", loaded.usersMatched());
                details.put("accountsCreated", loaded.usersCreated());
                trail.record("organization.imported", "organization", id, details);
            }
            return new Imported(
                    id,
                    target.slug(),
                    target.name(),
                    target.code(),
                    dryRun,
                    source,
                    archive.schemaVersion(),
                    archive.sha256(),
                    loaded);
        } catch (SQLException e) {
            throw new IllegalStateException("bundle import failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // domain problems and the database's own (ProblemMapper maps them in one place)
            throw e;
        } catch (Exception e) {
            // a checked exception from reading the archive's rows
            throw new IllegalStateException("bundle import failed: " + e.getMessage(), e);
        }
    }

    private static Target target(String slug, String name, String code) {
        List<FieldError> errors = new ArrayList<>();
        try {
            Slugs.check("slug", slug);
        } catch (InvalidInput bad) {
            errors.addAll(bad.errors());
        }
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1-200 characters"));
        }
        String chosen = code == null ? Slugs.defaultCode(slug) : code.strip();
        if (!chosen.matches("^[A-Z0-9][A-Z0-9._-]{0,49}$")) {
            errors.add(new FieldError("code", "must be 1-50 upper-case letters, digits, '.', '_' or '-'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Target(slug, name, chosen);
    }

    private static void free(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select 1 from organization where " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    throw new Conflict("An organization with " + column + " '" + value + "' exists already: choose"
                            + " another " + column + " for the bundle's organization.");
                }
            }
        }
    }

    /** What the schema said about a row, as the caller's problem (nothing was written). */
    private static RuntimeException refusal(SQLException refused) {
        String state = refused.getSQLState() == null ? "" : refused.getSQLState();
        String detail = refused.getMessage() == null
                ? state
                : refused.getMessage().lines().findFirst().orElse(state);
        LOG.info(() -> "Bundle refused by the schema: " + refused.getMessage());
        if (state.equals("23505")) {
            return new Conflict("The bundle clashes with this installation: " + detail);
        }
        // 42501: a row the organization's policies refuse (one naming another organization)
        if (state.startsWith("23") || state.startsWith("22") || state.equals("P0001") || state.equals("42501")) {
            return InvalidInput.field("bundle", "holds rows this installation refuses: " + detail);
        }
        return new IllegalStateException("bundle import failed: " + refused.getMessage(), refused);
    }
}
