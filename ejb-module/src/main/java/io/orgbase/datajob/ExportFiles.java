package io.orgbase.datajob;

import io.orgbase.logging.Logs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where an export's file is written on this member before it is stored: a temporary file of a
 * random name, readable by the server's user only, remembered per job while its execution runs.
 */
public final class ExportFiles {

    private static final Logger LOG = Logs.get(ExportFiles.class);
    private static final String PREFIX = "orgbase-export-";
    private static final Map<UUID, Path> OPEN = new ConcurrentHashMap<>();

    private ExportFiles() {}

    /** A new, empty file for the job's export (an earlier one of the job's goes). */
    public static Path create(UUID jobId, ExportOutput.Format format) throws IOException {
        forget(jobId);
        // owner-only permissions on POSIX systems, a name nobody can guess
        Path file = Files.createTempFile(PREFIX, "." + format.key());
        OPEN.put(jobId, file);
        return file;
    }

    /** The job's file on this member, or null when none is being written here. */
    public static Path of(UUID jobId) {
        return OPEN.get(jobId);
    }

    /** Deletes the job's file, if this member has one. */
    public static void forget(UUID jobId) {
        Path file = OPEN.remove(jobId);
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete the local file of export " + jobId + ": " + file, e);
            }
        }
    }

    /** Deletes export files a process that died left behind (older than {@code age}). */
    public static void sweepStale(Duration age) {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        FileTime before = FileTime.from(Instant.now().minus(age));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path file : files) {
                if (!OPEN.containsValue(file) && Files.getLastModifiedTime(file).compareTo(before) < 0) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not sweep stale export files in " + directory, e);
        }
    }
}
