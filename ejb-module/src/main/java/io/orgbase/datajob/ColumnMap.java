package io.orgbase.datajob;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Which column of a file holds which field: the job's explicit mapping (header to field) first,
 * then the collection's names and aliases. Columns that map to nothing are ignored; the key's
 * column is required, and no field may come from two columns.
 */
public final class ColumnMap {

    private final List<String> header;
    private final Map<String, Integer> fields = new LinkedHashMap<>();

    public ColumnMap(List<String> header, DataSpec spec, Map<String, String> explicit) {
        this.header = header;
        Map<String, String> mapping = new LinkedHashMap<>();
        explicit.forEach((name, field) -> mapping.put(name.strip().toLowerCase(Locale.ROOT), field));
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i);
            String field = mapping.get(name.strip().toLowerCase(Locale.ROOT));
            if (field == null) {
                field = spec.columns().stream()
                        .filter(column -> column.matches(name))
                        .map(DataColumn::field)
                        .findFirst()
                        .orElse(null);
            }
            if (field == null) {
                continue;
            }
            Integer taken = fields.putIfAbsent(field, i);
            if (taken != null) {
                throw new CsvInput.BadFile("columns " + (taken + 1) + " (" + header.get(taken) + ") and " + (i + 1)
                        + " (" + name + ") both hold " + field);
            }
        }
        if (!fields.containsKey(spec.keyField())) {
            throw new CsvInput.BadFile("no column holds " + spec.keyField() + " (its header may be "
                    + String.join(", ", names(spec.columns().get(0))) + ", or map one with the mapping option)");
        }
    }

    private static List<String> names(DataColumn column) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(column.field()), column.aliases().stream())
                .map(name -> "\"" + name + "\"")
                .toList();
    }

    /** The mapped fields of a record, blank cells as null; cells the record lacks are blank. */
    public Map<String, String> cells(CSVRecord record) {
        Map<String, String> cells = new LinkedHashMap<>();
        fields.forEach((field, index) -> {
            String value = index < record.size() ? record.get(index) : null;
            cells.put(field, value == null || value.isBlank() ? null : Cells.restored(value));
        });
        return cells;
    }

    /** The record as the file had it, header to cell, as JSON text. */
    public String original(CSVRecord record) {
        JsonObjectBuilder original = Json.createObjectBuilder();
        for (int i = 0; i < record.size() && i < CsvInput.MAX_COLUMNS; i++) {
            String name =
                    i < header.size() && header.get(i) != null && !header.get(i).isBlank()
                            ? header.get(i)
                            : "column " + (i + 1);
            original.add(name, record.get(i));
        }
        return original.build().toString();
    }
}
