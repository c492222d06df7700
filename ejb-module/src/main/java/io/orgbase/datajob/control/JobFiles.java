package io.orgbase.datajob.control;

import io.orgbase.datajob.StoredFile;
import io.orgbase.problems.PayloadTooLarge;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.QueryHints;

/**
 * Files in PostgreSQL, in chunks of {@value #CHUNK} bytes: written as they stream in, read one
 * chunk per transaction, so neither side holds a file in memory.
 */
@Stateless
public class JobFiles {

    public static final int CHUNK = 1 << 20;

    /** The most an upload may hold ({@code ORGBASE_IMPORT_MAX_BYTES}, 1 GiB unless set). */
    public static long maxUploadBytes() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_IMPORT_MAX_BYTES", Long.class)
                .orElse(1L << 30);
    }

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /**
     * Streams {@code body} into the file's chunks, in the caller's transaction (the tenant's).
     *
     * @throws PayloadTooLarge when it is longer than {@code limit}
     */
    public void write(StoredFile file, InputStream body, long limit) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        int n = 0;
        while (true) {
            int filled = body.readNBytes(buffer, 0, CHUNK);
            if (filled == 0) {
                break;
            }
            size += filled;
            if (size > limit) {
                throw new PayloadTooLarge(limit);
            }
            sha.update(buffer, 0, filled);
            byte[] bytes = filled == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, filled);
            em.createNativeQuery("insert into stored_file_chunk (org_id, file_id, n, bytes)"
                            + " values (orgbase_current_org(), ?1, ?2, ?3)")
                    .setParameter(1, file.getId())
                    .setParameter(2, n++)
                    .setParameter(3, bytes)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
            if (filled < CHUNK) {
                break;
            }
        }
        file.completed(size, HexFormat.of().formatHex(sha.digest()));
    }

    /** Chunk {@code n} of a file of the organization, or null past its end; a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public byte[] chunk(UUID orgId, UUID fileId, int n) {
        session.enterTenant(orgId, null);
        return chunkHere(fileId, n);
    }

    /** Chunk {@code n} of a file of the tenant the caller's transaction entered, or null past its end. */
    public byte[] chunkHere(UUID fileId, int n) {
        List<?> found = em.createNativeQuery("select bytes from stored_file_chunk where file_id = ?1 and n = ?2")
                .setParameter(1, fileId)
                .setParameter(2, n)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return found.isEmpty() ? null : (byte[]) found.get(0);
    }

    /** Copies a stored file to a local file, one chunk per transaction, calling {@code beat} now and then. */
    public static void copy(JobFiles files, UUID orgId, UUID fileId, Path target, Runnable beat) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n = 0; ; n++) {
                byte[] bytes = files.chunk(orgId, fileId, n);
                if (bytes == null) {
                    return;
                }
                out.write(bytes);
                if (n % 16 == 15) {
                    beat.run();
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
