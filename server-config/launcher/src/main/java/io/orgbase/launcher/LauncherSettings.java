package io.orgbase.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher is told by its environment. Every variable is optional except the locations of
 * Payara Micro and the WAR, which the build provides as system properties.
 */
public record LauncherSettings(
        int port,
        Path home,
        Path microJar,
        Path war,
        Path resourceAdapter,
        Optional<ExternalDatabase> externalDatabase,
        String javaOptions,
        Map<String, String> passThrough,
        Optional<Cluster> cluster,
        Broker broker) {

    /** An external PostgreSQL: the application role, and the owner role migrations run as. */
    public record ExternalDatabase(
            String url, String user, String password, String migrationUser, String migrationPassword) {}

    /**
     * A Payara Micro cluster to join: its name, this member's Hazelcast port and interface, and the
     * members to discover over TCP ({@code host:port,…}, this one included). Without one, each start
     * is a cluster of its own that never joins another grid on the host.
     */
    public record Cluster(String name, int port, String members, String networkInterface) {

        static Optional<Cluster> from(Map<String, String> env) {
            String name = env.get("ORGBASE_CLUSTER_NAME");
            if (name == null || name.isBlank()) {
                return Optional.empty();
            }
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new IllegalArgumentException(
                        "ORGBASE_CLUSTER_NAME must start with a letter or digit, then letters, digits, '.', '_' or '-'");
            }
            int port;
            try {
                port = parsePort(env.getOrDefault("ORGBASE_CLUSTER_PORT", "6900"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ORGBASE_CLUSTER_" + e.getMessage(), e);
            }
            String networkInterface = env.getOrDefault("ORGBASE_CLUSTER_INTERFACE", "127.0.0.1");
            if (!networkInterface.matches("[A-Za-z0-9][A-Za-z0-9.:\\[\\]-]*")) {
                throw new IllegalArgumentException("ORGBASE_CLUSTER_INTERFACE must be an address or host name");
            }
            String members = env.getOrDefault("ORGBASE_CLUSTER_MEMBERS", networkInterface + ":" + port);
            if (!members.matches("[A-Za-z0-9][A-Za-z0-9.:\\[\\]-]*(,[A-Za-z0-9][A-Za-z0-9.:\\[\\]-]*)*")) {
                throw new IllegalArgumentException("ORGBASE_CLUSTER_MEMBERS must be host:port, comma-separated");
            }
            return Optional.of(new Cluster(name, port, members, networkInterface));
        }
    }

    /**
     * Payara Micro's JVM options on any machine (see {@link #defaultJavaOptions}): lean
     * (MemoryBenchmark, before the compiler and trimming options were added: about 740 MB resident
     * under the request benchmark's load, where G1 with a 1 GB heap held 1,090 MB, and faster on two
     * cores). A larger machine with heavy traffic may prefer G1 and more heap.
     */
    public static final String DEFAULT_JAVA_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC";

    /**
     * The JVM options Payara Micro gets unless {@code ORGBASE_JAVA_OPTS} says otherwise, on this
     * machine and this JVM (the one the launcher runs on starts the server).
     */
    public static String defaultJavaOptions() {
        return defaultJavaOptions(
                Runtime.getRuntime().availableProcessors(),
                hasVmOption("TrimNativeHeapInterval") && !unlocksExperimentalOptions());
    }

    /**
     * Whether this JVM was started with experimental options unlocked: then an option it knows may be
     * an experimental one (an option can be experimental in one JDK release and a product option in a
     * later one), which the server's JVM, started without the unlock, would refuse.
     */
    private static boolean unlocksExperimentalOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments()
                .contains("-XX:+UnlockExperimentalVMOptions");
    }

    /**
     * The default JVM options on a machine of this many processors: {@link #DEFAULT_JAVA_OPTIONS},
     * and
     *
     * <ul>
     *   <li>on fewer than four processors a third compiler thread. The JVM gives such a machine two
     *       (one C1, one C2), which under load share the CPU with every busy request thread, so the
     *       request path took about three minutes to reach its warm rate (docs/architecture.md, "Time
     *       to warm: a second C2 thread"). From four processors the JVM's own count is three or more,
     *       and is kept;
     *   <li>where the JVM has it (OpenJDK 17.0.15 does), the native heap trimmed every 5 s: what the
     *       compiler threads and the rest of the JVM free goes back to the system, about 55 MiB of
     *       resident memory after three minutes of reads. An older JVM would refuse to start with
     *       the option, so it is given only when the JVM knows it.
     * </ul>
     */
    static String defaultJavaOptions(int processors, boolean canTrimNativeHeap) {
        StringBuilder options = new StringBuilder(DEFAULT_JAVA_OPTIONS);
        if (processors < 4) {
            options.append(" -XX:CICompilerCount=3");
        }
        if (canTrimNativeHeap) {
            options.append(" -XX:TrimNativeHeapInterval=5000");
        }
        return options.toString();
    }

    /** Whether this JVM has the {@code -XX} option of that name. */
    static boolean hasVmOption(String name) {
        try {
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name);
            return true;
        } catch (IllegalArgumentException | NullPointerException | LinkageError unknown) {
            return false; // not an option of this JVM, or not a HotSpot one
        }
    }

    /** Orgbase's own settings and MicroProfile ones reach the server unchanged. */
    static boolean passedThrough(String name) {
        return (name.startsWith("ORGBASE_") || name.startsWith("MP_"))
                && !name.equals("ORGBASE_HOME")
                && !name.equals("ORGBASE_JAVA_OPTS")
                && !name.startsWith("ORGBASE_CLUSTER_")
                && !name.startsWith("ORGBASE_JMS_");
    }

    /**
     * The variables that have a value: one set but blank (an env file's {@code ORGBASE_JAVA_OPTS=},
     * a compose file's {@code PORT: ""}) counts as not set, as MicroProfile Config counts an empty
     * value on the server; passwords excepted. An empty {@code ORGBASE_JAVA_OPTS} once started the JVM with an empty
     * argument ("Could not find or load main class"), and an empty {@code ORGBASE_HOME} would have
     * put the data in the working directory.
     */
    static Map<String, String> given(Map<String, String> env) {
        Map<String, String> given = new java.util.HashMap<>();
        env.forEach((name, value) -> {
            // an empty password is a password (a role PostgreSQL admits by trust or peer)
            if (value != null && (!value.isBlank() || name.endsWith("_PASSWORD"))) {
                given.put(name, value);
            }
        });
        return given;
    }

    public static LauncherSettings from(Map<String, String> environment, java.util.Properties system) {
        Map<String, String> env = given(environment);
        int port = parsePort(env.getOrDefault("PORT", "8080"));
        logFormat(env);
        Path home = Path.of(env.getOrDefault("ORGBASE_HOME", "var"))
                .toAbsolutePath()
                .normalize();
        Path microJar = requiredPath(system, "orgbase.micro.jar");
        Path war = requiredPath(system, "orgbase.war");
        Path resourceAdapter = requiredPath(system, "orgbase.rar");
        Optional<ExternalDatabase> external = Optional.ofNullable(env.get("DB_URL"))
                .filter(url -> !url.isBlank())
                .map(url -> new ExternalDatabase(
                        url,
                        require(env, "DB_USER"),
                        env.getOrDefault("DB_PASSWORD", ""),
                        env.getOrDefault("DB_MIGRATION_USER", env.get("DB_USER")),
                        env.getOrDefault("DB_MIGRATION_PASSWORD", env.getOrDefault("DB_PASSWORD", ""))));
        String javaOptions = env.containsKey("ORGBASE_JAVA_OPTS") ? env.get("ORGBASE_JAVA_OPTS") : defaultJavaOptions();
        Map<String, String> passThrough = new java.util.TreeMap<>();
        env.forEach((name, value) -> {
            if (passedThrough(name)) {
                passThrough.put(name, value);
            }
        });
        return new LauncherSettings(
                port,
                home,
                microJar,
                war,
                resourceAdapter,
                external,
                javaOptions,
                passThrough,
                Cluster.from(env),
                Broker.from(env));
    }

    /** {@code ORGBASE_LOG_FORMAT}: the server log as Payara's text ({@code text}) or one JSON object a line. */
    static boolean jsonLog(Map<String, String> env) {
        return logFormat(env).equals("json");
    }

    private static String logFormat(Map<String, String> env) {
        String format =
                given(env).getOrDefault("ORGBASE_LOG_FORMAT", "text").strip().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException(
                    "ORGBASE_LOG_FORMAT must be text or json, not " + env.get("ORGBASE_LOG_FORMAT"));
        }
        return format;
    }

    static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("PORT must be between 1 and 65535, not " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, not '" + value + "'", e);
        }
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required when DB_URL is set");
        }
        return value;
    }

    private static Path requiredPath(java.util.Properties system, String name) {
        String value = system.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + name + " is not set (the build sets it)");
        }
        return Path.of(value).toAbsolutePath();
    }
}
