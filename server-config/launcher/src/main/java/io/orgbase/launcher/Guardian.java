package io.orgbase.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * What makes the run command's children die with it, however it dies. Ctrl-C and SIGTERM run the
 * launcher's shutdown hook, which stops Payara Micro and PostgreSQL in order; SIGKILL (or an out of
 * memory kill) runs nothing, and both would keep running as orphans — PostgreSQL is not even the
 * launcher's descendant, since {@code pg_ctl} starts it detached. So the launcher starts this small
 * JVM beside them, in a session of its own (the terminal's Ctrl-C is the launcher's to handle), told
 * exactly which processes they are (pid and start time: a reused pid is never touched). It waits for
 * the launcher's process to end, then stops whichever still runs: Payara Micro with SIGTERM (it
 * undeploys and closes its connections), PostgreSQL with a fast shutdown (SIGINT: clients are cut
 * off, everything committed is on disk), each forced only when it does not stop within a minute. A
 * launcher that stops normally ends this process last.
 */
final class Guardian {

    private static final Logger LOG = Logger.getLogger(Guardian.class.getName());

    /** How long each child gets to stop before it is forced. */
    static final Duration STOP = Duration.ofSeconds(60);

    private Guardian() {}

    /** A process as the guardian knows it: its pid and when it started (pids are reused). */
    record Child(long pid, Instant started) {

        static Optional<Child> of(ProcessHandle process) {
            return process.info().startInstant().map(started -> new Child(process.pid(), started));
        }

        /** The same process, if it still runs. */
        Optional<ProcessHandle> running() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(started::equals).orElse(false));
        }

        String arg() {
            return pid + "@" + started.toEpochMilli();
        }

        static Optional<Child> parse(String arg) {
            if (!arg.matches("\\d+@\\d+")) {
                return Optional.empty();
            }
            String[] parts = arg.split("@");
            return Optional.of(new Child(Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1]))));
        }
    }

    /**
     * Starts the guardian of this launcher's children (its messages go where the launcher's do).
     *
     * @param postgres the embedded database's postmaster, or null when there is none
     */
    static Process start(Child server, Child postgres) throws IOException {
        List<String> command = new ArrayList<>();
        // a session of its own where the system has setsid: Ctrl-C in the terminal is not for it
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a watcher, not a server: the smallest JVM that does the job
                "-Xmx16m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-cp",
                Path.of(codeSource()).toString(),
                Guardian.class.getName(),
                Long.toString(ProcessHandle.current().pid()),
                server.arg(),
                postgres == null ? "-" : postgres.arg()));
        Process guardian = new ProcessBuilder(command).inheritIO().start();
        try {
            if (guardian.waitFor(200, TimeUnit.MILLISECONDS)) {
                LOG.warning("The guardian of Payara Micro and PostgreSQL exited at once (" + guardian.exitValue()
                        + "): should this process be killed, stop them by hand");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return guardian;
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
        Optional<Child> server = Child.parse(args[1]);
        Optional<Child> postgres = Child.parse(args[2]);
        ProcessHandle.of(launcher).ifPresent(p -> p.onExit().join());
        boolean stopped = false;
        Optional<ProcessHandle> micro = server.flatMap(Child::running);
        if (micro.isPresent()) {
            System.err.println("Orgbase: the run command is gone; stopping Payara Micro ("
                    + micro.get().pid() + ")");
            stopServer(micro.get());
            stopped = true;
        }
        Optional<ProcessHandle> postmaster = postgres.flatMap(Child::running);
        if (postmaster.isPresent()) {
            System.err.println(
                    "Orgbase: stopping PostgreSQL (" + postmaster.get().pid() + ")");
            stopPostgres(postmaster.get());
            stopped = true;
        }
        if (stopped) {
            System.err.println("Orgbase: stopped what the run command had started");
        }
    }

    /**
     * The postmaster running on this data directory, as its {@code postmaster.pid} names it: the pid
     * on its first line, the same directory on its second, and a process that started when its third
     * says (give or take a few seconds), so a stale file never names an unrelated process.
     */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        Path file = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 3
                    || !lines.get(0).strip().matches("\\d+")
                    || !lines.get(2).strip().matches("\\d+")
                    || !Path.of(lines.get(1).strip())
                            .toAbsolutePath()
                            .normalize()
                            .equals(dataDirectory.toAbsolutePath().normalize())) {
                return Optional.empty();
            }
            Instant written = Instant.ofEpochSecond(Long.parseLong(lines.get(2).strip()));
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .startInstant()
                            .map(started ->
                                    Duration.between(started, written).abs().compareTo(Duration.ofSeconds(10)) < 0)
                            .orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM (Payara undeploys), then forced after {@link #STOP}. */
    static void stopServer(ProcessHandle process) throws InterruptedException {
        process.destroy();
        if (!exited(process, STOP)) {
            process.destroyForcibly();
            exited(process, Duration.ofSeconds(10));
        }
    }

    /**
     * A fast shutdown (SIGINT: clients cut off, a checkpoint, a clean data directory); an immediate
     * one (SIGQUIT) after {@link #STOP}; and only then SIGKILL, with the postmaster's backends, so
     * none is left holding the shared memory the next start needs.
     */
    static void stopPostgres(ProcessHandle postmaster) throws InterruptedException {
        signal(postmaster, "INT");
        if (exited(postmaster, STOP)) {
            return;
        }
        signal(postmaster, "QUIT");
        if (exited(postmaster, Duration.ofSeconds(10))) {
            return;
        }
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        exited(postmaster, Duration.ofSeconds(10));
    }

    private static void signal(ProcessHandle process, String signal) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: the plain termination Java offers
            process.destroy();
        }
    }

    private static boolean exited(ProcessHandle process, Duration within) throws InterruptedException {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        }
    }
}
