package io.orgbase.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orgbase.access.Caller;
import io.orgbase.access.RoleAssignment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's memory of how callers' organization references resolved: the organization, its
 * lifecycle and sign-in policy, the caller's grant there. Nothing here is trusted on its own: an
 * entry is used only when the organization's access generation, read in the very statement that
 * enters the tenant, is still the one it was read at ({@link DatabaseSession#enterTenantIfCurrent}).
 * Every change that could alter an answer (the organization, a membership's role or state, a
 * custom role) moves the generation in the changing transaction, so the first request after the
 * commit, on any server, resolves afresh. Holds only what succeeded: a refusal is worked out every
 * time.
 *
 * <p>What depends on the request itself is checked on every use: the sign-in policy against the
 * caller's token, an API key against the organization's lifecycle.
 */
@ApplicationScoped
public class AccessCache {

    /** Whom a reference was resolved for: a user (as their token presents them) or an API key with its role. */
    record Key(String reference, UUID userId, boolean platformAdmin, UUID apiKeyId, RoleAssignment apiKeyRole) {

        static Key of(Caller caller, String reference) {
            return caller.isApiKey()
                    ? new Key(
                            reference,
                            null,
                            false,
                            caller.apiKey().keyId(),
                            caller.apiKey().role())
                    : new Key(reference, caller.userId(), caller.platformAdmin(), null, null);
        }
    }

    /**
     * A resolution as it stood at {@code generation}.
     *
     * @param member whether the caller acts through a membership (the sign-in policy applies, and
     *     the membership's last activity is kept)
     * @param activeOn the day (UTC) the membership was last recorded active, null if never
     */
    record Entry(
            Tenant.Resolution resolution,
            long generation,
            boolean member,
            boolean requireTwoFactor,
            Integer maxSessionHours,
            LocalDate activeOn) {

        Entry activeOn(LocalDate day) {
            return new Entry(resolution, generation, member, requireTwoFactor, maxSessionHours, day);
        }
    }

    /** About 1 KB an entry: a server keeps the most recent callers of up to this many organizations. */
    static final int MAXIMUM_ENTRIES = 50_000;

    private final Cache<Key, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAXIMUM_ENTRIES)
            .expireAfterAccess(Duration.ofHours(12))
            .build();

    /**
     * {@code ORGBASE_ACCESS_CACHE=false} resolves every request afresh (two to three more round
     * trips each): for measuring what the cache saves, or ruling it out.
     */
    @Inject
    @ConfigProperty(name = "orgbase.access-cache", defaultValue = "true")
    boolean enabled;

    Entry get(Key key) {
        return enabled ? entries.getIfPresent(key) : null;
    }

    void put(Key key, Entry entry) {
        if (enabled) {
            entries.put(key, entry);
        }
    }

    /** The member's activity of {@code day} is recorded (committed) in the database. */
    void activeOn(Key key, LocalDate day) {
        entries.asMap()
                .computeIfPresent(
                        key,
                        (k, entry) ->
                                entry.activeOn() == null || entry.activeOn().isBefore(day)
                                        ? entry.activeOn(day)
                                        : entry);
    }

    void forget(Key key) {
        entries.invalidate(key);
    }

    /** How many resolutions this server holds (approximately). */
    public long size() {
        return entries.estimatedSize();
    }
}
