package io.orgbase.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * A PostgreSQL server from Maven Central binaries, listening on the loopback interface only, with
 * the two roles Orgbase uses: {@value #OWNER} owns the schema (migrations run as it) and {@value
 * #APP} serves requests, owns nothing and cannot bypass row-level security. Local connections are
 * trusted (it is a development and test database); an external PostgreSQL is for production.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "orgbase";
    public static final String OWNER = "orgbase_owner";
    public static final String APP = "orgbase_app";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;
    private final String appPassword = randomSecret();
    private final String ownerPassword = randomSecret();

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (initialised on first use, kept afterwards).
     *
     * @param durable whether to fsync (the run command keeps data; throw-away test databases do not)
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable)
            throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200");
        if (durable) {
            builder.setServerConfig("fsync", "on");
        }
        EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
        database.prepare();
        return database;
    }

    private void prepare() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            createOrAlterRole(statement, OWNER, ownerPassword, "LOGIN NOSUPERUSER NOBYPASSRLS");
            createOrAlterRole(statement, APP, appPassword, "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER + " ENCODING 'UTF8'");
                LOG.info("Created database " + DATABASE);
            }
        }
    }

    private static void createOrAlterRole(Statement statement, String role, String password, String options)
            throws SQLException {
        String verb = exists(statement.getConnection(), "select 1 from pg_roles where rolname = ?", role)
                ? "ALTER"
                : "CREATE";
        statement.execute(verb + " ROLE " + role + " " + options + " PASSWORD '" + password + "'");
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public int port() {
        return postgres.getPort();
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String appPassword() {
        return appPassword;
    }

    public String ownerPassword() {
        return ownerPassword;
    }

    /** A superuser connection to the Orgbase database, for tests that inspect it from outside. */
    public Connection superuserConnection() throws SQLException {
        return postgres.getDatabase("postgres", DATABASE).getConnection();
    }

    /** Stops PostgreSQL with a fast, clean shutdown (all committed data is on disk). */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
