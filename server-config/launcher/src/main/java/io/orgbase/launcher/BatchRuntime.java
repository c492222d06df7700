package io.orgbase.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** The operators' script ({@code server-config/payara-server/orgbase-batch.asadmin}), packaged with the launcher. */
    static final String SCRIPT = "orgbase-batch.asadmin";

    /**
     * The asadmin commands of {@link #SCRIPT}, one per element, each split into its words: the same
     * file an operator runs on Payara Server, so the two cannot drift apart.
     */
    public static List<List<String>> commands() {
        try (InputStream in = BatchRuntime.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the launcher lacks " + SCRIPT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> List.of(line.split("\\s+")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
