package io.orgbase.tag.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orgbase.persistence.RecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tags of record versions this server has read, so that reading a record again costs no second
 * statement. Every change of a record's tags makes a new version of the record (a client's ETag
 * changes with its tags): a write through the API, an import, and a tag renamed, merged or deleted
 * across the vocabulary. A version's tags therefore never change, and an entry needs no
 * invalidation on this server or any other; an entry for a version nobody reads any more ages out.
 * Only tags read by a transaction that has written nothing are kept (see {@link Tags#attach}): what
 * a transaction read after its own writes may yet be rolled back.
 */
@ApplicationScoped
public class KnownTags {

    /**
     * What the entries may weigh, in bytes as {@link #weight} estimates them: about 80,000 versions
     * of records with no tag or a few short ones, 7,500 at least (each with the most tags, of the
     * longest names).
     */
    static final long MAXIMUM_WEIGHT = 16L * 1024 * 1024;

    /** A record's version in its organization (ids are unique anyway; the organization is kept for clarity). */
    record Key(UUID orgId, RecordKind kind, UUID id, long version) {}

    private final Cache<Key, List<String>> byVersion = Caffeine.newBuilder()
            .maximumWeight(MAXIMUM_WEIGHT)
            .weigher((Key key, List<String> tags) -> weight(tags))
            .build();

    /** The key and the cache's node (about 200 bytes), and each name (about 48 bytes and its length). */
    static int weight(List<String> tags) {
        int weight = 200;
        for (String tag : tags) {
            weight += 48 + tag.length();
        }
        return weight;
    }

    /**
     * {@code ORGBASE_TAG_CACHE=false} reads every record's tags afresh (one more statement per
     * read): for measuring what the cache saves, or ruling it out.
     */
    @Inject
    @ConfigProperty(name = "orgbase.tag-cache", defaultValue = "true")
    boolean enabled;

    /** The version's tags, sorted; null when not known here. */
    List<String> get(Key key) {
        return enabled ? byVersion.getIfPresent(key) : null;
    }

    /** The version's tags as a transaction that wrote nothing read them (sorted). */
    void put(Key key, List<String> tags) {
        if (enabled) {
            byVersion.put(key, List.copyOf(tags));
        }
    }
}
