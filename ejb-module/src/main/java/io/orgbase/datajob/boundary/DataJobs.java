package io.orgbase.datajob.boundary;

import io.orgbase.access.Lifecycle;
import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.database.AfterCommit;
import io.orgbase.datajob.DataColumn;
import io.orgbase.datajob.DataJob;
import io.orgbase.datajob.DataJobLimits;
import io.orgbase.datajob.DataSpec;
import io.orgbase.datajob.DataSpecs;
import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.ExportQuery;
import io.orgbase.datajob.ExportSpec;
import io.orgbase.datajob.StoredFile;
import io.orgbase.datajob.control.ExportLinks;
import io.orgbase.datajob.control.JobActions;
import io.orgbase.datajob.control.JobControl;
import io.orgbase.datajob.control.JobFiles;
import io.orgbase.datajob.control.JobRecords;
import io.orgbase.logging.Logs;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.persistence.config.QueryHints;

/**
 * An organization's data jobs. Whoever may change a collection may import into it (checked here,
 * per collection, beyond the member's {@code organization:read}); they see and control their own
 * jobs, and those who hold {@code data-jobs:manage} (owners, admins) everyone's.
 */
@Stateless
@Audited
@TenantScoped
public class DataJobs {

    private static final Logger LOG = Logs.get(DataJobs.class);

    /** Newest first. */
    public static final CollectionSpec<DataJob> COLLECTION = CollectionSpec.of(DataJob.class)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("status", "status", FieldType.STRING, false)
            .filterable("kind", "kind", FieldType.STRING, false)
            .filterable("collection", "collection", FieldType.STRING, false)
            .filterable("createdBy", "createdBy", FieldType.UUID, false)
            .defaultSort("createdAt", true)
            .build();

    /** Uploads are kept this long unless a job reads them. */
    private static final long UPLOAD_HOURS = 24;

    /** An error row of a job: its row number, what is wrong, and the row as the file had it. */
    public record ErrorRow(long row, String problems, String original) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DataSpecs specs;

    @Inject
    JobFiles files;

    @Inject
    JobControl control;

    @Inject
    JobRecords records;

    @Inject
    AfterCommit afterCommit;

    @Inject
    CollectionQueries collections;

    @Inject
    AuditTrail trail;

    @Inject
    JobActions actions;

