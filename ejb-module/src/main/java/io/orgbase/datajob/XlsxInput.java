package io.orgbase.datajob;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * A workbook's sheet read as an import reads a CSV file: POI's streaming (SAX) reader turns the first
 * sheet, or the one named, into a local UTF-8 CSV, cell values as the spreadsheet shows them (cached
 * results of formulas, dates and numbers as formatted). Rows without any cell are skipped.
 *
 * <p>Hostile workbooks end as a {@link CsvInput.BadFile}: POI's XML parsing refuses DTDs (no entity
 * expansion, no external entities); {@link ZipSecureFile} refuses entries that inflate more than 100
 * times their size (zip bombs), entries over 1 GiB and more than 1,000 entries; the shared strings,
 * which POI keeps in memory, may be at most {@value #MAX_SHARED_STRINGS} bytes; and a cell past
 * column {@value CsvInput#MAX_COLUMNS} is refused.
 */
public final class XlsxInput {

    /** The most the shared strings part may inflate to (POI holds it in memory). */
    public static final long MAX_SHARED_STRINGS = 64L << 20;

    static {
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(1L << 30);
        ZipSecureFile.setMaxFileCount(1000);
    }

    private XlsxInput() {}

    /**
     * Writes the sheet's rows to {@code csv}.
     *
     * @param sheet the sheet's name, or null for the first
     * @throws CsvInput.BadFile when the file is not a workbook, is hostile, or has no such sheet
     */
    public static void toCsv(Path xlsx, Path csv, String sheet) throws IOException {
        try (OPCPackage workbook = OPCPackage.open(xlsx.toFile(), PackageAccess.READ);
                BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            checkSharedStrings(workbook);
            XSSFReader reader = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream data = sheets.next()) {
                    if (sheet != null && !sheet.equals(sheets.getSheetName())) {
                        continue;
                    }
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(
                            reader.getStylesTable(), null, strings, new Rows(printer), new DataFormatter(), false));
                    parser.parse(new InputSource(data));
                    return;
                }
            }
            throw new CsvInput.BadFile(
                    sheet == null ? "the workbook has no sheet" : "the workbook has no sheet named " + sheet);
        } catch (CsvInput.BadFile e) {
            throw e;
        } catch (Rows.Unreadable e) {
            throw new CsvInput.BadFile(e.getMessage());
        } catch (IOException
                | RuntimeException
                | org.apache.poi.openxml4j.exceptions.OpenXML4JException
                | org.xml.sax.SAXException
                | javax.xml.parsers.ParserConfigurationException e) {
            throw new CsvInput.BadFile("the file is not a readable XLSX workbook (" + describe(e) + ")");
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("Zip bomb")) {
            return "it inflates far beyond its size, like a zip bomb";
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    /**
     * The shared strings, found as POI finds them (by content type) and counted as they inflate,
     * before POI reads them into memory.
     */
    private static void checkSharedStrings(OPCPackage workbook) throws IOException {
        for (PackagePart part : workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
            try (InputStream in = part.getInputStream()) {
                long size = 0;
                byte[] buffer = new byte[1 << 16];
                for (int read; (read = in.read(buffer)) > 0; ) {
                    size += read;
                    if (size > MAX_SHARED_STRINGS) {
                        throw new CsvInput.BadFile(
                                "the workbook's shared strings exceed " + (MAX_SHARED_STRINGS >> 20) + " MiB");
                    }
                }
            }
        }
    }

    /** Cells row by row, gaps filled with empty cells, each row a CSV record. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        static final class Unreadable extends RuntimeException {
            Unreadable(String message) {
                super(message);
            }
        }

        private final CSVPrinter printer;
        private final List<String> cells = new ArrayList<>();

        Rows(CSVPrinter printer) {
            this.printer = printer;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(String::isEmpty)) {
                return;
            }
            try {
                printer.printRecord(cells);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= CsvInput.MAX_COLUMNS) {
                throw new Unreadable("a row has a cell past column " + CsvInput.MAX_COLUMNS);
            }
            if (column < cells.size()) {
                throw new Unreadable("a row's cells are out of order or repeated (" + reference + ")");
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }
    }
}
