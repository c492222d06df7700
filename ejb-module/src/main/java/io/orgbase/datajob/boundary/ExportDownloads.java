package io.orgbase.datajob.boundary;

import io.orgbase.access.PublicAccess;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.datajob.DataJob;
import io.orgbase.datajob.DataSpecs;
import io.orgbase.datajob.ExportSpec;
import io.orgbase.datajob.StoredFile;
import io.orgbase.datajob.control.ExportLinks;
import io.orgbase.datajob.control.ExportSteps;
import io.orgbase.datajob.control.JobCallers;
import io.orgbase.datajob.control.JobFiles;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.DomainException;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Downloads of export results by their link, without signing in: the link is the credential
 * ({@link ExportLinks}), good for one file until it expires, and only while whoever started the
 * export may still read what it holds. A forged, altered or unknown link and one whose file is
 * gone are all the same 404. Each download is audited.
 */
@Stateless
@Audited
public class ExportDownloads {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    JobFiles files;

    @Inject
    JobCallers callers;

    @Inject
    ExportSteps steps;

    @Inject
    DataSpecs specs;

    @Inject
    AuditTrail trail;

    /** A file as a download names it. */
    public record Download(String name, String contentType, long size, String sha256) {}

    /**
     * @throws NotFound unless the link is authentic and unexpired, its job's result still exists, and
     *     the export's starter may still read the collection
     */
    @PublicAccess
    public Download find(String token) {
        ExportLinks.Target target = target(token);
        if (target.expiresAt().isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new NotFound("This download link expired at " + target.expiresAt() + "; export again.");
        }
        DataJob job = em.find(DataJob.class, target.jobId());
        StoredFile file = em.find(StoredFile.class, target.fileId());
        if (job == null || file == null || !file.isComplete() || !starterMayRead(target, job)) {
            throw gone();
        }
        session.enterTenant(target.orgId(), null);
        trail.record("export-downloaded", "data-job", job.getId(), Map.of("file", file.getName(), "via", "link"));
        return new Download(file.getName(), file.getContentType(), file.getSizeBytes(), file.getSha256());
    }

    /**
     * Chunk {@code n} of the file the link names, or null past its end; the expiry is not checked
     * again, so a download begun in time finishes.
     */
    @PublicAccess
    public byte[] chunk(String token, int n) {
        return files.chunkHere(target(token).fileId(), n);
    }

    private boolean starterMayRead(ExportLinks.Target target, DataJob job) {
        ExportSpec spec = specs.findExport(job.getCollection()).orElse(null);
        if (spec == null) {
            return false;
        }
        try {
            JsonObject options = Jsonp.PROVIDER
                    .createReader(new StringReader(job.getOptions()))
                    .readObject();
            List<String> methods = options.containsKey("signInMethods")
                    ? options.getJsonArray("signInMethods").getValuesAs(JsonString::getString)
                    : List.of();
            Tenant starter = callers.tenant(target.orgId(), job.getCreatedBy(), job.isStartedByKey(), methods);
            return steps.mayRead(starter, spec);
        } catch (DomainException e) {
            return false;
        }
    }

    /** The link's target, once its job's completed result is that file (in its organization). */
    private ExportLinks.Target target(String token) {
        ExportLinks.Target target = ExportLinks.open(token);
        if (target == null) {
            throw gone();
        }
        session.enterTenant(target.orgId(), null);
        Number current = (Number) em.createNativeQuery("select count(*) from data_job where id = ?1"
                        + " and result_file_id = ?2 and status = 'completed'")
                .setParameter(1, target.jobId())
                .setParameter(2, target.fileId())
                .setHint(org.eclipse.persistence.config.QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        if (current.longValue() == 0) {
            throw gone();
        }
        return target;
    }

    private static NotFound gone() {
        return new NotFound("No download has this link (or its file is gone).");
    }
}
