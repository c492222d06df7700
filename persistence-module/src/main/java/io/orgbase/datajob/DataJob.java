package io.orgbase.datajob;

import io.orgbase.persistence.JsonbConverter;
import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An import or export of one collection of one organization, run as a Jakarta Batch job. The
 * columns the job advances while it runs (phase, position, counters, heartbeat) are written by the
 * job's own SQL in each chunk's transaction, never through this entity.
 */
@Entity
@Table(name = "data_job")
public class DataJob extends TenantOwnedEntity {

    @Column(name = "kind", nullable = false, updatable = false)
    private String kind;

    @Column(name = "collection", nullable = false, updatable = false)
    private String collection;

    @Column(name = "format", nullable = false, updatable = false)
    private String format;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "mode", updatable = false)
    private String mode;

    @Column(name = "dry_run", nullable = false, updatable = false)
    private boolean dryRun;

    @Column(name = "all_or_nothing", nullable = false, updatable = false)
    private boolean allOrNothing;

    @Column(name = "options", nullable = false, updatable = false)
    @Convert(converter = JsonbConverter.class)
    private String options = "{}";

    @Column(name = "input_file_id", updatable = false)
    @Convert(converter = NullableUuidConverter.class)
    private UUID inputFileId;

    @Column(name = "result_file_id", insertable = false, updatable = false)
    @Convert(converter = NullableUuidConverter.class)
    private UUID resultFileId;

    @Column(name = "started_by_key", nullable = false, updatable = false)
    private boolean startedByKey;

    @Column(name = "execution_id")
    private Long executionId;

    @Column(name = "phase", insertable = false, updatable = false)
    private String phase;

    @Column(name = "position", insertable = false, updatable = false)
    private long position;

    // an export counts its rows when it is created (its progress is of those); the steps keep it after
    @Column(name = "rows_total", updatable = false)
    private Long rowsTotal;

    @Column(name = "rows_read", insertable = false, updatable = false)
    private long rowsRead;

    @Column(name = "rows_created", insertable = false, updatable = false)
    private long rowsCreated;

    @Column(name = "rows_updated", insertable = false, updatable = false)
    private long rowsUpdated;

    @Column(name = "rows_unchanged", insertable = false, updatable = false)
    private long rowsUnchanged;

    @Column(name = "rows_failed", insertable = false, updatable = false)
    private long rowsFailed;

    @Column(name = "started_at", insertable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "heartbeat_at", insertable = false, updatable = false)
    private OffsetDateTime heartbeatAt;

    @Column(name = "failure", insertable = false, updatable = false)
    private String failure;

    protected DataJob() {}

    /** An import of {@code collection} from the uploaded file. */
    public static DataJob importing(
            String collection,
            String format,
            String mode,
            boolean dryRun,
            boolean allOrNothing,
            String options,
            UUID inputFileId,
            boolean startedByKey) {
        DataJob job = new DataJob();
        job.kind = "import";
        job.collection = collection;
        job.format = format;
        job.status = "queued";
        job.mode = mode;
        job.dryRun = dryRun;
        job.allOrNothing = allOrNothing;
        job.options = options;
        job.inputFileId = inputFileId;
        job.startedByKey = startedByKey;
        return job;
    }

    /** An export of {@code collection} to a file in {@code format}; its options hold the query and columns. */
    public static DataJob exporting(String collection, String format, String options, boolean startedByKey) {
        DataJob job = new DataJob();
        job.kind = "export";
        job.collection = collection;
        job.format = format;
        job.status = "queued";
        job.options = options;
        job.startedByKey = startedByKey;
        return job;
    }

    /** The rows the job expects to handle, when known before it runs (an export counts them). */
    public void setRowsTotal(Long rowsTotal) {
        this.rowsTotal = rowsTotal;
    }

    public String getKind() {
        return kind;
    }

    public String getCollection() {
        return collection;
    }

    public String getFormat() {
        return format;
    }

    /** queued, running, stopping, stopped, completed, failed or abandoned. */
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getMode() {
        return mode;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public boolean isAllOrNothing() {
        return allOrNothing;
    }

    /** The job's options as JSON text (the column mapping). */
    public String getOptions() {
        return options;
    }

    public UUID getInputFileId() {
        return inputFileId;
    }

    public UUID getResultFileId() {
        return resultFileId;
    }

    public boolean isStartedByKey() {
        return startedByKey;
    }

    public Long getExecutionId() {
        return executionId;
    }

    public void setExecutionId(Long executionId) {
        this.executionId = executionId;
    }

    public String getPhase() {
        return phase;
    }

    public long getPosition() {
        return position;
    }

    public Long getRowsTotal() {
        return rowsTotal;
    }

    public long getRowsRead() {
        return rowsRead;
    }

    public long getRowsCreated() {
        return rowsCreated;
    }

    public long getRowsUpdated() {
        return rowsUpdated;
    }

    public long getRowsUnchanged() {
        return rowsUnchanged;
    }

    public long getRowsFailed() {
        return rowsFailed;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(OffsetDateTime finishedAt) {
        this.finishedAt = finishedAt;
    }

    public OffsetDateTime getHeartbeatAt() {
        return heartbeatAt;
    }

    public String getFailure() {
        return failure;
    }

    /** Whether the job runs or waits to run. */
    public boolean isActive() {
        return status.equals("queued") || status.equals("running") || status.equals("stopping");
    }
}
