package io.orgbase.database;

import io.orgbase.logging.Logs;
import io.orgbase.persistence.DatabaseStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the schema when the application starts and tells whether the database is ready to serve.
 *
 * <p>The data source is defined by the application itself, so the same EAR and WAR run unchanged on
 * Payara Server, Payara Micro and (with the same variables) other runtimes. Values come from system
 * properties or environment variables ({@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}).
 */
@DataSourceDefinition(
        name = Database.DATA_SOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=DB_URL}",
        user = "${MPCONFIG=DB_USER}",
        password = "${MPCONFIG=DB_PASSWORD}",
        minPoolSize = 2,
        maxPoolSize = 64,
        properties = {
            // EclipseLink binds the tenant discriminator as a string; let PostgreSQL type it as uuid.
            "stringType=unspecified",
            "ApplicationName=orgbase",
            // Payara: validate pooled connections, so a database restart does not fail requests.
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            // Payara: every connection of this pool has the same user, so there is nothing to match
            // a request for one against. Its default for a defined data source (true, where a pool
            // in domain.xml has false) compared each free connection's credentials on every
            // allocation: 2% of an item read's CPU.
            "fish.payara.match-connections=false"
        })
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Database {

    public static final String DATA_SOURCE = "java:app/jdbc/orgbase";

    private static final Logger LOG = Logs.get(Database.class);

    /** Tables whose rows belong to one organization; the application role must not own them. */
    private static final String[] GUARDED_TABLES = {"organization", "membership", "department"};

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @Resource
    SessionContext context;

    private volatile int appliedMigrations = -1;
    private volatile String problem = "starting";

    @PostConstruct
    void start() {
        try {
            DatabaseSettings settings = DatabaseSettings.from(ConfigProvider.getConfig());
            appliedMigrations = migrate(settings);
            problem = unsafeRole();
            if (problem != null) {
                LOG.severe("Refusing to serve: " + problem);
            }
        } catch (FlywayException | SQLException | IllegalStateException | java.util.NoSuchElementException e) {
            problem = "database not usable: " + e.getMessage();
            LOG.log(Level.SEVERE, "Database start-up failed; readiness stays DOWN", e);
        }
        // the readiness check asks through the container (it lives in the EAR's library)
        DatabaseStatus.reportWith(context.getBusinessObject(Database.class)::notReadyReason);
    }

    private int migrate(DatabaseSettings settings) {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(settings.url(), settings.migrationUser(), settings.migrationPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", settings.appUser()))
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> String.format(
                "Schema at version %s (%d migrations applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted));
        return flyway.info().applied().length;
    }

    /** Row-level security is only a defence if the application role cannot bypass it. */
    private String unsafeRole() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement role = connection.prepareStatement(
                        "select rolsuper, rolbypassrls, current_user from pg_roles where rolname = current_user");
                ResultSet rs = role.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1) || rs.getBoolean(2)) {
                return "the application role " + rs.getString(3)
                        + " is a superuser or has BYPASSRLS; give DB_USER a plain role";
            }
            try (PreparedStatement owned = connection.prepareStatement(
                    "select count(*) from pg_tables where tableowner = current_user and tablename = any (?)")) {
                owned.setArray(1, connection.createArrayOf("text", GUARDED_TABLES));
                try (ResultSet count = owned.executeQuery()) {
                    count.next();
                    if (count.getInt(1) > 0) {
                        return "the application role " + rs.getString(3)
                                + " owns the tenant tables; run migrations as a separate owner role (DB_MIGRATION_USER)";
                    }
                }
            }
        }
        return null;
    }

    /**
     * Whether the database is reachable and carries every migration this build knows.
     *
     * @return null when ready, otherwise why not
     */
    public String notReadyReason() {
        if (problem != null) {
            return problem;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select count(*) from flyway_schema_history where success");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            int applied = rs.getInt(1);
            return applied >= appliedMigrations ? null : "migrations missing: " + applied + " of " + appliedMigrations;
        } catch (SQLException e) {
            return "database unreachable: " + e.getMessage();
        }
    }

    /** Whether the database passed the start-up checks (migrations applied, role safe). */
    public boolean usable() {
        return problem == null;
    }
}
