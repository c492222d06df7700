package io.orgbase.bundle.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.Permission;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.bundle.control.BundleArchive;
import io.orgbase.bundle.control.BundleLoader;
import io.orgbase.bundle.control.BundleLoader.Loaded;
import io.orgbase.bundle.control.BundleLoader.Target;
import io.orgbase.bundle.control.BundleSnapshots;
import io.orgbase.bundle.control.BundleSnapshots.Snapshot;
import io.orgbase.bundle.control.BundleWriter;
import io.orgbase.logging.Logs;
import io.orgbase.organization.control.Slugs;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
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
 * Organization bundles: an organization written as one archive (for platform administrators, and
 * for its owners as their backup), and an archive loaded as a new organization (here or in another
 * installation; platform administrators only) — checked first, in one transaction, so a load that
 * fails leaves nothing. A dry run loads everything the same way and rolls it back: it reports
 * exactly what loading would do, or why it cannot.
 */
@Stateless
@Audited
public class OrganizationBundles {

    private static final Logger LOG = Logs.get(OrganizationBundles.class);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    AuditTrail trail;

    @Inject
    BundleLoader loader;

    @Inject
    BundleSnapshots snapshots;

    @Resource
    SessionContext context;

    /** A bundle written to the caller's file, as its audit entry tells it. */
    public record Exported(String slug, long rows, String schemaVersion, long bytes) {}

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
     * Writes the organization into {@code file} as it stands at one instant: one read-only snapshot
     * of the database (repeatable read), which no concurrent write can break. Records the export
     * ({@code organization.bundle-exported}) in the organization's trail. The caller sends the file
     * and deletes it.
     *
     * @throws NotFound when there is no such organization
     */
    @PlatformAdminOnly("export organization bundles")
    public Exported export(Caller caller, UUID orgId, Path file) {
        return exportTo(orgId, caller.userId(), file);
    }

    /**
     * The owners' own backup: the tenant's organization written into {@code file} as by {@link
     * #export}, and recorded the same way (the owner as the actor). Owners only, checked as every
     * owner-only rule is ({@link Tenant#actsAsOwner}: a platform administrator acting in the
     * organization without a role there counts as one): a bundle holds every member's account and
     * the whole audit trail. Never an API key, whatever its role (none is an owner today; this
     * stays so should one ever be).
     *
     * @throws Forbidden for anyone but an owner, and for every API key
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Exported exportOwn(Tenant tenant, Path file) {
        if (tenant.caller().isApiKey()) {
            throw new Forbidden("API keys do not download organization bundles: an owner signs in to do it.");
        }
        if (!tenant.actsAsOwner()) {
            throw new Forbidden("Only owners download the organization's bundle.");
        }
        return exportTo(tenant.orgId(), tenant.caller().userId(), file);
    }

    /**
     * The snapshot in a transaction of its own (its first statement must choose its isolation,
     * and this one has read already: the tenant, the caller); the audit entry after it, in this
     * one — a snapshot transaction that appends to the audit chain fails to serialize when
     * anything in the organization is audited meanwhile.
     */
    private Exported exportTo(UUID orgId, UUID userId, Path file) {
        Snapshot snapshot = snapshots.write(orgId, userId, file);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        session.enterTenant(orgId, userId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", snapshot.rows());
        details.put("schemaVersion", snapshot.schemaVersion());
        details.put("bytes", bytes);
        trail.record("organization.bundle-exported", "organization", orgId, details);
        return new Exported(snapshot.slug(), snapshot.rows(), snapshot.schemaVersion(), bytes);
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
