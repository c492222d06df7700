package io.orgbase.api;

import io.orgbase.collections.Slice;
import java.util.List;
import java.util.function.Function;

/**
 * A collection answer: the items, the cursor of the next page (null on the last), and the number
 * of all matching items when the request asked for it ({@code count=true}).
 *
 * <p>A class, not a record, on purpose: JSON-B (Yasson) keeps every object it is serializing in a
 * {@code HashSet} to detect cycles, and a record's {@code hashCode} hashes all its components. For
 * the page's wrapper that meant hashing every item of the page once more (4% of the CPU of a page
 * of 50 members in a JFR profile); this wrapper hashes by identity. Its JSON is its public fields.
 */
public final class Items<T> {

    public final List<T> items;
    public final String nextCursor;
    public final Long total;

    public Items(List<T> items, String nextCursor, Long total) {
        this.items = items;
        this.nextCursor = nextCursor;
        this.total = total;
    }

    /** A collection that always fits one answer. */
    public Items(List<T> items) {
        this(items, null, null);
    }

    public static <E, T> Items<T> of(Slice<E> slice, Function<? super E, ? extends T> view) {
        return new Items<>(slice.items().stream().<T>map(view).toList(), slice.nextCursor(), slice.total());
    }

    public List<T> items() {
        return items;
    }

    public String nextCursor() {
        return nextCursor;
    }

    public Long total() {
        return total;
    }
}
