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

    /** Selects the email of each id that is a member of the tenant organization now. */
    public static final String MEMBER_EMAILS = "select m.user_id, u.email from membership m join app_user u on"
            + " u.id = m.user_id where m.org_id = orgbase_current_org() and m.user_id = any (?)";

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
