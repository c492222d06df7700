package io.orgbase.datajob;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An export as a readable report: the organization's name, what was exported and when, the rows
 * chosen in words, then a table whose header repeats on every page, and "page x of y" below. Pages
 * are A4 landscape; the table is handed to the document every {@value #BATCH} rows so that only
 * those are held in memory. The font (Liberation Sans, embedded, subset) covers Latin, Greek and
 * Cyrillic text.
 */
final class PdfOutput implements ExportOutput {

    private static final int BATCH = 500;
    private static final String FONT = "font-fallback/LiberationSans-Regular.ttf";

    private final OutputStream out;
    private final Document document;
    private final Font cellFont;
    private final PdfPTable table;
    private int pending;

    PdfOutput(Path file, Report report) throws IOException {
        out = Files.newOutputStream(file);
        document = new Document(PageSize.A4.rotate(), 28, 28, 28, 36);
        try {
            BaseFont base = BaseFont.createFont(FONT, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            cellFont = new Font(base, 7.5f);
            Color colour = Color.decode(report.colour());
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new PageNumbers(base));
            document.addTitle(report.organization() + ": " + report.collection());
            document.addCreator("Orgbase");
            document.open();
            document.add(new Paragraph(report.organization(), new Font(base, 16, Font.NORMAL, colour)));
            document.add(new Paragraph(
                    report.collection() + ", exported " + ExportOutput.text(report.at()), new Font(base, 10)));
            Paragraph filter =
                    new Paragraph("Rows: " + report.filter(), new Font(base, 9, Font.NORMAL, Color.DARK_GRAY));
            filter.setSpacingAfter(8);
            document.add(filter);
            table = new PdfPTable(report.columns().size());
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            table.setComplete(false);
            Font headerFont = new Font(base, 8, Font.NORMAL, Color.WHITE);
            for (String column : report.columns()) {
                PdfPCell cell = new PdfPCell(new Phrase(column, headerFont));
                cell.setBackgroundColor(colour);
                cell.setPadding(3);
                table.addCell(cell);
            }
        } catch (DocumentException e) {
            out.close();
            throw new IOException("the PDF could not be begun: " + e.getMessage(), e);
        }
    }

    @Override
    public void row(List<Object> values) throws IOException {
        for (Object value : values) {
            PdfPCell cell = new PdfPCell(new Phrase(ExportOutput.text(value), cellFont));
            cell.setPadding(2);
            cell.setBorderColor(Color.LIGHT_GRAY);
            if (value instanceof Number) {
                cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
            }
            table.addCell(cell);
        }
        if (++pending == BATCH) {
            flush();
        }
    }

    private void flush() throws IOException {
        try {
            document.add(table);
        } catch (DocumentException e) {
            throw new IOException("the PDF could not be written: " + e.getMessage(), e);
        }
        pending = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            table.setComplete(true);
            flush();
            document.close();
        } finally {
            out.close();
        }
    }

    /** "Page x of y" at the foot of every page; y is written once the last page is known. */
    private static final class PageNumbers extends PdfPageEventHelper {

        private final BaseFont font;
        private PdfTemplate total;

        PageNumbers(BaseFont font) {
            this.font = font;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte content = writer.getDirectContent();
            String text = "Page " + writer.getPageNumber() + " of ";
            Rectangle page = document.getPageSize();
            float x = page.getWidth() / 2;
            float y = 18;
            float width = font.getWidthPoint(text, 8);
            content.beginText();
            content.setFontAndSize(font, 8);
            content.setTextMatrix(x - width / 2, y);
            content.showText(text);
            content.endText();
            content.addTemplate(total, x + width / 2, y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            total.beginText();
            total.setFontAndSize(font, 8);
            total.setTextMatrix(0, 0);
            // by now the writer counts the page after the last
            total.showText(String.valueOf(writer.getPageNumber() - 1));
            total.endText();
        }
    }
}