    /**
     * Stores a file to import, streamed in chunks.
     *
     * @throws Forbidden when the caller may import into no collection
     * @throws io.orgbase.problems.PayloadTooLarge past {@link JobFiles#maxUploadBytes()} (nothing is kept)
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public StoredFile upload(Tenant tenant, String name, String contentType, InputStream body) {
        DataSpec importable = specs.all().values().stream()
                .filter(spec -> tenant.permits(spec.writePermission()))
                .findFirst()
                .orElseThrow(() -> new Forbidden("You may import into no collection of this organization."));
        Lifecycle.check(tenant, importable.writePermission());
        StoredFile file = new StoredFile(
                "import", name, contentType, OffsetDateTime.now(ZoneOffset.UTC).plusHours(UPLOAD_HOURS));
        em.persist(file);
        em.flush();
        try {
            files.write(file, body, JobFiles.maxUploadBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Starts an import of an uploaded file; it runs after this transaction commits.
     *
     * @throws InvalidInput naming the field: an unknown collection, file, charset or mapped field
     * @throws Forbidden when the caller may not change the collection
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public DataJob startImport(Tenant tenant, @Valid ImportRequest request) {
        DataSpec spec = specs.find(request.collection())
                .orElseThrow(() -> InvalidInput.field(
                        "collection",
                        "must be one of " + String.join(", ", specs.all().keySet())));
        if (!tenant.permits(spec.writePermission())) {
            throw new Forbidden("You may not change " + spec.collection() + ".");
        }
        Lifecycle.check(tenant, spec.writePermission());
        if (Boolean.TRUE.equals(request.allOrNothing()) && !spec.allOrNothing()) {
            throw InvalidInput.field(
                    "allOrNothing",
                    spec.collection() + " are written row by row, each through the API's own rules in a"
                            + " transaction of its own, so a problem found while writing cannot undo the rows before"
                            + " it: run a dry run first instead");
        }
        StoredFile file = em.find(StoredFile.class, request.fileId());
        if (file == null || !file.isComplete() || !file.getPurpose().equals("import")) {
            throw InvalidInput.field("fileId", "no uploaded file has this id");
        }
        String charset = request.charset() == null ? "UTF-8" : request.charset();
        try {
            charset = Charset.forName(charset).name();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw InvalidInput.field("charset", "is not an encoding this server knows");
        }
        Set<String> fields = spec.columns().stream().map(DataColumn::field).collect(Collectors.toSet());
        JsonObjectBuilder mapping = Json.createObjectBuilder();
        if (request.mapping() != null) {
            for (Map.Entry<String, String> entry : request.mapping().entrySet()) {
                if (!fields.contains(entry.getValue())) {
                    throw InvalidInput.field(
                            "mapping",
                            "maps to " + entry.getValue() + ", which is none of " + String.join(", ", fields));
                }
                mapping.add(entry.getKey(), entry.getValue());
            }
        }
        String format = request.format() != null ? request.format() : formatOf(file);
        JsonObjectBuilder built = Json.createObjectBuilder();
        if (request.sheet() != null) {
            built.add("sheet", request.sheet());
        }
        String options = built.add("charset", charset)
                .add("delimiter", request.delimiter() == null ? "," : request.delimiter())
                .add("mapping", mapping)
                .add("signInMethods", Json.createArrayBuilder(signInMethods(tenant)))
                .build()
                .toString();
        actions.checkCapacity(tenant.orgId(), starter(tenant), tenant.caller().isApiKey());
        DataJob job = DataJob.importing(
                spec.collection(),
                format,
                request.mode() == null ? "upsert" : request.mode(),
                Boolean.TRUE.equals(request.dryRun()),
                Boolean.TRUE.equals(request.allOrNothing()),
                options,
                file.getId(),
                tenant.caller().isApiKey());
        em.persist(job);
        em.flush();
        // a file a job reads stays as long as the job
        em.createNativeQuery("update stored_file set expires_at = null where id = ?1")
                .setParameter(1, file.getId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        UUID orgId = tenant.orgId();
        UUID jobId = job.getId();
        afterCommit.once("data-job-start:" + jobId, () -> launch(orgId, jobId, JobControl.IMPORT_JOB));
        return job;
    }

    /** A workbook when the upload says so (its type or its name), else CSV. */
    private static String formatOf(StoredFile file) {
        return file.getContentType().startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml")
                        || file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")
                ? "xlsx"
                : "csv";
    }

    /**
     * How the starter signed in: the job acts on it in each chunk, so an organization that requires
     * two-factor sign-in admits the jobs of those who signed in with it.
     */
    private static List<String> signInMethods(Tenant tenant) {
        return tenant.caller().signIn() == null
                ? List.of()
                : tenant.caller().signIn().methods();
    }

    private void launch(UUID orgId, UUID jobId, String jobName) {
        try {
            records.started(orgId, jobId, control.start(jobName, orgId, jobId));
        } catch (RuntimeException e) {
            // the recovery sweep finds a queued job that never began and starts it
            LOG.log(Level.WARNING, "Could not start data job " + jobId + "; the recovery sweep will", e);
        }
    }

