package io.orgbase.identity.control;

import io.orgbase.persistence.Ids;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Single-use links that prove an address: 256 random bits, only their SHA-256 stored, redeemed once
 * before they expire. A new link of one purpose replaces the account's earlier ones.
 */
@Dependent
public class EmailTokens {

    /** What a link is for. */
    public enum Purpose {
        /** proves the account's own address */
        VERIFY("verify", "obv_"),
        /** proves a new address the account moves to */
        CHANGE("change", "obv_"),
        /** lets the account choose a new password */
        RESET("reset", "obr_");

        final String column;
        final String prefix;

        Purpose(String column, String prefix) {
            this.column = column;
            this.prefix = prefix;
        }

        static Purpose of(String column) {
            for (Purpose purpose : values()) {
                if (purpose.column.equals(column)) {
                    return purpose;
                }
            }
            throw new IllegalStateException("unknown email token purpose " + column);
        }
    }

    /** A redeemed link: whose, what for, and the address it was sent to. */
    public record Redeemed(UUID userId, Purpose purpose, String email) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** Issues a link for {@code email}; the account's unused links of the same purpose stop working. */
    public String issue(UUID userId, Purpose purpose, String email, Duration lifetime) {
        em.createNativeQuery("delete from email_token where user_id = ?1 and purpose = ?2 and used_at is null")
                .setParameter(1, userId)
                .setParameter(2, purpose.column)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        String token = SecretTokens.generate(purpose.prefix);
        em.createNativeQuery("insert into email_token (token_hash, user_id, purpose, email, expires_at)"
                        + " values (?1, ?2, ?3, ?4, now() + ?5 * interval '1 second')")
                .setParameter(1, SecretTokens.hash(token))
                .setParameter(2, userId)
                .setParameter(3, purpose.column)
                .setParameter(4, Emails.normalize(email))
                .setParameter(5, lifetime.toSeconds())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        return token;
    }

    /** The condition a usable link meets: this token, unused, unexpired, of one of the purposes. */
    private static final String USABLE = " where token_hash = ?1 and used_at is null and expires_at > now()"
            + " and purpose = any (cast(?2 as text[]))";

    /**
     * Uses a link up, if it is known, unused and unexpired, and of one of {@code purposes} (a link
     * of another purpose stays usable).
     */
    public Optional<Redeemed> redeem(String token, Purpose... purposes) {
        return find(
                "update email_token set used_at = now()" + USABLE + " returning user_id, purpose, email",
                token,
                purposes);
    }

    /**
     * What a link is, if it is known, unused, unexpired and of one of {@code purposes}, without
     * using it up (so that a wrong password typed beside it does not spend it).
     */
    public Optional<Redeemed> peek(String token, Purpose... purposes) {
        return find("select user_id, purpose, email from email_token" + USABLE, token, purposes);
    }

    private Optional<Redeemed> find(String sql, String token, Purpose... purposes) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] allowed = java.util.Arrays.stream(purposes).map(p -> p.column).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql)
                .setParameter(1, SecretTokens.hash(token))
                .setParameter(2, "{" + String.join(",", allowed) + "}")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(row -> new Redeemed(Ids.of(row[0]), Purpose.of((String) row[1]), (String) row[2]));
    }

    /**
     * Ends every unused link of the account: its password was changed or reset, its address is no
     * longer its own, or its sessions were ended for another reason. A link someone requested while
     * they held the account (a move to their own address) must not outlive that.
     */
    public void revokeAll(UUID userId) {
        revoke(userId, Purpose.values());
    }

    /** Ends the account's unused links of these purposes (its address or password changed). */
    public void revoke(UUID userId, Purpose... purposes) {
        for (Purpose purpose : purposes) {
            em.createNativeQuery("delete from email_token where user_id = ?1 and purpose = ?2 and used_at is null")
                    .setParameter(1, userId)
                    .setParameter(2, purpose.column)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
        }
    }

    /** Forgets links that expired a day ago or more; every cluster member may. */
    public int purgeExpired() {
        return em.createNativeQuery("delete from email_token where expires_at < now() - interval '1 day'")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }
}
