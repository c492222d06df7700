package io.orgbase.api;

import io.orgbase.collections.Slice;
import java.util.List;
import java.util.function.Function;

/**
 * A collection answer: the items, the cursor of the next page (null on the last), and the number
 * of all matching items when the request asked for it ({@code count=true}).
 */
public record Items<T>(List<T> items, String nextCursor, Long total) {

    /** A collection that always fits one answer. */
    public Items(List<T> items) {
        this(items, null, null);
    }

    public static <E, T> Items<T> of(Slice<E> slice, Function<? super E, ? extends T> view) {
        return new Items<>(slice.items().stream().<T>map(view).toList(), slice.nextCursor(), slice.total());
    }
}
