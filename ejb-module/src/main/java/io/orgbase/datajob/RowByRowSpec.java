package io.orgbase.datajob;

/**
 * A collection whose import writes each row through its boundary in a transaction of its own
 * ({@link RowByRow}): units of a hundred rows, so that a chunk stays a few seconds, and no
 * all-or-nothing, since a row written in its own transaction cannot be undone by a later row's
 * refusal.
 */
public interface RowByRowSpec extends DataSpec {

    @Override
    default int unitRows() {
        return 100;
    }

    @Override
    default boolean allOrNothing() {
        return false;
    }
}
