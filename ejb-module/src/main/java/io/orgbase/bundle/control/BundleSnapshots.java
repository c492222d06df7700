package io.orgbase.bundle.control;

import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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
import java.util.UUID;

/**
 * Writes an organization's bundle from one read-only snapshot of the database (repeatable read),
 * which no concurrent write can break. The snapshot must be the transaction's first statement, so
 * it runs in a transaction of its own: the boundary that asks has already read in its own (its
 * tenant resolved, its caller checked), and records the export there once this returns. No check
 * here: only boundaries that checked their caller call it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BundleSnapshots {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /** What a snapshot wrote. */
    public record Snapshot(String slug, long rows, String schemaVersion) {}

    /**
     * Writes the organization's bundle into {@code file} (replacing what it held), reading as
     * {@code userId} (null for none) in the organization's tenant.
     *
     * @throws NotFound when there is no such organization
     */
    public Snapshot write(UUID orgId, UUID userId, Path file) {
        Connection connection = em.unwrap(Connection.class);
        try {
            try (Statement snapshot = connection.createStatement()) {
                // the transaction's first statement: nothing has read the database in it yet
                snapshot.execute("set transaction isolation level repeatable read, read only");
            }
            session.enterTenant(orgId, userId);
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
            BundleWriter.Written written;
            try (OutputStream out = Files.newOutputStream(file)) {
                written = BundleWriter.write(connection, orgId, slug, name, out);
            }
            return new Snapshot(slug, written.rows(), written.schemaVersion());
        } catch (SQLException e) {
            throw new IllegalStateException("bundle export failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
