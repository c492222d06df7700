package io.orgbase.datajob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** What a page of exported records refers to, looked up in one statement per kind of reference. */
public final class ExportLookups {

    private ExportLookups() {}

    /**
     * The text {@code sql} selects beside each id ({@code select id, code from department where id = any
     * (?)}), for the references {@code of} finds in {@code records}; the tenant's policies apply.
     */
    public static <T> Map<UUID, String> texts(
            Connection connection, String sql, Collection<T> records, Function<T, UUID> of) throws SQLException {
        Object[] ids =
                records.stream().map(of).filter(Objects::nonNull).distinct().toArray();
        Map<UUID, String> found = new HashMap<>();
        if (ids.length == 0) {
            return found;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return found;
    }
}
