package io.orgbase.idempotency.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.audit.Audited;
import io.orgbase.identity.control.DataKeys;
import io.orgbase.identity.control.SecretTokens;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.persistence.config.QueryHints;

/**
 * The record of POSTs sent with an {@code Idempotency-Key}: the first one proceeds and its answer
 * is kept (encrypted with a key only the caller's Idempotency-Key yields) for 24 hours; a retry
 * with the same key and body gets that answer again; the same key with another body is refused;
 * a retry while the first is still running is told so. Each step is its own short transaction.
 */
@Stateless
@Audited
public class IdempotentRequests {

    private static final String PURPOSE = "idempotent-answer";
    private static final int LEGACY_IV_BYTES = 12;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** What to do with a request. */
    public sealed interface Start {}

    /** First time: handle it, then {@link #finish}. */
    public record Proceed() implements Start {}

    /** Seen before with the same body: answer with what was answered then. */
    public record Replay(int status, byte[] response) implements Start {}

    /** The key was used for a different request. */
    public record Mismatch() implements Start {}

    /** The first request with this key has not finished yet. */
    public record InProgress() implements Start {}

    @AuthenticatedOnly
    public Start begin(Caller caller, String key, String requestHash) {
        String keyHash = keyHash(caller, key);
        execute("delete from idempotency_record where key_hash = ?1 and expires_at < now()", keyHash);
        List<?> inserted = em.createNativeQuery("insert into idempotency_record (key_hash, request_hash, created_at,"
                        + " expires_at) values (?1, ?2, now(), now() + interval '24 hours')"
                        + " on conflict (key_hash) do nothing returning key_hash")
                .setParameter(1, keyHash)
                .setParameter(2, requestHash)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (!inserted.isEmpty()) {
            return new Proceed();
        }
        List<?> found = em.createNativeQuery(
                        "select request_hash, status, response from idempotency_record where key_hash = ?1")
                .setParameter(1, keyHash)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (found.isEmpty()) {
            return new InProgress(); // it was abandoned a moment ago; the client may simply retry
        }
        Object[] row = (Object[]) found.get(0);
        if (!requestHash.equals(row[0])) {
            return new Mismatch();
        }
        if (row[1] == null) {
            return new InProgress();
        }
        return new Replay(((Number) row[1]).intValue(), open(caller, key, (byte[]) row[2]));
    }

    /** Keeps the answer to the first request. */
    @AuthenticatedOnly
    public void finish(Caller caller, String key, int status, byte[] response) {
        em.createNativeQuery("update idempotency_record set status = ?1, response = ?2 where key_hash = ?3")
                .setParameter(1, status)
                .setParameter(2, seal(caller, key, response))
                .setParameter(3, keyHash(caller, key))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** Forgets a request that failed on our side, so that its retry runs again. */
    @AuthenticatedOnly
    public void abandon(Caller caller, String key) {
        execute("delete from idempotency_record where key_hash = ?1", keyHash(caller, key));
    }

    private void execute(String sql, String keyHash) {
        em.createNativeQuery(sql)
                .setParameter(1, keyHash)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    private static String principal(Caller caller) {
        return caller.isApiKey() ? "api-key:" + caller.apiKey().keyId() : "user:" + caller.userId();
    }

    private static String keyHash(Caller caller, String key) {
        return SecretTokens.hash(principal(caller) + "\n" + key);
    }

    /**
     * The answer is sealed under a key derived (HKDF) from the server's data key and the caller's
     * Idempotency-Key, which is never stored: neither a database dump nor a guessed key alone opens it.
     */
    private static byte[] seal(Caller caller, String key, byte[] plain) {
        return DataKeys.current().seal(PURPOSE, principal(caller) + "\n" + key, plain);
    }

    private static byte[] open(Caller caller, String key, byte[] sealed) {
        try {
            return DataKeys.current().open(PURPOSE, principal(caller) + "\n" + key, sealed);
        } catch (IllegalStateException notSealedThatWay) {
            return openLegacy(caller, key, sealed);
        }
    }

    /**
     * Answers kept before the data key (at most 24 hours old when this version starts) were sealed
     * under a key from the caller's Idempotency-Key alone. Remove with the next release.
     */
    private static byte[] openLegacy(Caller caller, String key, byte[] sealed) {
        try {
            byte[] material = MessageDigest.getInstance("SHA-256")
                    .digest(("orgbase-idempotency\n" + principal(caller) + "\n" + key)
                            .getBytes(StandardCharsets.UTF_8));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(material, "AES"),
                    new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 0, LEGACY_IV_BYTES)));
            return cipher.doFinal(sealed, LEGACY_IV_BYTES, sealed.length - LEGACY_IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a kept response could not be opened", e);
        }
    }
}
