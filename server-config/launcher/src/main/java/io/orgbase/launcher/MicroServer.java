package io.orgbase.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** One Payara Micro process running the flat Orgbase WAR at the root context. */
final class MicroServer {

    /**
     * Names the JSON-P provider outright. Without it every {@code Json.createReader(...)} scans the
     * class path with a {@code ServiceLoader}: Payara's MP-JWT does that several times for each
     * request it authenticates, which the read-path benchmark's profile showed as a fifth of the
     * server's CPU. The API and Parsson share one bundle in Payara 6, so the name always resolves.
     */
    static final String JSON_PROVIDER_OPTION = "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl";

    /**
     * The resource adapter's Log4j (ActiveMQ, and Flyway, which finds it) in the same shape as
     * Payara's JSON lines: the same field names, every value JSON-escaped by the pattern itself. Its
     * levels are the adapter's own configuration's.
     */
    static final String LOG4J_JSON = String.join(
            "\n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.console.ref=Console",
            "logger.spring.name=org.apache.activemq.spring",
            "logger.spring.level=WARN",
            "logger.springframework.name=org.springframework",
            "logger.springframework.level=WARN",
            "logger.xbean.name=org.apache.xbean.spring",
            "logger.xbean.level=WARN",
            "appender.console.type=Console",
            "appender.console.name=Console",
            "appender.console.layout.type=PatternLayout",
            "appender.console.layout.pattern={\"Timestamp\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSZ}\",\"Level\":\"%level\","
                    + "\"LoggerName\":\"%enc{%logger}{JSON}\",\"ThreadName\":\"%enc{%thread}{JSON}\","
                    + "\"LogMessage\":\"%enc{%message}{JSON}\"%notEmpty{,\"Throwable\":\"%enc{%throwable}{JSON}\"}}%n",
            "");

    /** Payara's formatter for one JSON object a line (Micro and Server alike). */
    static final String JSON_FORMATTER = "fish.payara.enterprise.server.logging.JSONLogFormatter";

    private static final Logger LOG = Logger.getLogger(MicroServer.class.getName());

    private final Process process;

    private MicroServer(Process process) {
        this.process = process;
    }

