package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import io.orgbase.launcher.LauncherSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Orgbase as the benchmarks run it: the run command's launcher (embedded PostgreSQL, Payara Micro)
 * on a free port and a home of its own, without rate limits, with tokens that outlast a run.
 */
final class BenchServer {

    private BenchServer() {}

    /** A started server, ready; the caller closes it. */
    static Launcher start(Path work, Path home, String adminPassword) throws Exception {
        return start(work, home, adminPassword, Map.of());
    }

    /** Starts with {@code settings} over the benchmark's own (rate limits off unless they say otherwise). */
    static Launcher start(Path work, Path home, String adminPassword, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(freePort()));
        env.put("ORGBASE_HOME", home.toString());
        env.put("ORGBASE_ADMIN_EMAIL", "bench-admin@bench.example");
        env.put("ORGBASE_ADMIN_PASSWORD", adminPassword);
        env.put("ORGBASE_RATE_LIMIT_PER_PRINCIPAL", "0");
        env.put("ORGBASE_RATE_LIMIT_PER_ADDRESS", "0");
        env.put("ORGBASE_RATE_LIMIT_EXPENSIVE_CONCURRENT", "0");
        env.put("ORGBASE_JWT_LIFETIME", "PT3H");
        // the product's own JVM options (LauncherSettings) unless the run says otherwise
        if (System.getenv("ORGBASE_JAVA_OPTS") != null) {
            env.put("ORGBASE_JAVA_OPTS", System.getenv("ORGBASE_JAVA_OPTS"));
        }
        env.putAll(settings);
        Launcher launcher = new Launcher(LauncherSettings.from(env, System.getProperties()));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "bench-stop"));
        launcher.start(work.resolve("server.log").toFile());
        if (!launcher.awaitReady(Duration.ofMinutes(5))) {
            launcher.close();
            throw new IllegalStateException("Orgbase did not become ready; see " + work.resolve("server.log"));
        }
        return launcher;
    }

    /** Deletes a run's home (gigabytes of rows) unless {@code BENCH_KEEP=true}. */
    static void discard(Path home) throws IOException {
        if ("true".equals(System.getenv("BENCH_KEEP")) || !Files.exists(home)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static int setting(String name, int fallback) {
        return Integer.parseInt(System.getenv().getOrDefault(name, Integer.toString(fallback)));
    }

    /** Below the ephemeral range, apart from the launcher's own ports (see FreePorts). */
    static int freePort() {
        return io.orgbase.launcher.FreePorts.next();
    }
}