    /**
     * Starts an export of the rows the caller's list would show for {@code request.query()}; it runs
     * after this transaction commits. The query is tried at once (limit 1), so a bad field, filter or
     * sort is a 400 now, and a caller who may not list the collection is refused now.
     *
     * @throws InvalidInput naming the field: an unknown collection or column, a malformed query, a
     *     PDF of more rows than {@link DataJobLimits#pdfMaxRows()}
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public DataJob startExport(Tenant tenant, @Valid ExportRequest request) {
        ExportSpec spec = specs.findExport(request.collection())
                .orElseThrow(() -> InvalidInput.field(
                        "collection",
                        "must be one of " + String.join(", ", specs.exports().keySet())));
        if (!tenant.permits(spec.readPermission())) {
            throw new Forbidden("You may not read " + spec.collection() + ".");
        }
        List<String> fields = request.fields() == null
                ? spec.exportFields().stream()
                        .filter(field -> permitsField(tenant, spec, field))
                        .toList()
                : request.fields();
        for (String field : fields) {
            if (!spec.exportFields().contains(field)) {
                throw InvalidInput.field("fields", field + " is none of " + String.join(", ", spec.exportFields()));
            }
            if (!permitsField(tenant, spec, field)) {
                throw new Forbidden("The column " + field + " needs the permission "
                        + spec.fieldPermissions().get(field).key() + ".");
            }
        }
        if (Set.copyOf(fields).size() != fields.size()) {
            throw InvalidInput.field("fields", "names a column twice");
        }
        CollectionRequest query = ExportQuery.parse(request.query());
        ExportOutput.Format format = ExportOutput.Format.of(request.format());
        ExportSpec.Rows first;
        try {
            first = spec.page(tenant, em.unwrap(Connection.class), ExportQuery.first(query, true));
        } catch (InvalidInput bad) {
            throw ExportQuery.within(bad);
        } catch (SQLException e) {
            throw new IllegalStateException("the export's query could not be tried", e);
        }
        long rows = first.total() == null ? 0 : first.total();
        if (rows > DataJobLimits.exportMaxRows()) {
            throw InvalidInput.field(
                    "query",
                    "the export would hold " + rows + " rows, and an export holds at most "
                            + DataJobLimits.exportMaxRows() + ": narrow the query");
        }
        if (format == ExportOutput.Format.PDF && rows > DataJobLimits.pdfMaxRows()) {
            throw InvalidInput.field(
                    "format",
                    "a PDF holds at most " + DataJobLimits.pdfMaxRows() + " rows and this export has " + first.total()
                            + ": narrow the query, or choose csv or xlsx");
        }
        actions.checkCapacity(tenant.orgId(), starter(tenant), tenant.caller().isApiKey());
        String options = Json.createObjectBuilder()
                .add("query", request.query() == null ? "" : request.query())
                .add("fields", Json.createArrayBuilder(fields))
                .add("signInMethods", Json.createArrayBuilder(signInMethods(tenant)))
                .build()
                .toString();
        DataJob job = DataJob.exporting(
                spec.collection(), format.key(), options, tenant.caller().isApiKey());
        // counted now, for its progress (the rows written are the final count)
        job.setRowsTotal(first.total());
        em.persist(job);
        em.flush();
        UUID orgId = tenant.orgId();
        UUID jobId = job.getId();
        afterCommit.once("data-job-start:" + jobId, () -> launch(orgId, jobId, JobControl.EXPORT_JOB));
        return job;
    }

    private static boolean permitsField(Tenant tenant, ExportSpec spec, String field) {
        Permission needed = spec.fieldPermissions().get(field);
        return needed == null || tenant.permits(needed);
    }

    /** The caller's jobs, or everyone's for those who manage jobs. */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Slice<DataJob> list(Tenant tenant, CollectionRequest request) {
        if (tenant.permits(Permission.DATA_JOBS_MANAGE)) {
            return collections.page(COLLECTION, request);
        }
        UUID caller = starter(tenant);
        boolean byKey = tenant.caller().isApiKey();
        return collections.page(
                COLLECTION,
                request,
                (cb, job) -> cb.and(cb.equal(job.get("createdBy"), caller), cb.equal(job.get("startedByKey"), byKey)));
    }

    /** @throws NotFound when the organization has no such job the caller may see */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public DataJob get(Tenant tenant, UUID id) {
        DataJob job = em.find(DataJob.class, id);
        if (job == null || !visible(tenant, job)) {
            throw new NotFound("No data job has this id.");
        }
        em.refresh(job);
        return job;
    }