    /**
     * Starts Payara Micro. Its Hazelcast member joins the configured cluster ({@link
     * LauncherSettings.Cluster}), else is confined to itself (a unique cluster name and TCP discovery
     * of its own port), so it never joins another grid on the same host by chance; its runtime
     * directory is recreated on every start, because a reused one deploys the application twice.
     */
    static MicroServer start(LauncherSettings settings, Map<String, String> environment, File output)
            throws IOException {
        Path runtime = settings.home().resolve("payara-micro");
        deleteRecursively(runtime);
        Files.createDirectories(runtime);
        Path preBoot = runtime.resolve("pre-boot.asadmin");
        // DELETE /api/v1/me/2fa/totp carries password and code in its body, which Grizzly refuses
        // (400) unless told otherwise. Set before boot: as a post-boot command it reconfigured the
        // running listener, which now and then raced the web container's start and left the HTTP
        // listener dead ("GrizzlyProxy is NULL", never ready)
        Files.writeString(
                preBoot,
                "set configs.config.server-config.network-config.protocols.protocol.http-listener.http"
                        + ".allow-payload-for-undefined-http-methods=true\n");
        // the adapter's configuration must exist before it is deployed (the deployments follow the
        // post-boot commands); it is never application-scoped, which restarts MDB endpoints (payara#2386)
        Path postBoot = runtime.resolve("post-boot.asadmin");
        // it may carry the broker's password: readable by this account alone
        Files.createFile(postBoot, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder commands = new StringBuilder();
        commands.append(String.join(" ", settings.broker().adapterConfig(settings.home())))
                .append('\n');
        // the batch job repository in PostgreSQL (Micro's default is an H2 file under --rootdir,
        // which this launcher recreates on every start)
        for (List<String> batch : BatchRuntime.commands()) {
            commands.append(String.join(" ", batch)).append('\n');
        }
        Files.writeString(postBoot, commands.toString());
        LauncherSettings.Cluster cluster = settings.cluster().orElseGet(() -> {
            int own = FreePorts.forOwnChild();
            return new LauncherSettings.Cluster("orgbase-" + UUID.randomUUID(), own, "127.0.0.1:" + own, "127.0.0.1");
        });

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(JSON_PROVIDER_OPTION);
        Arrays.stream(settings.javaOptions().split("\\s+"))
                .filter(option -> !option.isEmpty())
                .forEach(command::add);
        if (LauncherSettings.jsonLog(environment)) {
            // the broker's resource adapter logs through a Log4j of its own, to the console
            Path log4j = runtime.resolve("log4j2-json.properties");
            Files.writeString(log4j, LOG4J_JSON);
            command.add("-Dlog4j2.configurationFile=" + log4j);
        }
        command.addAll(List.of(
                "-jar",
                settings.microJar().toString(),
                "--addlibs",
                BatchRuntime.driverJar().toString(),
                "--deploy",
                settings.resourceAdapter().toString(),
                "--deploy",
                settings.war().toString(),
                "--contextroot",
                "/",
                "--port",
                Integer.toString(settings.port()),
                "--rootdir",
                runtime.toString(),
                "--startport",
                Integer.toString(cluster.port()),
                "--interfaces",
                cluster.networkInterface(),
                "--clustermode",
                "tcpip:" + cluster.members(),
                "--clustername",
                cluster.name(),
                "--nohostaware",
                "--prebootcommandfile",
                preBoot.toString(),
                "--postbootcommandfile",
                postBoot.toString()));
        if (LauncherSettings.jsonLog(environment)) {
            Path logging = runtime.resolve("logging.properties");
            Files.writeString(logging, jsonLogging(settings.microJar()));
            command.addAll(List.of("--logproperties", logging.toString()));
        }
        // another application beside Orgbase, "path:context-root" (the benchmarks' framework floor)
        String alsoDeploy = System.getProperty(Launcher.ALSO_DEPLOY);
        if (alsoDeploy != null && !alsoDeploy.isBlank()) {
            command.addAll(List.of("--deploy", alsoDeploy));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        // glibc gives each of the server's hundred-odd threads an arena of its own: tens of MB resident
        // that a few arenas serve as well (MemoryBenchmark: 752 against 790 MB); a setting of the
        // caller's own stays
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.redirectErrorStream(true);
        if (output == null) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output));
        }
        LOG.info("Starting Payara Micro on port " + settings.port());
        return new MicroServer(builder.start());
    }

    /**
     * Payara Micro's own logging configuration with its console (where the server log comes from)
     * writing Payara's JSON lines: each record one object, an Orgbase line's request and
     * organization ids among its fields (see {@code io.orgbase.logging.Logs}). The file replaces
     * the built-in one, whose levels it therefore carries over.
     */
    static String jsonLogging(Path microJar) throws IOException {
        String builtIn;
        try (ZipFile jar = new ZipFile(microJar.toFile())) {
            ZipEntry entry = jar.getEntry("MICRO-INF/domain/logging.properties");
            if (entry == null) {
                throw new IOException(microJar + " has no MICRO-INF/domain/logging.properties");
            }
            try (var in = jar.getInputStream(entry)) {
                builtIn = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
        StringBuilder json = new StringBuilder();
        for (String line : builtIn.split("\\R")) {
            String key = line.split("=", 2)[0].strip();
            if (key.equals("handlers")
                    || key.startsWith("java.util.logging.ConsoleHandler.formatter")
                    || key.startsWith("com.sun.enterprise.server.logging.ODLLogFormatter.")) {
                continue;
            }
            json.append(line).append('\n');
        }
        return json.append("handlers=java.util.logging.ConsoleHandler\n")
                .append("java.util.logging.ConsoleHandler.formatter=")
                .append(JSON_FORMATTER)
                .append('\n')
                .toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The server's process as the guardian knows it (pid and start time). */
    Guardian.Child child() {
        return Guardian.Child.of(process.toHandle())
                .orElseGet(() -> new Guardian.Child(process.pid(), java.time.Instant.EPOCH));
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM, so Payara undeploys cleanly; forcibly after the timeout. */
    void stop(long timeoutSeconds) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            LOG.warning("Payara Micro did not stop within " + timeoutSeconds + " s; killing it");
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
