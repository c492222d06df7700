package io.orgbase.datajob.control;

import io.orgbase.identity.control.DataKeys;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * The link of an export's result: its organization, job, file and expiry, sealed (AES-GCM) with the
 * server's data key, so that it can be neither forged nor altered, and names nothing readable.
 * Whoever holds it may download the file until it expires, without signing in (a browser's plain
 * link, a mail client, a script).
 */
public final class ExportLinks {

    private static final String PURPOSE = "data-job-download";
    private static final int LENGTH = 16 * 3 + 8;

    /** What a link names. */
    public record Target(UUID orgId, UUID jobId, UUID fileId, OffsetDateTime expiresAt) {}

    private ExportLinks() {}

    public static String token(Target target) {
        ByteBuffer plain = ByteBuffer.allocate(LENGTH);
        put(plain, target.orgId());
        put(plain, target.jobId());
        put(plain, target.fileId());
        plain.putLong(target.expiresAt().toEpochSecond());
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(DataKeys.current().seal(PURPOSE, "", plain.array()));
    }

    /** What an authentic link names, or null for anything else (its expiry is the caller's to check). */
    public static Target open(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        byte[] plain;
        try {
            plain = DataKeys.current().open(PURPOSE, "", Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
        if (plain.length != LENGTH) {
            return null;
        }
        ByteBuffer read = ByteBuffer.wrap(plain);
        UUID orgId = new UUID(read.getLong(), read.getLong());
        UUID jobId = new UUID(read.getLong(), read.getLong());
        UUID fileId = new UUID(read.getLong(), read.getLong());
        OffsetDateTime expiresAt =
                OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(read.getLong()), ZoneOffset.UTC);
        return new Target(orgId, jobId, fileId, expiresAt);
    }

    private static void put(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
}
