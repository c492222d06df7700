package io.orgbase.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What makes the run command's children die with it, however it dies. Ctrl-C and SIGTERM run the
 * launcher's shutdown hook, which stops Payara Micro and PostgreSQL in order; SIGKILL (or an out of
 * memory kill) runs nothing, and both would keep running as orphans — PostgreSQL is not even the
 * launcher's descendant, since {@code pg_ctl} starts it detached. So the launcher starts this small
 * JVM beside them: it waits for the launcher's process to end, then stops, if they still run, Payara
 * Micro (SIGTERM: it undeploys and closes its connections) and then PostgreSQL (SIGTERM to the
 * postmaster named in {@code postmaster.pid}: with no clients left, a clean shutdown), each killed
 * only if it does not stop within a minute. A launcher that stops normally ends this process first.
 */
final class Guardian {

    /** How long each child gets to stop on its own before it is killed. */
    static final long STOP_SECONDS = 60;

    private Guardian() {}

    /**
     * Starts the guardian of this launcher's children (its output goes where the launcher's does).
     *
     * @param postgresData the embedded database's data directory, or null when there is none
     */
    static Process start(long serverPid, Path postgresData) throws IOException {
        String classes = Path.of(codeSource()).toString();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a watcher, not a server: the smallest JVM that does the job
                "-Xmx16m",
                "-Xss256k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-cp",
                classes,
                Guardian.class.getName(),
                Long.toString(ProcessHandle.current().pid()),
                Long.toString(serverPid),
                postgresData == null ? "-" : postgresData.toString());
        return new ProcessBuilder(command).inheritIO().start();
    }

    private static java.net.URI codeSource() {
        try {
            return Guardian.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        long launcher = Long.parseLong(args[0]);
        long server = Long.parseLong(args[1]);
        Path postgresData = "-".equals(args[2]) ? null : Path.of(args[2]);
        // the server's identity as it is now: a pid reused by another process later is never touched
        Optional<Instant> serverStarted =
                ProcessHandle.of(server).flatMap(p -> p.info().startInstant());
        ProcessHandle.of(launcher).ifPresent(p -> p.onExit().join());
        boolean stoppedSomething = false;
        Optional<ProcessHandle> micro = ProcessHandle.of(server)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().equals(serverStarted));
        if (micro.isPresent()) {
            System.err.println("Orgbase: the run command is gone; stopping Payara Micro (" + server + ")");
            stop(micro.get());
            stoppedSomething = true;
        }
        if (postgresData != null) {
            Optional<ProcessHandle> postgres = postmaster(postgresData);
            if (postgres.isPresent()) {
                System.err.println(
                        "Orgbase: stopping PostgreSQL (" + postgres.get().pid() + ")");
                stop(postgres.get());
                stoppedSomething = true;
            }
        }
        if (stoppedSomething) {
            System.err.println("Orgbase: stopped what the run command had started");
        }
    }

    /** The running postmaster of a data directory (the first line of its {@code postmaster.pid}). */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        Path file = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(true));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@link #STOP_SECONDS}. */
    static void stop(ProcessHandle process) throws InterruptedException {
        process.destroy();
        try {
            process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                // the kernel has it; nothing more to do from here
            }
        }
    }
}