    /** Up to {@code limit} of the job's error rows after row {@code after}, in row order. */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public List<ErrorRow> errors(Tenant tenant, UUID id, long after, int limit) {
        get(tenant, id);
        List<?> rows = em.createNativeQuery("select row_no, problems::text, original::text from data_job_error"
                        + " where job_id = ?1 and row_no > ?2 order by row_no limit ?3")
                .setParameter(1, id)
                .setParameter(2, after)
                .setParameter(3, limit)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new ErrorRow(((Number) row[0]).longValue(), (String) row[1], (String) row[2]))
                .toList();
    }

    /** A finished export's file, and the link that downloads it without signing in until it expires. */
    public record Result(StoredFile file, String token) {}

    /**
     * The result of a job the caller may see, or null when it has none (an import, an export not
     * finished, one whose file expired) or may not read what it holds (the collection's permission,
     * which holding {@code data-jobs:manage} does not replace).
     *
     * @throws NotFound when the organization has no such job the caller may see
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Result result(Tenant tenant, UUID id) {
        DataJob job = get(tenant, id);
        if (job.getResultFileId() == null
                || !job.getStatus().equals("completed")
                || !specs.findExport(job.getCollection())
                        .map(spec -> tenant.permits(spec.readPermission()))
                        .orElse(false)) {
            return null;
        }
        StoredFile file = em.find(StoredFile.class, job.getResultFileId());
        if (file == null
                || file.getExpiresAt() == null
                || file.getExpiresAt().isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            return null;
        }
        String token = ExportLinks.token(new ExportLinks.Target(tenant.orgId(), id, file.getId(), file.getExpiresAt()));
        return new Result(file, token);
    }

    /**
     * The job's result, to download now (an audit entry tells who took it).
     *
     * @throws NotFound when the job has no result the caller may download
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public StoredFile download(Tenant tenant, UUID id) {
        Result result = result(tenant, id);
        if (result == null) {
            throw new NotFound("This job has no file to download (not an export, not finished, or expired).");
        }
        trail.record(
                "export-downloaded",
                "data-job",
                id,
                Map.of("file", result.file().getName(), "via", "api"));
        return result.file();
    }

    /**
     * Chunk {@code n} of the job's result as {@link #download} found it, or null past its end; the
     * expiry is not checked again, so a download begun in time finishes.
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public byte[] resultChunk(Tenant tenant, UUID id, UUID fileId, int n) {
        DataJob job = get(tenant, id);
        if (!fileId.equals(job.getResultFileId())) {
            throw new NotFound("This job has no such file.");
        }
        return files.chunkHere(fileId, n);
    }

    /**
     * Asks a running job to stop after its current chunk.
     *
     * @throws Conflict when it does not run
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public DataJob stop(Tenant tenant, UUID id) {
        DataJob job = controllable(tenant, id);
        actions.stop(job);
        return job;
    }

    /**
     * Runs a stopped or failed job again, from where it stands.
     *
     * @throws Conflict when it is not stopped or failed
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public DataJob restart(Tenant tenant, UUID id) {
        DataJob job = controllable(tenant, id);
        actions.restart(tenant.orgId(), job);
        return job;
    }

    /**
     * Gives a stopped or failed job up for good; what it staged is dropped, what it applied stays.
     *
     * @throws Conflict when it runs, or is done
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public DataJob abandon(Tenant tenant, UUID id) {
        DataJob job = controllable(tenant, id);
        actions.abandon(job);
        return job;
    }

    private DataJob controllable(Tenant tenant, UUID id) {
        DataJob job = get(tenant, id);
        if (job.getKind().equals("import")) {
            specs.find(job.getCollection()).ifPresent(spec -> Lifecycle.check(tenant, spec.writePermission()));
        } else {
            specs.findExport(job.getCollection()).ifPresent(spec -> Lifecycle.check(tenant, spec.readPermission()));
        }
        return actions.locked(job);
    }

    private static boolean visible(Tenant tenant, DataJob job) {
        return tenant.permits(Permission.DATA_JOBS_MANAGE)
                || job.getCreatedBy() != null
                        && job.getCreatedBy().equals(starter(tenant))
                        && job.isStartedByKey() == tenant.caller().isApiKey();
    }

    /** Who a job records as its starter: the user, or the API key (its key id). */
    private static UUID starter(Tenant tenant) {
        return tenant.caller().isApiKey()
                ? tenant.caller().apiKey().keyId()
                : tenant.caller().userId();
    }
}
