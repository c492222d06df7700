package io.orgbase.collections;

import java.util.List;
import java.util.function.Function;

/** A page of a collection: its items, the cursor of the next page (null at the end), the count if asked. */
public record Slice<T>(List<T> items, String nextCursor, Long total) {

    public <R> Slice<R> map(Function<? super T, ? extends R> mapper) {
        return new Slice<>(items.stream().<R>map(mapper).toList(), nextCursor, total);
    }
}
