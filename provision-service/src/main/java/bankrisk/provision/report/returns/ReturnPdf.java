package bankrisk.provision.report.returns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A return as PDF on landscape A4 pages in Chinese or English, drawn with PDFBox primitives in the embedded CJK font
 * ({@link CjkFont}): title, header fields, the tables (numbers right-aligned, a table continues on the next page with
 * its column titles again), the notes.
 */
public final class ReturnPdf {

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float FIRST_COLUMN = 150;
    private static final float SIZE = 7;
    private static final float LINE = 10;

    private final PDDocument document;
    private final PDType0Font font;
    private PDPageContentStream content;
    private float y;

    private ReturnPdf(PDDocument document) {
        this.document = document;
        this.font = CjkFont.load(document);
    }

    public static byte[] write(ReturnDocument doc) {
        try (PDDocument document = new PDDocument()) {
            ReturnPdf pdf = new ReturnPdf(document);
            pdf.draw(doc);
            pdf.content.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the PDF failed", e);
        }
    }

    private void draw(ReturnDocument doc) throws IOException {
        newPage();
        text(13, MARGIN, doc.title());
        y -= 4;
        for (String[] field : doc.header()) {
            text(8, MARGIN, field[0]);
            y += 8 + 4; // the value on the same line
            text(8, MARGIN + FIRST_COLUMN, field[1]);
        }
        for (ReturnDocument.Table table : doc.tables()) {
            table(table);
        }
        y -= 6;
        for (String note : doc.notes()) {
            text(7, MARGIN, note);
        }
    }

    private void table(ReturnDocument.Table table) throws IOException {
        room(LINE * 4);
        y -= 6;
        text(9, MARGIN, table.title());
        titles(table);
        for (List<Object> row : table.rows()) {
            if (y < MARGIN + LINE) {
                newPage();
                titles(table);
            }
            y -= LINE;
            for (int c = 0; c < row.size(); c++) {
                cell(table, c, row.get(c));
            }
        }
    }

    private void titles(ReturnDocument.Table table) throws IOException {
        y -= LINE;
        for (int c = 0; c < table.columns().size(); c++) {
            cell(table, c, table.columns().get(c).label());
        }
        content.moveTo(MARGIN, y - 2);
        content.lineTo(PAGE.getWidth() - MARGIN, y - 2);
        content.setLineWidth(0.4f);
        content.stroke();
    }

    private void cell(ReturnDocument.Table table, int column, Object value) throws IOException {
        int columns = table.columns().size();
        // a table led by a label gets a wide first column; one led by a number (G13's rank) shares the width evenly
        float first = table.columns().get(0).kind() == ReturnDocument.Kind.TEXT ? FIRST_COLUMN : (PAGE.getWidth() - 2 * MARGIN) / columns;
        float width = (PAGE.getWidth() - 2 * MARGIN - first) / Math.max(1, columns - 1);
        float left = column == 0 ? MARGIN : MARGIN + first + (column - 1) * width;
        float limit = (column == 0 ? first : width) - 4;
        ReturnDocument.Kind kind = table.columns().get(column).kind();
        String shown = fit(format(kind, value), limit);
        boolean right = value instanceof Number || (value instanceof String && kind != ReturnDocument.Kind.TEXT);
        float x = right ? left + limit - textWidth(shown) : left;
        show(x, shown);
    }

    private static String format(ReturnDocument.Kind kind, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            if (kind == ReturnDocument.Kind.RATIO) {
                return d.toPlainString();
            }
            DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return format.format(d);
        }
        return value.toString();
    }

    /** Cuts text to the column, so a long label never runs into the next one. */
    private String fit(String text, float limit) throws IOException {
        String shown = printable(text);
        while (!shown.isEmpty() && textWidth(shown) > limit) {
            shown = shown.substring(0, shown.length() - 1);
        }
        return shown;
    }

    /** A character the font lacks would fail the whole PDF: it is shown as '?'. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException missing) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private float textWidth(String text) throws IOException {
        return font.getStringWidth(text) / 1000 * SIZE;
    }

    private void room(float needed) throws IOException {
        if (y - needed < MARGIN) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PAGE.getHeight() - MARGIN;
    }

    private void text(float size, float x, String text) throws IOException {
        room(size + 4);
        y -= size + 4;
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(printable(text));
        content.endText();
    }

    private void show(float x, String text) throws IOException {
        content.beginText();
        content.setFont(font, SIZE);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }
}
