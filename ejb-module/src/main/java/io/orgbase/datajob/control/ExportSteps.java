package io.orgbase.datajob.control;

import io.orgbase.datajob.DataJobLimits;
import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.ExportSpec;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.StoredFile;
import io.orgbase.logging.Logs;
import io.orgbase.mail.Branding;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.config.QueryHints;

/**
 * The work of an export, as the tenant that started it: each page is read through the
 * collection's own boundary (its permission, tenancy, filters and order), and the finished file is
 * stored with a link that expires.
 */
@Stateless
@TenantScoped
public class ExportSteps {

    private static final Logger LOG = Logs.get(ExportSteps.class);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /**
     * Whether the tenant's caller may read the collection now (resolving it here checks that they
     * are still a member, or their key still valid).
     */
    public boolean mayRead(Tenant tenant, ExportSpec spec) {
        return tenant.permits(spec.readPermission());
    }

    /** A page of the collection, as the starter's list would show it. */
    public ExportSpec.Rows page(Tenant tenant, ExportSpec spec, io.orgbase.collections.CollectionRequest request) {
        try {
            return spec.page(tenant, em.unwrap(Connection.class), request);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "An export could not read " + spec.collection(), e);
            throw new JobFailure("the collection could not be read (the server's log has the cause)");
        } catch (InvalidInput e) {
            throw new JobFailure("the export's query is no longer valid: " + e.getMessage());
        }
    }

    /** An export (re)starts from its first row: its count of rows written begins again. */
    public void begin(Tenant tenant, UUID jobId) {
        em.createNativeQuery("update data_job set rows_read = 0, phase = 'export',"
                        + " result_file_id = null, heartbeat_at = now(), claimed_by = ?1 where id = ?2")
                .setParameter(1, Member.ID)
                .setParameter(2, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** {@code rows} more were written to the file. */
    public void progress(Tenant tenant, UUID jobId, long rows) {
        em.createNativeQuery("update data_job set rows_read = rows_read + ?1, heartbeat_at = now(), claimed_by = ?2"
                        + " where id = ?3")
                .setParameter(1, rows)
                .setParameter(2, Member.ID)
                .setParameter(3, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** What the report says about itself: the organization's name and colour, its columns, its rows. */
    public ExportOutput.Report report(Tenant tenant, String collection, List<String> columns, String filter) {
        Object[] row = (Object[]) em.createNativeQuery("select o.name, s.settings::text from organization o"
                        + " left join organization_settings s on s.org_id = o.id where o.id = ?1")
                .setParameter(1, tenant.orgId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        Branding branding = Branding.of((String) row[0], (String) row[1]);
        return new ExportOutput.Report(
                branding.name(),
                collection,
                columns,
                filter,
                branding.primaryColour(),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * Begins storing the finished file as the job's result, kept until its link expires; its chunks
     * follow in transactions of their own ({@link #appendResult}), so that a large file never holds
     * one long transaction and the job's lease is renewed as it goes.
     */
    public UUID beginResult(Tenant tenant, String name, ExportOutput.Format format) {
        StoredFile stored = new StoredFile(
                "export",
                name,
                format.contentType(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(DataJobLimits.linkHours()));
        em.persist(stored);
        em.flush();
        return stored.getId();
    }

    /** Chunk {@code n} of the result; the job's lease is renewed with it. */
    public void appendResult(Tenant tenant, UUID jobId, UUID fileId, int n, byte[] bytes) {
        em.createNativeQuery("insert into stored_file_chunk (org_id, file_id, n, bytes)"
                        + " values (orgbase_current_org(), ?1, ?2, ?3) on conflict (file_id, n) do update"
                        + " set bytes = excluded.bytes")
                .setParameter(1, fileId)
                .setParameter(2, n)
                .setParameter(3, bytes)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        progress(tenant, jobId, 0);
    }

    /** Every chunk is stored: the file is complete, the job's result, and the job is done. */
    public void finishResult(Tenant tenant, UUID jobId, UUID fileId, long size, String sha256) {
        StoredFile stored = em.find(StoredFile.class, fileId);
        stored.completed(size, sha256);
        em.flush();
        em.createNativeQuery("update data_job set result_file_id = ?1, rows_total = rows_read, phase = 'done',"
                        + " heartbeat_at = now() where id = ?2")
                .setParameter(1, fileId)
                .setParameter(2, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }
}
