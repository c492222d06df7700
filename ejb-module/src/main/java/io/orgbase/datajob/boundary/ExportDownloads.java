package io.orgbase.datajob.boundary;

import io.orgbase.access.PublicAccess;
import io.orgbase.audit.Audited;
import io.orgbase.datajob.StoredFile;
import io.orgbase.datajob.control.ExportLinks;
import io.orgbase.datajob.control.JobFiles;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.persistence.config.QueryHints;

/**
 * Downloads of export results by their link, without signing in: the link is the credential
 * ({@link ExportLinks}), good for one file until it expires. A forged, altered or unknown link and
 * one whose file is gone are all the same 404.
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

    /** A file as a download names it. */
    public record Download(String name, String contentType, long size, String sha256) {}

    /** @throws NotFound unless the link is authentic, unexpired, and its job's result still exists */
    @PublicAccess
    public Download find(String token) {
        ExportLinks.Target target = target(token);
        StoredFile file = em.find(StoredFile.class, target.fileId());
        if (file == null || !file.isComplete()) {
            throw gone();
        }
        return new Download(file.getName(), file.getContentType(), file.getSizeBytes(), file.getSha256());
    }

    /** Chunk {@code n} of the file the link names, or null past its end. */
    @PublicAccess
    public byte[] chunk(String token, int n) {
        ExportLinks.Target target = target(token);
        return files.chunkHere(target.fileId(), n);
    }

    private ExportLinks.Target target(String token) {
        ExportLinks.Target target = ExportLinks.open(token);
        if (target == null) {
            throw gone();
        }
        if (target.expiresAt().isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new NotFound("This download link expired at " + target.expiresAt() + "; export again.");
        }
        session.enterTenant(target.orgId(), null);
        Number current = (Number) em.createNativeQuery("select count(*) from data_job where id = ?1"
                        + " and result_file_id = ?2 and status = 'completed'")
                .setParameter(1, target.jobId())
                .setParameter(2, target.fileId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
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
