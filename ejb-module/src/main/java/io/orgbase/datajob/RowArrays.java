package io.orgbase.datajob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Many rows written by one statement: each column's values bound as an array, read back by {@code
 * unnest(?::uuid[], ?::text[], …) with ordinality}. A statement per row (even batched) cost more
 * than the rows themselves; this costs one round trip and one plan for a whole unit.
 */
public final class RowArrays {

    private final String[] types;
    private final List<Object[]> rows = new ArrayList<>();

    /** @param types each column's SQL type, as {@code createArrayOf} takes it ({@code uuid}, {@code text}…) */
    public RowArrays(String... types) {
        this.types = types;
    }

    public void add(Object... values) {
        if (values.length != types.length) {
            throw new IllegalArgumentException(types.length + " columns, " + values.length + " values");
        }
        rows.add(values);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Binds each column's array to the statement's parameters from {@code first} on; returns the next index. */
    public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        for (int c = 0; c < types.length; c++) {
            Object[] column = new Object[rows.size()];
            for (int r = 0; r < column.length; r++) {
                column[r] = rows.get(r)[c];
            }
            statement.setArray(first + c, connection.createArrayOf(types[c], column));
        }
        return first + types.length;
    }
}
