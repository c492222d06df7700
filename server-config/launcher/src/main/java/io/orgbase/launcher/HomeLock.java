package io.orgbase.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One run per {@code ORGBASE_HOME}: a lock on {@code run.lock} held for the launcher's life (the
 * operating system lets go of it however the process ends), with the holder's pid in {@code
 * run.pid}. A second start on the same home is refused with one line saying what runs and how to
 * stop it. Once the lock is held, what an earlier run that died left running is stopped: its Payara
 * Micro ({@code server.pid}) and its PostgreSQL ({@code postmaster.pid}), normally already on their
 * way out by their {@link Guardian}.
 */
final class HomeLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HomeLock.class.getName());

    /** A start refused because another run holds the home. */
    static final class AlreadyRunning extends IllegalStateException {
        AlreadyRunning(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;
    private final Path home;

    private HomeLock(FileChannel channel, FileLock lock, Path home) {
        this.channel = channel;
        this.lock = lock;
        this.home = home;
    }

    /** @throws AlreadyRunning when another run holds this home */
    static HomeLock acquire(Path home) throws IOException {
        Files.createDirectories(home);
        FileChannel channel =
                FileChannel.open(home.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String holder = read(home.resolve("run.pid")).orElse("?");
            throw new AlreadyRunning("Orgbase is already running from " + home + " (process " + holder
                    + "): stop it with Ctrl-C in its terminal or kill " + holder
                    + ", or set ORGBASE_HOME to another directory.");
        }
        Files.writeString(
                home.resolve("run.pid"), Long.toString(ProcessHandle.current().pid()));
        HomeLock held = new HomeLock(channel, lock, home);
        held.stopLeftovers();
        return held;
    }

    /** Records the server's pid, for the next start should this run die without stopping it. */
    void serverStarted(long pid) throws IOException {
        Files.writeString(home.resolve("server.pid"), Long.toString(pid));
    }

    private void stopLeftovers() throws IOException {
        try {
            Optional<ProcessHandle> server = read(home.resolve("server.pid"))
                    .filter(pid -> pid.matches("\\d+"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .commandLine()
                            .map(c -> c.contains("payara-micro"))
                            .orElse(false));
            if (server.isPresent()) {
                LOG.warning("Payara Micro of an earlier run is still running (process "
                        + server.get().pid() + "); stopping it");
                Guardian.stop(server.get());
            }
            Optional<ProcessHandle> postgres = Guardian.postmaster(home.resolve("postgres"));
            if (postgres.isPresent()) {
                LOG.warning("PostgreSQL of an earlier run is still running (process "
                        + postgres.get().pid() + "); stopping it cleanly");
                Guardian.stop(postgres.get());
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
        }
    }
}
