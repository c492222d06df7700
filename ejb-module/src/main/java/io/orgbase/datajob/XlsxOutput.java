package io.orgbase.datajob;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An export as a workbook, streamed: POI's SXSSF keeps a window of rows in memory and the rest in
 * a compressed temporary file. Text is always a text cell (never a formula); numbers and booleans
 * keep their type, timestamps are dates (UTC). A sheet holds at most 1,048,575 rows below its
 * header; more continue on the next sheet.
 */
final class XlsxOutput implements ExportOutput {

    private static final int WINDOW = 200;
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final Path file;
    private final Report report;
    private final SXSSFWorkbook workbook;
    private final CellStyle header;
    private final CellStyle date;
    private SXSSFSheet sheet;
    private int sheets;
    private int rowNo;

    XlsxOutput(Path file, Report report) {
        this.file = file;
        this.report = report;
        workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
        date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        newSheet();
    }

    private void newSheet() {
        sheets++;
        sheet = workbook.createSheet(sheets == 1 ? report.collection() : report.collection() + " (" + sheets + ")");
        sheet.createFreezePane(0, 1);
        Row row = sheet.createRow(0);
        for (int i = 0; i < report.columns().size(); i++) {
            var cell = row.createCell(i);
            cell.setCellValue(report.columns().get(i));
            cell.setCellStyle(header);
        }
        rowNo = 1;
    }

    @Override
    public void row(List<Object> values) {
        if (rowNo == MAX_ROWS) {
            newSheet();
        }
        Row row = sheet.createRow(rowNo++);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                continue;
            }
            var cell = row.createCell(i);
            if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else if (value instanceof Boolean flag) {
                cell.setCellValue(flag);
            } else if (value instanceof OffsetDateTime at) {
                cell.setCellValue(at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                cell.setCellStyle(date);
            } else {
                String text = value.toString();
                cell.setCellValue(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }
}
