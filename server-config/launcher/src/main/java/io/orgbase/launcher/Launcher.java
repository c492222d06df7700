package io.orgbase.launcher;

import java.io.File;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Starts the database (embedded unless an external one is configured) and Payara Micro, and stops
 * them in the reverse order.
 */
public final class Launcher implements AutoCloseable {

    /**
     * System property naming another application for Payara Micro to deploy beside Orgbase, as
     * {@code path:context-root} (the benchmarks' framework floor).
     */
    public static final String ALSO_DEPLOY = "orgbase.micro.alsoDeploy";

    private static final Logger LOG = Logger.getLogger(Launcher.class.getName());

    private final LauncherSettings settings;
    private EmbeddedDatabase database;
    private MicroServer server;
    private LocalMailbox mailbox;
    private HomeLock lock;
    private Process guardian;

    public Launcher(LauncherSettings settings) {
        this.settings = settings;
    }

    /**
     * @param output where Payara Micro writes its log, or null for this process's console
     */
    public synchronized void start(File output) throws IOException, SQLException {
        claimHome();
        try {
            startChildren(output);
        } catch (IOException | SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Takes {@code ORGBASE_HOME} for this run (done by {@link #start} when not done before): one run
     * per home, and what an earlier run that died left running is stopped first.
     *
     * @throws HomeLock.AlreadyRunning when another run holds it
     */
    public synchronized void claimHome() throws IOException {
        if (lock == null) {
            lock = HomeLock.acquire(settings.home());
        }
    }

    private void startChildren(File output) throws IOException, SQLException {
        Map<String, String> environment = new HashMap<>(settings.passThrough());
        environment.put("ORGBASE_HOME", settings.home().toString());
        environment.putIfAbsent("ORGBASE_PUBLIC_URL", baseUrl());
        if (!environment.containsKey("ORGBASE_SMTP_HOST")) {
            // no SMTP server: one on loopback that shows what Orgbase sends (LocalMailbox)
            mailbox = LocalMailbox.start();
            environment.put("ORGBASE_SMTP_HOST", "127.0.0.1");
            environment.put("ORGBASE_SMTP_PORT", Integer.toString(mailbox.port()));
            environment.put("ORGBASE_SMTP_TLS", "none");
            LOG.info("No ORGBASE_SMTP_HOST: mail goes to a local mailbox on port " + mailbox.port()
                    + "; each message's subject and links are shown here");
        }
        if (settings.externalDatabase().isPresent()) {
            LauncherSettings.ExternalDatabase external =
                    settings.externalDatabase().get();
            environment.put("DB_URL", external.url());
            environment.put("DB_USER", external.user());
            environment.put("DB_PASSWORD", external.password());
            environment.put("DB_MIGRATION_USER", external.migrationUser());
            environment.put("DB_MIGRATION_PASSWORD", external.migrationPassword());
        } else {
            database = EmbeddedDatabase.start(settings.home().resolve("postgres"), FreePorts.forOwnChild(), true);
            environment.put("DB_URL", database.url());
            environment.put("DB_USER", EmbeddedDatabase.APP);
            environment.put("DB_PASSWORD", database.appPassword());
            environment.put("DB_MIGRATION_USER", EmbeddedDatabase.OWNER);
            environment.put("DB_MIGRATION_PASSWORD", database.ownerPassword());
        }
        Guardian.Child postmaster = database == null
                ? null
                : Guardian.postmaster(settings.home().resolve("postgres"))
                        .flatMap(Guardian.Child::of)
                        .orElse(null);
        server = MicroServer.start(settings, environment, output);
        Guardian.Child micro = server.child();
        lock.serverStarted(micro);
        // stops both should this process die without running its shutdown hook (SIGKILL)
        guardian = Guardian.start(micro, postmaster);
    }

    /** The embedded database, when there is one. */
    public EmbeddedDatabase database() {
        return database;
    }

    /** The server's process id (benchmarks watch its heap), or -1 when it is not running. */
    public synchronized long serverPid() {
        return server == null ? -1 : server.pid();
    }

    public String baseUrl() {
        return "http://localhost:" + settings.port();
    }

    /**
     * Polls {@code /health/ready} until it answers 200.
     *
     * @return whether the server became ready within the timeout (false also when it exited)
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return Readiness.await(baseUrl(), timeout, server::isAlive);
    }

    /** Waits until Payara Micro exits on its own; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return server.waitFor();
    }

    /** Stops Payara Micro, then the database. Safe to call more than once. */
    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.stop(60);
                server = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (mailbox != null) {
                mailbox.close();
                mailbox = null;
            }
            if (database != null) {
                try {
                    database.close();
                } catch (IOException e) {
                    LOG.warning("Stopping PostgreSQL failed: " + e.getMessage());
                }
                database = null;
            }
            if (guardian != null) {
                // last: until both are stopped, a kill of this process still leaves nothing behind
                guardian.destroy();
                try {
                    guardian.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                guardian = null;
            }
            if (lock != null) {
                lock.close();
                lock = null;
            }
        }
    }
}
