package io.orgbase.audit.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of one audit entry: SHA-256 over every stored field and the previous entry's hash, in
 * an unambiguous encoding (each field length-prefixed, absent fields marked). Writer and verifier
 * share it, so a change to any stored field, or to the order of entries, changes the hash.
 */
public final class ChainHash {

    /** The "previous hash" of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    /** An audit entry as stored, the fields in hashing order. */
    public record Row(
            UUID id,
            UUID chain,
            long seq,
            OffsetDateTime occurredAt,
            String action,
            String entityType,
            String entityId,
            String changes,
            String actorType,
            UUID actorId,
            String actor,
            String clientAddress,
            String userAgent,
            String requestId,
            String prevHash) {}

    public static String of(Row row) {
        StringBuilder text = new StringBuilder(256);
        append(text, row.id());
        append(text, row.chain());
        append(text, row.seq());
        append(text, row.occurredAt() == null ? null : micros(row.occurredAt()));
        append(text, row.action());
        append(text, row.entityType());
        append(text, row.entityId());
        append(text, row.changes());
        append(text, row.actorType());
        append(text, row.actorId());
        append(text, row.actor());
        append(text, row.clientAddress());
        append(text, row.userAgent());
        append(text, row.requestId());
        append(text, row.prevHash());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Microseconds since the epoch: the precision PostgreSQL keeps. */
    static long micros(OffsetDateTime time) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant());
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("-;");
        } else {
            String string = value.toString();
            text.append(string.length()).append(':').append(string).append(';');
        }
    }
}
