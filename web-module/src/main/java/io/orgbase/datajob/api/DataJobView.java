package io.orgbase.datajob.api;

import io.orgbase.api.Tagged;
import io.orgbase.datajob.DataJob;
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
        UUID fileId,
        Rows rows,
        Progress progress,
        String failure,
        UUID createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        long version)
        implements Tagged {

    /** Rows read from the file, and what became of them (failed: rows with problems). */
    public record Rows(Long total, long read, long created, long updated, long unchanged, long failed) {}

    /** How far the job is (percent, once the file's rows are counted), its pace and the time left. */
    public record Progress(Integer percent, Double rowsPerSecond, Long secondsLeft) {}

    @Override
    public Long etagVersion() {
        return version;
    }

    static DataJobView of(DataJob job) {
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
                job.getInputFileId(),
                rows,
                progress(job),
                job.getFailure(),
                job.getCreatedBy(),
                job.getCreatedAt(),
                job.getStartedAt(),
                job.getFinishedAt(),
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

    private static Double pace(DataJob job, long handled) {
        if (job.getStartedAt() == null) {
            return null;
        }
        OffsetDateTime end = job.getFinishedAt() != null ? job.getFinishedAt() : OffsetDateTime.now(ZoneOffset.UTC);
        double seconds = Duration.between(job.getStartedAt(), end).toMillis() / 1000.0;
        return seconds <= 0 ? null : Math.round(handled / seconds * 10) / 10.0;
    }
}
