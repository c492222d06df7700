package io.orgbase.datajob;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** An export's file as it is written, one row at a time; {@link #close()} finishes it. */
public interface ExportOutput extends Closeable {

    /** Appends one row: the values of the report's columns, in their order. */
    void row(List<Object> values) throws IOException;

    /**
     * What a report says about itself, beyond its rows.
     *
     * @param filter the rows chosen, in words ("all" when nothing is filtered)
     * @param colour the organization's primary colour, {@code #rrggbb}
     */
    record Report(
            String organization,
            String collection,
            List<String> columns,
            String filter,
            String colour,
            OffsetDateTime at) {}

    /** The file formats an export writes. */
    enum Format {
        CSV("text/csv; charset=UTF-8"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PDF("application/pdf");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String contentType() {
            return contentType;
        }

        public static Format of(String key) {
            for (Format format : values()) {
                if (format.key().equals(key)) {
                    return format;
                }
            }
            return null;
        }

        /** Starts writing {@code file} in this format. */
        public ExportOutput open(Path file, Report report) throws IOException {
            return switch (this) {
                case CSV -> new CsvOutput(file, report);
                case XLSX -> new XlsxOutput(file, report);
                case PDF -> new PdfOutput(file, report);
            };
        }
    }

    /** Several values in one cell: separated by "; " (null for none). */
    static String list(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join("; ", values);
    }

    /** A JSON document in one cell, as its text (null when empty). */
    static String document(String json) {
        return json == null || json.isBlank() || json.strip().equals("{}") ? null : json;
    }

    /** A value as text in a file: timestamps in UTC, ISO 8601, to the second. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OffsetDateTime at) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    at.withOffsetSameInstant(ZoneOffset.UTC).withNano(0));
        }
        return value.toString();
    }
}
