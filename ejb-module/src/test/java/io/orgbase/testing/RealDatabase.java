package io.orgbase.testing;

import io.orgbase.launcher.EmbeddedDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.Query;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.persistence.config.QueryHints;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL with Orgbase's schema for tests of the engine parts (no application server):
 * started once for all test classes that use it, as the run command starts it, migrated, and
 * stopped with its files removed when the tests end. The persistence unit connects as the
 * superuser, who passes the row policies: what these tests check is the ORM's own part.
 */
public final class RealDatabase implements BeforeAllCallback {

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RealDatabase.class) {
            if (running == null) {
                running = new Running();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RealDatabase.class, running);
            }
        }
    }

    /** A superuser connection, for the rows a test sets up. */
    public static Connection superuser() throws SQLException {
        return running.database.superuserConnection();
    }

    /**
     * PostgreSQL's plan of a native statement as this entity manager's transaction would run it
     * ({@code EXPLAIN (VERBOSE, COSTS OFF)}: every expression each node computes, nothing run).
     */
    public static String plan(EntityManager em, String sql, Object... parameters) {
        Query explain = em.createNativeQuery("EXPLAIN (VERBOSE, COSTS OFF) " + sql)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true);
        for (int i = 0; i < parameters.length; i++) {
            explain.setParameter(i + 1, parameters[i]);
        }
        List<?> lines = explain.getResultList();
        return lines.stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }

    /** The persistence unit "orgbase" outside a server: local transactions, no JTA. */
    public static EntityManagerFactory persistenceUnit() {
        return running.factory;
    }

    private static final class Running implements ExtensionContext.Store.CloseableResource {

        private final Path directory;
        private final EmbeddedDatabase database;
        private final EntityManagerFactory factory;

        Running() throws IOException, SQLException {
            directory = Files.createTempDirectory("orgbase-engine");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            database = EmbeddedDatabase.start(directory.resolve("pg"), port, false);
            Flyway.configure()
                    .dataSource(database.url(), EmbeddedDatabase.OWNER, database.ownerPassword())
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("app_role", EmbeddedDatabase.APP))
                    .load()
                    .migrate();
            Map<String, Object> unit = new HashMap<>();
            unit.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
            unit.put("jakarta.persistence.jtaDataSource", "");
            unit.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
            // as the data source does: the tenant discriminator is bound as a string, typed by PostgreSQL
            unit.put("jakarta.persistence.jdbc.url", database.url() + "?stringtype=unspecified");
            unit.put("jakarta.persistence.jdbc.user", "postgres");
            unit.put("jakarta.persistence.jdbc.password", "");
            factory = Persistence.createEntityManagerFactory("orgbase", unit);
        }

        @Override
        public void close() throws IOException {
            factory.close();
            database.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
    }
}
