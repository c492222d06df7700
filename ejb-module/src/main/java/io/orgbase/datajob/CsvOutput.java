package io.orgbase.datajob;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An export as CSV (RFC 4180, UTF-8, a header of the columns' API names): what an import of the
 * same collection reads back. Text that a spreadsheet would run as a formula is neutralised.
 */
final class CsvOutput implements ExportOutput {

    private final CSVPrinter printer;

    CsvOutput(Path file, Report report) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
        printer.printRecord(report.columns());
    }

    @Override
    public void row(List<Object> values) throws IOException {
        List<String> cells = new ArrayList<>(values.size());
        for (Object value : values) {
            cells.add(value instanceof String text ? Cells.safe(text) : ExportOutput.text(value));
        }
        printer.printRecord(cells);
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
