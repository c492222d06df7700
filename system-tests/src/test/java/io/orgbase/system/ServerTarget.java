package io.orgbase.system;

import io.orgbase.launcher.BatchRuntime;
import io.orgbase.launcher.Broker;
import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import io.orgbase.launcher.Readiness;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The EAR on Payara Server Full, unpacked from Maven Central by the build: a fresh domain on free
 * ports, started with the database settings in its environment, the EAR deployed, and everything
 * stopped at the end.
 */
final class ServerTarget implements Restartable {

    /** Offsets from --portbase that a Payara domain listens on. */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

    private final Path payaraHome;
    private final Path domains;
    private final String domain;
    private final int portBase;
    private final EmbeddedDatabase database;
    private final File log;
    private final String adminEmail;
    private final String adminPassword;
    private boolean domainStarted;
    /** The domain's server JVM as last started, so that close() can make sure it is gone. */
    private ProcessHandle serverJvm;

    private ServerTarget(
            Path payaraHome, Path work, EmbeddedDatabase database, String adminEmail, String adminPassword) {
        this.payaraHome = payaraHome;
        this.domains = work.resolve("domains");
        this.domain = "orgbase-" + Secrets.suffix();
        this.portBase = freePortBase();
        this.database = database;
        this.log = work.resolve(domain + "-asadmin.log").toFile();
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    static ServerTarget start(Path work) {
        Path payaraHome = Path.of(System.getProperty("orgbase.payara.home")).toAbsolutePath();
        Path ear = Path.of(System.getProperty("orgbase.ear")).toAbsolutePath();
        ServerTarget target = null;
        try {
            Files.createDirectories(work);
            EmbeddedDatabase database =
                    EmbeddedDatabase.start(work.resolve("server-db-" + Secrets.suffix()), FreePorts.next(), false);
            target = new ServerTarget(
                    payaraHome, work, database, "admin-" + Secrets.suffix() + "@it.example", Secrets.password());
            target.asadmin(
                    "create-domain",
                    "--nopassword",
                    "--portbase",
                    Integer.toString(target.portBase),
                    "--domaindir",
                    target.domains.toString(),
                    target.domain);
            target.domainStarted = true;
            // the batch job repository's pool loads the driver from the server (asadmin add-library)
            Files.copy(
                    BatchRuntime.driverJar(),
                    target.domains
                            .resolve(target.domain)
                            .resolve("lib")
                            .resolve(BatchRuntime.driverJar().getFileName()));
            target.asadmin("start-domain", "--domaindir", target.domains.toString(), target.domain);
            target.serverJvm = target.serverProcess().orElse(null);
            // the JMS resource adapter, configured before it is deployed, as the README says
            String admin = Integer.toString(target.adminPort());
            List<String> adapterConfig = new ArrayList<>(List.of("--port", admin));
            adapterConfig.addAll(Broker.from(Map.of()).adapterConfig(target.orgbaseHome()));
            target.asadmin(adapterConfig.toArray(String[]::new));
            // the domain settings and the batch resources from the operators' scripts, one asadmin call
            // a line as the README runs them (multimode would report only the last command's failure)
            for (String script : List.of("orgbase-domain.asadmin", "orgbase-batch.asadmin")) {
                for (String line : Files.readAllLines(Path.of(System.getProperty("orgbase.payara.config"), script))) {
                    if (!line.isBlank() && !line.strip().startsWith("#")) {
                        List<String> command = new ArrayList<>(List.of("--port", admin));
                        command.addAll(List.of(line.strip().split("\\s+")));
                        target.asadmin(command.toArray(String[]::new));
                    }
                }
            }
            // the batch runtime takes its repository's data source when it first starts: until the
            // domain restarts, jobs are kept in the default H2 pool and a kill loses them
            target.asadmin("restart-domain", "--domaindir", target.domains.toString(), target.domain);
            target.serverJvm = target.serverProcess().orElse(null);
            target.asadmin(
                    "--port",
                    admin,
                    "deploy",
                    "--type",
                    "rar",
                    "--name",
                    Broker.ADAPTER,
                    Path.of(System.getProperty("orgbase.rar")).toAbsolutePath().toString());
            target.asadmin("--port", admin, "deploy", "--name", "orgbase", ear.toString());
            target.awaitReady(Duration.ofMinutes(3));
            return target;
        } catch (IOException e) {
            close(target);
            throw new UncheckedIOException(e);
        } catch (SQLException | RuntimeException e) {
            close(target);
            throw new IllegalStateException("Payara Server did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close(target);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void close(ServerTarget target) {
        if (target != null) {
            target.close();
        }
    }

    private Path orgbaseHome() {
        return domains.resolve(domain).resolve("orgbase");
    }

    private int adminPort() {
        return portBase + 48;
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + (portBase + 80);
    }

    private void asadmin(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(payaraHome.resolve("bin/asadmin").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Map<String, String> env = builder.environment();
        env.put("AS_JAVA", System.getProperty("java.home"));
        // what the EAR reads at start-up; the domain's JVM inherits asadmin's environment
        env.put("DB_URL", database.url());
        env.put("DB_USER", EmbeddedDatabase.APP);
        env.put("DB_PASSWORD", database.appPassword());
        env.put("DB_MIGRATION_USER", EmbeddedDatabase.OWNER);
        env.put("DB_MIGRATION_PASSWORD", database.ownerPassword());
        env.put("ORGBASE_HOME", orgbaseHome().toString());
        env.put("ORGBASE_ADMIN_EMAIL", adminEmail);
        env.put("ORGBASE_ADMIN_PASSWORD", adminPassword);
        env.put("ORGBASE_PUBLIC_URL", baseUrl());
        env.putAll(Orgbase.settings());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("asadmin " + arguments[0] + " timed out; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed; see " + log);
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        if (!Readiness.await(baseUrl(), timeout, () -> true)) {
            throw new IllegalStateException("Orgbase on Payara Server did not become ready; see " + log);
        }
    }

    /** A base port whose whole range of domain ports is free. */
    private static int freePortBase() {
        return PortRanges.freeBase(10_000, 32_000, PORT_OFFSETS, "a Payara domain");
    }

    @Override
    public long serverPid() {
        ProcessHandle jvm = serverJvm;
        return jvm == null ? -1 : jvm.pid();
    }

    @Override
    public String adminEmail() {
        return adminEmail;
    }

    @Override
    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public Connection superuser() throws SQLException {
        return database.superuserConnection();
    }

    @Override
    public Path signingKeyFile() {
        return domains.resolve(domain).resolve("orgbase/keys/jwt-signing-key.pem");
    }

    @Override
    public String databaseUrl() {
        return database.url();
    }

    /** The domain's server JVM, while it runs (from the pid file it writes). */
    private Optional<ProcessHandle> serverProcess() {
        Path pidFile = domains.resolve(domain).resolve("config/pid");
        try {
            return Files.isRegularFile(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                            .filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code kill -9} of the domain's server JVM; returns once it is gone. */
    @Override
    public synchronized void kill() {
        ProcessHandle server =
                serverProcess().orElseThrow(() -> new IllegalStateException("the domain is not running"));
        server.destroyForcibly();
        server.onExit().join();
    }

    /**
     * {@code asadmin start-domain} on the same domain (its broker store and deployments) and
     * database after {@link #kill()}; returns once Orgbase answers again.
     */
    @Override
    public synchronized void restart() throws IOException, InterruptedException {
        asadmin("start-domain", "--domaindir", domains.toString(), domain);
        serverJvm = serverProcess().orElse(null);
        awaitReady(Duration.ofMinutes(3));
    }

    @Override
    public synchronized void close() {
        try {
            if (domainStarted) {
                domainStarted = false;
                asadmin("stop-domain", "--domaindir", domains.toString(), domain);
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            System.getLogger(ServerTarget.class.getName()).log(System.Logger.Level.WARNING, "stop-domain failed", e);
        } finally {
            // never leave a domain running: what stop-domain did not stop within a minute is killed
            ProcessHandle jvm = serverJvm;
            serverJvm = null;
            if (jvm != null && jvm.isAlive()) {
                try {
                    jvm.onExit().get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    jvm.destroyForcibly();
                } catch (InterruptedException e) {
                    jvm.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            try {
                database.close();
            } catch (IOException e) {
                System.getLogger(ServerTarget.class.getName())
                        .log(System.Logger.Level.WARNING, "stopping PostgreSQL failed", e);
            }
        }
    }
}
