package io.orgbase.api;

import io.orgbase.logging.Logs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request budgets per minute: per signed-in principal (user or API key; a key may have its own
 * budget), and per client address for requests without one. Counters live in Payara's JCache
 * (Hazelcast), so every cluster member counts against the same budget; fixed one-minute windows,
 * counted with compare-and-set on plain {@code Long} values (no code has to travel between members).
 * Without JCache the counters are this member's own.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logs.get(RateLimits.class);
    private static final long WINDOW_SECONDS = 60;
    private static final String CACHE = "orgbase-rate-limits";

    @Inject
    @ConfigProperty(name = "orgbase.rate-limit.per-principal", defaultValue = "600")
    int perPrincipal;

    @Inject
    @ConfigProperty(name = "orgbase.rate-limit.per-address", defaultValue = "300")
    int perAddress;

    /**
     * Expensive reads (searches, counts, reports) one principal may have running at once on this
     * cluster member; 0 = no limit. A per-minute budget does not stop a burst of concurrent scans
     * from saturating the database for everyone: this does.
     */
    @Inject
    @ConfigProperty(name = "orgbase.rate-limit.expensive-concurrent", defaultValue = "2")
    int expensiveConcurrent;

    /**
     * Expensive reads in progress, by bucket: when each began. One that never said it finished (an
     * answer that was never sent) stops counting after {@link #EXPENSIVE_STALE_NANOS}.
     */
    private final Map<String, Map<Object, Long>> running = new ConcurrentHashMap<>();

    private static final long EXPENSIVE_STALE_NANOS = TimeUnit.MINUTES.toNanos(2);

    private Cache<String, Long> shared;
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();
    private volatile long localWindow;

    /** The outcome of taking one request from a budget. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds) {}

    @PostConstruct
    void connect() {
        try {
            CacheManager manager = (CacheManager) new InitialContext().lookup("payara/CacheManager");
            Cache<String, Long> cache = manager.getCache(CACHE, String.class, Long.class);
            if (cache == null) {
                try {
                    cache = manager.createCache(
                            CACHE,
                            new MutableConfiguration<String, Long>()
                                    .setTypes(String.class, Long.class)
                                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                                            new Duration(TimeUnit.SECONDS, 2 * WINDOW_SECONDS))));
                } catch (javax.cache.CacheException createdMeanwhile) {
                    cache = manager.getCache(CACHE, String.class, Long.class);
                }
            }
            shared = cache;
        } catch (NamingException | RuntimeException unavailable) {
            LOG.warning("No JCache here (" + unavailable + "); rate limits count per cluster member");
        }
    }

    public int perPrincipal() {
        return perPrincipal;
    }

    public int perAddress() {
        return perAddress;
    }

    /**
     * Starts an expensive read for {@code bucket}, unless it has as many running as it may.
     *
     * @return the place it holds, to give back with {@link #finishExpensive}; null when it may not run
     */
    public Object startExpensive(String bucket) {
        Object place = new Object();
        if (expensiveConcurrent <= 0) {
            return place;
        }
        long now = System.nanoTime();
        Object[] granted = new Object[1];
        running.compute(bucket, (b, places) -> {
            Map<Object, Long> current = places == null ? new ConcurrentHashMap<>() : places;
            current.values().removeIf(began -> now - began > EXPENSIVE_STALE_NANOS);
            if (current.size() < expensiveConcurrent) {
                current.put(place, now);
                granted[0] = place;
            }
            return current.isEmpty() ? null : current;
        });
        return granted[0];
    }

    public void finishExpensive(String bucket, Object place) {
        running.computeIfPresent(bucket, (b, places) -> {
            places.remove(place);
            return places.isEmpty() ? null : places;
        });
    }

    /** Takes one request from {@code bucket}'s budget of {@code limit} a minute (0 or less: unlimited). */
    public Decision take(String bucket, int limit) {
        return take(bucket, limit, 1);
    }

    /** Takes {@code units} requests from {@code bucket}'s budget of {@code limit} a minute. */
    public Decision take(String bucket, int limit, int units) {
        long now = Instant.now().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        long reset = (window + 1) * WINDOW_SECONDS - now;
        if (limit <= 0) {
            return new Decision(true, 0, 0, reset);
        }
        long used = increment(bucket + "@" + window, window, units);
        return new Decision(used <= limit, limit, Math.max(0, limit - used), reset);
    }

    /**
     * Whether {@code bucket}'s budget of {@code limit} a minute is spent, without spending from it.
     *
     * @return the seconds until it renews, or 0 when there is budget left
     */
    public long spentFor(String bucket, int limit) {
        long now = Instant.now().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        if (limit <= 0) {
            return 0;
        }
        String key = bucket + "@" + window;
        Long used = null;
        if (shared != null) {
            try {
                used = shared.get(key);
            } catch (RuntimeException clusterTrouble) {
                LOG.warning("rate-limit cache failed (" + clusterTrouble + "); counting locally");
            }
        }
        if (used == null && window == localWindow) {
            AtomicLong local = this.local.get(key);
            used = local == null ? null : local.get();
        }
        return used != null && used >= limit ? (window + 1) * WINDOW_SECONDS - now : 0;
    }

    /** The budget of requests without a principal, and of failed credentials, from one address. */
    public String addressBucket(String address) {
        return "address:" + address;
    }

    private long increment(String key, long window, int units) {
        if (shared != null) {
            try {
                for (int attempt = 0; attempt < 20; attempt++) {
                    Long current = shared.get(key);
                    long next = (current == null ? 0 : current) + units;
                    if (current == null ? shared.putIfAbsent(key, next) : shared.replace(key, current, next)) {
                        return next;
                    }
                }
                return Long.MAX_VALUE; // contended beyond reason: count it as over the budget
            } catch (RuntimeException clusterTrouble) {
                LOG.warning("rate-limit cache failed (" + clusterTrouble + "); counting locally");
            }
        }
        if (window != localWindow) {
            local.clear();
            localWindow = window;
        }
        return local.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(units);
    }
}
