package io.orgbase.datajob;

import java.util.List;
import java.util.Locale;

/**
 * A field an import reads, under its API name or any of its aliases (compared ignoring case,
 * blanks, '_' and '-': "Parent code", "parent_code" and "parentCode" are one header).
 */
public record DataColumn(String field, List<String> aliases) {

    public static DataColumn of(String field, String... aliases) {
        return new DataColumn(field, List.of(aliases));
    }

    public boolean matches(String header) {
        String wanted = normal(header);
        return normal(field).equals(wanted)
                || aliases.stream().map(DataColumn::normal).anyMatch(wanted::equals);
    }

    static String normal(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]+", "");
    }
}
