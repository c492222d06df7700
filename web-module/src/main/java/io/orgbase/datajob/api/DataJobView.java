package io.orgbase.datajob.api;

import io.orgbase.api.Tagged;
import io.orgbase.datajob.DataJob;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A data job as clients see it: where it stands, its counts, its pace and what is left. */
public record DataJobView(
        UUID id,
        String kind,
        String collection,
        String format,
        String status,
        String phase,
        String mode,
        boolean dryRun,
        boolean allOrNothing,
        UUID fileId,
        Rows rows,
        Progress progress,
        String failure,
        UUID createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Download result,
        long version)
        implements Tagged {

    /**
     * A finished export's file: {@code href} downloads it as the signed-in caller; {@code link}
     * downloads it without signing in until {@code expiresAt} (keep it as private as the file).
     */
    public record Download(
            String name, String contentType, long size, String sha256, OffsetDateTime expiresAt, URI href, URI link) {}

    /** Rows read from the file, and what became of them (failed: rows with problems). */
    public record Rows(Long total, long read, long created, long updated, long unchanged, long failed) {}

    /** How far the job is (percent, once the file's rows are counted), its pace and the time left. */
    public record Progress(Integer percent, Double rowsPerSecond, Long secondsLeft) {}

    @Override
    public Long etagVersion() {
        return version;
    }

    static DataJobView of(DataJob job) {
        return of(job, null);
    }

    static DataJobView of(DataJob job, Download result) {
        Rows rows = new Rows(
                job.getRowsTotal(),
                job.getRowsRead(),
                job.getRowsCreated(),
                job.getRowsUpdated(),
                job.getRowsUnchanged(),
                job.getRowsFailed());
        return new DataJobView(
                job.getId(),
                job.getKind(),
                job.getCollection(),
                job.getFormat(),
                job.getStatus(),
                job.getPhase(),
                job.getMode(),
                job.isDryRun(),
                job.isAllOrNothing(),
                job.getInputFileId(),
                rows,
                progress(job),
                job.getFailure(),
                job.getCreatedBy(),
                job.getCreatedAt(),
                job.getStartedAt(),
                job.getFinishedAt(),
                result,
                job.getVersion());
    }

    /**
     * Staging reads the file; applying then goes through its rows: each is half of the way. Until
     * the rows are counted (staging done) the percent is unknown; the pace is rows handled per second.
     */
    private static Progress progress(DataJob job) {
        if (job.getStatus().equals("completed")) {
            return new Progress(100, pace(job, job.getRowsRead()), 0L);
        }
        if (job.getKind().equals("export")) {
            return exportProgress(job);
        }
        if (job.getStartedAt() == null || job.getRowsTotal() == null || job.getRowsTotal() == 0) {
            return new Progress(null, pace(job, job.getRowsRead()), null);
        }
        long total = job.getRowsTotal();
        long applied = job.getRowsCreated() + job.getRowsUpdated() + job.getRowsUnchanged() + job.getRowsFailed();
        long done = total + Math.min(applied, total);
        int percent = (int) Math.min(99, done * 100 / (2 * total));
        Double pace = pace(job, done);
        Long left = pace == null || pace == 0 ? null : (long) Math.ceil((2 * total - done) / pace);
        return new Progress(percent, pace, left);
    }

    /** An export counts its rows when it is started: the percent is of those written. */
    private static Progress exportProgress(DataJob job) {
        Double pace = pace(job, job.getRowsRead());
        Long total = job.getRowsTotal();
        if (job.getStartedAt() == null || total == null || total == 0) {
            return new Progress(null, pace, null);
        }
        long done = Math.min(job.getRowsRead(), total);
        Long left = pace == null || pace == 0 ? null : (long) Math.ceil((total - done) / pace);
        return new Progress((int) Math.min(99, done * 100 / total), pace, left);
    }

    private static Double pace(DataJob job, long handled) {
        if (job.getStartedAt() == null) {
            return null;
        }
        OffsetDateTime end = job.getFinishedAt() != null ? job.getFinishedAt() : OffsetDateTime.now(ZoneOffset.UTC);
        double seconds = Duration.between(job.getStartedAt(), end).toMillis() / 1000.0;
        return seconds <= 0 ? null : Math.round(handled / seconds * 10) / 10.0;
    }
}
