package io.orgbase.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One run per {@code ORGBASE_HOME}: a lock on {@code run.lock} held for the launcher's life (the
 * operating system lets go of it however the process ends), with the holder's pid in {@code
 * run.pid}. A second start on the same home is refused with one line saying what runs and how to
 * stop it. Once the lock is held, what an earlier run that died left running is stopped: its Payara
 * Micro ({@code server.pid}: pid and start time) and its PostgreSQL ({@code postmaster.pid}, checked
 * against the directory and the process's start time), normally already on their way out by their
 * {@link Guardian}.
 */
final class HomeLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HomeLock.class.getName());

    /**
     * Homes this JVM holds. Checked before the lock file is opened: closing any channel of a file
     * drops every lock this process holds on it, so a second launcher in one JVM must never get as
     * far as opening (and, refused, closing) one.
     */
    private static final Set<Path> HELD = new HashSet<>();

    /** A start refused because another run holds the home. */
    static final class AlreadyRunning extends IllegalStateException {
        AlreadyRunning(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;
    private final Path home;
    private final Path key;

    private HomeLock(FileChannel channel, FileLock lock, Path home, Path key) {
        this.channel = channel;
        this.lock = lock;
        this.home = home;
        this.key = key;
    }

    /** @throws AlreadyRunning when another run holds this home */
    static HomeLock acquire(Path home) throws IOException {
        Files.createDirectories(home);
        Path key = home.toRealPath();
        synchronized (HELD) {
            if (!HELD.add(key)) {
                throw refusal(home, Long.toString(ProcessHandle.current().pid()));
            }
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(home.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw refusal(home, read(home.resolve("run.pid")).orElse("?"));
            }
            Path pidFile = home.resolve("run.pid");
            Path written = Files.writeString(
                    home.resolve("run.pid.tmp"),
                    Long.toString(ProcessHandle.current().pid()));
            Files.move(written, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            HomeLock held = new HomeLock(channel, lock, home, key);
            held.stopLeftovers();
            return held;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            synchronized (HELD) {
                HELD.remove(key);
            }
            throw e;
        }
    }

    private static AlreadyRunning refusal(Path home, String holder) {
        return new AlreadyRunning("Orgbase is already running from " + home + " (process " + holder
                + "): stop it with Ctrl-C in its terminal or kill " + holder
                + ", or set ORGBASE_HOME to another directory.");
    }

    /** Records the server, for the next start should this run die without stopping it. */
    void serverStarted(Guardian.Child server) throws IOException {
        Files.writeString(home.resolve("server.pid"), server.arg());
    }

    private void stopLeftovers() throws IOException {
        try {
            Optional<ProcessHandle> server = read(home.resolve("server.pid"))
                    .flatMap(Guardian.Child::parse)
                    .flatMap(Guardian.Child::running);
            if (server.isPresent()) {
                LOG.warning("Payara Micro of an earlier run is still running (process "
                        + server.get().pid() + "); stopping it");
                Guardian.stopServer(server.get());
            }
            Optional<ProcessHandle> postgres = Guardian.postmaster(home.resolve("postgres"));
            if (postgres.isPresent()) {
                LOG.warning("PostgreSQL of an earlier run is still running (process "
                        + postgres.get().pid() + "); stopping it cleanly");
                Guardian.stopPostgres(postgres.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping an earlier run's processes", e);
        }
        Files.deleteIfExists(home.resolve("server.pid"));
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                            .filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(home.resolve("server.pid"));
            Files.deleteIfExists(home.resolve("run.pid"));
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warning("Releasing " + home.resolve("run.lock") + " failed: " + e.getMessage());
        } finally {
            synchronized (HELD) {
                HELD.remove(key);
            }
        }
    }
}
