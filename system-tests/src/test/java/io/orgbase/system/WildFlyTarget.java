package io.orgbase.system;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import io.orgbase.launcher.Readiness;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The EAR on WildFly 39 ({@code standalone-full}), unpacked from Maven Central by the build and
 * prepared exactly as {@code server-config/wildfly/README.md} tells an operator: the EclipseLink
 * module, the CLI script, the batch schema, then the EAR in {@code deployments/}. Each run gets its
 * own server base directory and a port offset with every port free; everything is stopped at the
 * end.
 */
final class WildFlyTarget implements Restartable {

    /** The ports standalone-full listens on before the offset. */
    private static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 3528, 3529, 4712, 4713};

    private final Path home;
    private final Path base;
    private final int offset;
    private final EmbeddedDatabase database;
    private final File log;
    private final String adminEmail;
    private final String adminPassword;
    private Process launcher;
    /** The server JVM as last started (from the pid file standalone.sh writes). */
    private ProcessHandle serverJvm;

    private WildFlyTarget(Path home, Path base, EmbeddedDatabase database, String adminEmail, String adminPassword) {
        this.home = home;
        this.base = base;
        this.offset = freeOffset();
        this.database = database;
        this.log = base.resolveSibling(base.getFileName() + "-console.log").toFile();
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    static WildFlyTarget start(Path work) {
        Path home = Path.of(System.getProperty("orgbase.wildfly.home")).toAbsolutePath();
        Path config = Path.of(System.getProperty("orgbase.wildfly.config")).toAbsolutePath();
        Path ear = Path.of(System.getProperty("orgbase.ear")).toAbsolutePath();
        WildFlyTarget target = null;
        try {
            Files.createDirectories(work);
            String suffix = Secrets.suffix();
            EmbeddedDatabase database =
                    EmbeddedDatabase.start(work.resolve("wildfly-db-" + suffix), FreePorts.next(), false);
            target = new WildFlyTarget(
                    home,
                    work.resolve("wildfly-" + suffix).toAbsolutePath(),
                    database,
                    "admin-" + suffix + "@it.example",
                    Secrets.password());
            target.prepareDatabase();
            installEclipseLink(home, config);
            target.createBase(config);
            Files.copy(ear, target.base.resolve("deployments/orgbase.ear"));
            target.startServer();
            target.awaitDeployed(Duration.ofMinutes(3));
            target.awaitReady(Duration.ofMinutes(2));
            return target;
        } catch (IOException e) {
            close(target);
            throw new UncheckedIOException(e);
        } catch (SQLException | RuntimeException e) {
            close(target);
            throw new IllegalStateException("WildFly did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close(target);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void close(WildFlyTarget target) {
        if (target != null) {
            target.close();
        }
    }

    /** The README's database step: the batch repository's schema exists before the server starts. */
    private void prepareDatabase() throws SQLException {
        try (Connection connection = database.superuserConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS orgbase_batch AUTHORIZATION " + EmbeddedDatabase.OWNER);
            statement.execute("GRANT USAGE, CREATE ON SCHEMA orgbase_batch TO " + EmbeddedDatabase.APP);
        }
    }

    /** The README's first step, on the unpacked distribution (idempotent). */
    private static synchronized void installEclipseLink(Path home, Path config) throws IOException {
        Path module = home.resolve("modules/system/layers/base/org/eclipse/persistence/main");
        // the module names WildFly's integration jar by its version: a new WildFly needs a new module.xml
        String integration = Files.readString(config.resolve("modules/org/eclipse/persistence/main/module.xml"))
                .replaceAll("(?s).*resource-root path=\"(jipijapa-eclipselink-[^\"]+)\".*", "$1");
        if (!Files.exists(module.resolve(integration))) {
            throw new IllegalStateException(
                    "server-config/wildfly's EclipseLink module names " + integration + ", which " + module + " lacks");
        }
        Files.copy(
                config.resolve("modules/org/eclipse/persistence/main/module.xml"),
                module.resolve("module.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                Path.of(System.getProperty("orgbase.eclipselink.jar")),
                module.resolve("eclipselink.jar"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A server base directory of its own (a copy of the distribution's {@code standalone/}) with
     * the CLI script applied to its configuration, offline.
     */
    private void createBase(Path config) throws IOException, InterruptedException {
        copyTree(home.resolve("standalone"), base);
        // the script adds the driver module; an earlier run on this distribution may have done so
        deleteTree(home.resolve("modules/org/postgresql"));
        // the deployment's script, then the README's optional one for a JSON log (the suite checks its lines)
        for (String script : List.of("orgbase.cli", "json-log.cli")) {
            List<String> command = List.of(
                    home.resolve("bin/jboss-cli.sh").toString(),
                    "--file=" + config.resolve(script),
                    "-Dorgbase.postgresql.jar=" + System.getProperty("orgbase.postgresql.jar"),
                    "-Djboss.server.base.dir=" + base);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            scriptEnvironment(builder);
            Process cli = builder.start();
            if (!cli.waitFor(3, TimeUnit.MINUTES)) {
                destroyWithChildren(cli);
                throw new IllegalStateException("the CLI script " + script + " timed out; see " + log);
            }
            if (cli.exitValue() != 0) {
                throw new IllegalStateException("the CLI script " + script + " failed; see " + log);
            }
        }
    }

    @Override
    public Path jsonLog() {
        return base.resolve("log/server.json");
    }

    /**
     * The environment of a WildFly script: this JVM's Java, and none of the caller's WildFly
     * settings (standalone.sh would run another installation's JBOSS_HOME, or its JAVA_OPTS).
     */
    private static Map<String, String> scriptEnvironment(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        for (String inherited :
                List.of("JBOSS_HOME", "JBOSS_BASE_DIR", "JBOSS_MODULEPATH", "JAVA_OPTS", "JBOSS_JAVA_SIZING")) {
            env.remove(inherited);
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    /** Stops a script and what it started (the shell scripts do not exec their JVM). */
    private static void destroyWithChildren(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void startServer() throws IOException, InterruptedException {
        Path pidFile = base.resolve("wildfly.pid");
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone-full.xml",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Map<String, String> env = scriptEnvironment(builder);
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        env.put("JBOSS_PIDFILE", pidFile.toString());
        env.put("JBOSS_JAVA_SIZING", "-Xms256m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m");
        // what the EAR and the CLI-made data sources read
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
        Files.deleteIfExists(pidFile);
        launcher = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (serverJvm == null && System.nanoTime() < deadline && launcher.isAlive()) {
            serverJvm = readPid(pidFile).orElse(null);
            if (serverJvm == null) {
                Thread.sleep(100);
            }
        }
        if (serverJvm == null) {
            throw new IllegalStateException("WildFly did not start; see " + log);
        }
    }

    private static Optional<ProcessHandle> readPid(Path pidFile) {
        try {
            return Files.isRegularFile(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException notYet) {
            return Optional.empty();
        }
    }

    /** The deployment scanner's marker: {@code .deployed}, or {@code .failed} with the reason inside. */
    private void awaitDeployed(Duration timeout) throws IOException, InterruptedException {
        Path deployments = base.resolve("deployments");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && serverJvm.isAlive()) {
            if (Files.exists(deployments.resolve("orgbase.ear.deployed"))) {
                return;
            }
            Path failed = deployments.resolve("orgbase.ear.failed");
            if (Files.exists(failed)) {
                throw new IllegalStateException("orgbase.ear failed to deploy: " + Files.readString(failed));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                (serverJvm.isAlive() ? "orgbase.ear was not deployed in time" : "WildFly stopped") + "; see "
                        + base.resolve("log/server.log"));
    }

    /** {@code kill -9} of the server's JVM; returns once it is gone. */
    @Override
    public synchronized void kill() {
        ProcessHandle jvm = serverJvm;
        if (jvm == null || !jvm.isAlive()) {
            throw new IllegalStateException("WildFly is not running");
        }
        jvm.destroyForcibly();
        jvm.onExit().join();
        serverJvm = null;
    }

    /**
     * {@code standalone.sh} again on the same base directory (its broker journal, its deployment)
     * and database after {@link #kill()}; returns once Orgbase answers again.
     */
    @Override
    public synchronized void restart() throws IOException, InterruptedException {
        if (launcher != null) {
            launcher.waitFor(30, TimeUnit.SECONDS);
        }
        startServer();
        awaitReady(Duration.ofMinutes(3));
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        if (!Readiness.await(managementUrl(), baseUrl(), timeout, () -> serverJvm.isAlive())) {
            throw new IllegalStateException("Orgbase on WildFly did not become ready; see " + base.resolve("log"));
        }
    }

    private Path orgbaseHome() {
        return base.resolve("orgbase");
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + (8080 + offset);
    }

    @Override
    public String healthUrl() {
        return managementUrl();
    }

    /** WildFly's management interface (where it serves health checks). */
    String managementUrl() {
        return "http://127.0.0.1:" + (9990 + offset);
    }

    /** An offset below the ephemeral range with every port of standalone-full free. */
    private static int freeOffset() {
        return PortRanges.freeBase(1_000, 22_000, PORTS, "WildFly");
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
        return orgbaseHome().resolve("keys/jwt-signing-key.pem");
    }

    @Override
    public String databaseUrl() {
        return database.url();
    }

    @Override
    public synchronized void close() {
        try {
            if (serverJvm != null && serverJvm.isAlive()) {
                shutdown();
            }
        } finally {
            // never leave a server running: what :shutdown did not stop within a minute is killed
            for (ProcessHandle process :
                    new ProcessHandle[] {serverJvm, launcher == null ? null : launcher.toHandle()}) {
                if (process != null && process.isAlive()) {
                    try {
                        process.onExit().get(60, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        process.destroyForcibly();
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                        Thread.currentThread().interrupt();
                    }
                }
            }
            serverJvm = null;
            launcher = null;
            try {
                database.close();
            } catch (IOException e) {
                System.getLogger(WildFlyTarget.class.getName())
                        .log(System.Logger.Level.WARNING, "stopping PostgreSQL failed", e);
            }
        }
    }

    /** {@code :shutdown} through the management interface; SIGTERM if the CLI cannot reach it. */
    private void shutdown() {
        try {
            Process cli = new ProcessBuilder(
                            home.resolve("bin/jboss-cli.sh").toString(),
                            "--connect",
                            "--controller=127.0.0.1:" + (9990 + offset),
                            "--command=:shutdown")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
            if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                destroyWithChildren(cli);
                serverJvm.destroy();
            }
        } catch (IOException e) {
            serverJvm.destroy();
        } catch (InterruptedException e) {
            serverJvm.destroy();
            Thread.currentThread().interrupt();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
