package io.orgbase.identity.control;

import io.orgbase.identity.User;
import io.orgbase.persistence.Timestamps;
import io.orgbase.problems.TooManyRequests;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.config.QueryHints;

/**
 * Slows down guessing of every secret Orgbase checks — passwords at sign-in and when changing one,
 * TOTP and recovery codes at sign-in, when confirming and when disabling two-factor sign-in — per
 * account and per client address, in the database so that every cluster member counts the same
 * failures. All checks of one account share one count: a stolen access token does not buy fresh
 * rounds of password guessing. Keys are built from what the caller sent (not from whether the
 * account exists), so throttling reveals nothing about which accounts exist.
 */
@Dependent
public class SecretThrottle {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    @ConfigProperty(name = "orgbase.login.max-failures-per-account", defaultValue = "5")
    int maxPerAccount;

    @Inject
    @ConfigProperty(name = "orgbase.login.max-failures-per-address", defaultValue = "50")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "orgbase.login.failure-window", defaultValue = "PT15M")
    Duration window;

    @Inject
    @ConfigProperty(name = "orgbase.login.lockout", defaultValue = "PT5M")
    Duration lockout;

    static String accountKey(String email) {
        return "account:" + email.strip().toLowerCase(Locale.ROOT);
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** Forgets counts whose window and lock-out are over; every cluster member may run it. */
    public int purgeExpired() {
        return em.createNativeQuery("delete from login_throttle where window_start < now() - ?1 * interval '1 second'"
                        + " and (blocked_until is null or blocked_until < now())")
                .setParameter(1, window.toSeconds())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /**
     * Checks of one account's secrets queue, from here until their transaction ends (an advisory
     * lock): otherwise fifty guesses sent at once would all pass this check before the first
     * failure is counted.
     *
     * @throws TooManyRequests while the account or the address is locked out
     */
    public void check(String email, String address) {
        session.lock("secret-check:" + accountKey(email));
        List<?> blocked = em.createNativeQuery(
                        "select max(blocked_until) from login_throttle where key in (?1, ?2) and blocked_until > now()")
                .setParameter(1, accountKey(email))
                .setParameter(2, addressKey(address))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        Object until = blocked.isEmpty() ? null : blocked.get(0);
        if (until != null) {
            long seconds =
                    Duration.between(OffsetDateTime.now(), Timestamps.of(until)).toSeconds() + 1;
            throw new TooManyRequests("Too many wrong passwords or codes; try again later.", seconds);
        }
    }

    /** Counts a wrong secret against the account and the address. */
    public void recordFailure(String email, String address) {
        count(accountKey(email), maxPerAccount);
        count(addressKey(address), maxPerAddress);
    }

    /**
     * A right secret clears the account's count (not the address's) — only for the verified owner
     * of the address: unverified accounts may share an address and its count, and one of them must
     * not wipe out the failures counted against another (their counts expire with the window).
     */
    public void reset(User account) {
        if (!account.isEmailVerified()) {
            return;
        }
        em.createNativeQuery("delete from login_throttle where key = ?1")
                .setParameter(1, accountKey(account.getEmail()))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** One statement, so concurrent failures on several cluster members all count. */
    private void count(String key, int max) {
        em.createNativeQuery("insert into login_throttle as t (key, failures, window_start) values (?1, 1, now())"
                        + " on conflict (key) do update set"
                        + "   failures = case when t.window_start < now() - ?2 * interval '1 second' then 1"
                        + "                   else t.failures + 1 end,"
                        + "   window_start = case when t.window_start < now() - ?2 * interval '1 second' then now()"
                        + "                       else t.window_start end,"
                        + "   blocked_until = case when t.window_start >= now() - ?2 * interval '1 second'"
                        + "                         and t.failures + 1 >= ?3 then now() + ?4 * interval '1 second'"
                        + "                        else t.blocked_until end")
                .setParameter(1, key)
                .setParameter(2, window.toSeconds())
                .setParameter(3, max)
                .setParameter(4, lockout.toSeconds())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }
}
