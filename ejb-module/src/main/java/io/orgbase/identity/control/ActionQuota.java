package io.orgbase.identity.control;

import io.orgbase.persistence.Timestamps;
import io.orgbase.problems.TooManyRequests;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.persistence.config.QueryHints;

/**
 * How often something that sends mail may happen per key (an account, an address typed into a
 * form, a client address), counted in the database so that every cluster member counts the same.
 * Keys are built from what the caller sent, never from whether an account exists, so a refusal
 * tells nothing about accounts. Windows end within the sign-in throttle's window, whose purge
 * clears them.
 */
@Dependent
public class ActionQuota {

    /** The window every quota counts in. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /**
     * Counts one more use of {@code key}.
     *
     * @throws TooManyRequests when this use is more than {@code max} in the window
     */
    public void spend(String key, int max, String refusal) {
        long wait = use(key, max);
        if (wait > 0) {
            throw new TooManyRequests(refusal, wait);
        }
    }

    /** Counts one more use of {@code key}; whether it is within {@code max} in the window. */
    public boolean allow(String key, int max) {
        return use(key, max) == 0;
    }

    /** @return 0 within the quota, else the seconds until the window ends */
    private long use(String key, int max) {
        Object[] row = (Object[]) em.createNativeQuery("insert into login_throttle as t (key, failures, window_start)"
                        + " values (?1, 1, now()) on conflict (key) do update set"
                        + "   failures = case when t.window_start < now() - ?2 * interval '1 second' then 1"
                        + "                   else t.failures + 1 end,"
                        + "   window_start = case when t.window_start < now() - ?2 * interval '1 second' then now()"
                        + "                       else t.window_start end"
                        + " returning failures, window_start")
                .setParameter(1, "quota:" + key)
                .setParameter(2, WINDOW.toSeconds())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        int used = ((Number) row[0]).intValue();
        if (used <= max) {
            return 0;
        }
        OffsetDateTime start = Timestamps.of(row[1]);
        return Math.max(
                1,
                Duration.between(OffsetDateTime.now(ZoneOffset.UTC), start.plus(WINDOW))
                                .toSeconds()
                        + 1);
    }
}
