package io.orgbase.datajob.control;

import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.ExportSpec;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.StoredFile;
import io.orgbase.mail.Branding;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.QueryHints;

/**
 * The work of an export, as the tenant that started it: each page is read through the
 * collection's own boundary (its permission, tenancy, filters and order), and the finished file is
 * stored with a link that expires.
 */
@Stateless
@TenantScoped
public class ExportSteps {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    JobFiles files;

    /** How long an export's result can be downloaded ({@code ORGBASE_EXPORT_LINK_HOURS}, 24 unless set). */
    public static long linkHours() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_EXPORT_LINK_HOURS", Long.class)
                .orElse(24L);
    }

    /** A page of the collection, as the starter's list would show it. */
    public ExportSpec.Rows page(Tenant tenant, ExportSpec spec, io.orgbase.collections.CollectionRequest request) {
        try {
            return spec.page(tenant, em.unwrap(Connection.class), request);
        } catch (SQLException e) {
            throw new JobFailure("the collection could not be read: " + e.getMessage());
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

    /** Stores the finished file as the job's result, downloadable until the link expires; the job is done. */
    public void publish(Tenant tenant, UUID jobId, Path file, String name, ExportOutput.Format format) {
        StoredFile stored = new StoredFile(
                "export",
                name,
                format.contentType(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(linkHours()));
        em.persist(stored);
        em.flush();
        try (InputStream in = Files.newInputStream(file)) {
            files.write(stored, in, Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        em.flush();
        em.createNativeQuery("update data_job set result_file_id = ?1, rows_total = rows_read, phase = 'done',"
                        + " heartbeat_at = now() where id = ?2")
                .setParameter(1, stored.getId())
                .setParameter(2, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }
}
