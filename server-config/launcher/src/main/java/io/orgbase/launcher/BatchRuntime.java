package io.orgbase.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The server resources Jakarta Batch needs on Payara (Micro and Server alike): a small
 * non-transactional pool of the application role for the job repository in schema {@code
 * orgbase_batch}, a bounded executor for job threads, and the batch runtime pointed at both.
 *
 * <p>The pool reads the database settings from the server's environment ({@code ${ENV=DB_URL}}
 * and so on), so no secret is written into the domain's configuration. The PostgreSQL driver must
 * be on the server's class path ({@code --addlibs} for Micro, {@code asadmin add-library} for
 * Server): a server pool cannot load it from the application.
 */
public final class BatchRuntime {

    /** The JNDI name of the repository's data source. */
    public static final String DATA_SOURCE = "jdbc/orgbase-batch";

    /** The JNDI name of the executor that runs job threads. */
    public static final String EXECUTOR = "concurrent/orgbase-batch";

    /** The schema V37 creates for the repository. */
    public static final String SCHEMA = "orgbase_batch";

    private static final String POOL = "orgbase-batch";

    /** At most this many jobs run at once on one server; more wait in the executor's queue. */
    static final int THREADS = 4;

    private BatchRuntime() {}

    /** The asadmin commands, one per element, each split into its words. */
    public static List<List<String>> commands() {
        return List.of(
                List.of(
                        "create-jdbc-connection-pool",
                        "--datasourceclassname",
                        "org.postgresql.ds.PGSimpleDataSource",
                        "--restype",
                        "javax.sql.DataSource",
                        "--nontransactionalconnections=true",
                        "--steadypoolsize",
                        "0",
                        "--maxpoolsize",
                        Integer.toString(2 * THREADS),
                        "--isconnectvalidatereq=true",
                        "--validationmethod",
                        "auto-commit",
                        "--property",
                        "url=" + Broker.escape("${ENV=DB_URL}") + ":user=" + Broker.escape("${ENV=DB_USER}")
                                + ":password=" + Broker.escape("${ENV=DB_PASSWORD}")
                                + ":ApplicationName=orgbase-batch",
                        POOL),
                List.of("create-jdbc-resource", "--connectionpoolid", POOL, DATA_SOURCE),
                List.of(
                        "create-managed-executor-service",
                        "--corepoolsize",
                        Integer.toString(THREADS),
                        "--maximumpoolsize",
                        Integer.toString(THREADS),
                        "--longrunningtasks=true",
                        EXECUTOR),
                List.of(
                        "set-batch-runtime-configuration",
                        "--dataSourceLookupName",
                        DATA_SOURCE,
                        "--executorServiceLookupName",
                        EXECUTOR,
                        "--schemaName",
                        SCHEMA));
    }

    /** Where the PostgreSQL driver this launcher uses lives, for the server's class path. */
    public static Path driverJar() {
        try {
            return Path.of(org.postgresql.Driver.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the PostgreSQL driver", e);
        }
    }
}
