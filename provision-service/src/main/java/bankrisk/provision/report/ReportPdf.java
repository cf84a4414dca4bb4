package bankrisk.provision.report;

import java.awt.Color;
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
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The PDF download, drawn with PDFBox primitives: the run's inputs, totals and ratios, a bar chart of the specific
 * provisions by category (the category mix), and a table per view. Text is English and codes only (Helvetica,
 * WinAnsi): tier names in Chinese are in the CSV and XLSX, never printed here with missing glyphs.
 */
public final class ReportPdf {

    private static final float MARGIN = 50;
    private static final float LINE = 14;
    private static final Color[] BARS = {new Color(0x2E7D32), new Color(0x9E9D24), new Color(0xEF6C00), new Color(0xC62828),
            new Color(0x4A148C)};

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream content;
    private float y;

    private ReportPdf() {
    }

    public static byte[] report(ReportBundle bundle) {
        ReportPdf pdf = new ReportPdf();
        try (PDDocument document = pdf.document) {
            pdf.draw(bundle);
            pdf.content.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the PDF failed", e);
        }
    }

    private void draw(ReportBundle bundle) throws IOException {
        newPage();
        text(bold, 16, MARGIN, "Loan-loss provision report");
        y -= 8;
        for (String[] input : bundle.inputs()) {
            text(bold, 8, MARGIN, input[0]);
            y += LINE * 0.8f;
            text(regular, 8, MARGIN + 110, abbreviate(input[1], 95));
            y += LINE * 0.2f;
        }
        y -= 6;
        text(bold, 11, MARGIN, "Totals and regulatory ratios");
        for (ReportBundle.Figure figure : bundle.figures()) {
            text(regular, 9, MARGIN, figure.label());
            y += LINE;
            text(regular, 9, MARGIN + 220, figure.ratio() ? percent(figure.value()) : figure.label().equals("Loans")
                    ? figure.value().toPlainString() : amount(figure.value()));
            y += LINE;
            text(bold, 9, MARGIN + 340, figure.flag());
        }
        Report categories = bundle.views().stream().filter(v -> v.view() == ReportView.CATEGORY).findFirst().orElse(null);
        if (categories != null) {
            chart(categories.rows());
        }
        for (Report view : bundle.views()) {
            table(view);
        }
    }

    /** Horizontal bars: each category's specific provision, scaled to the largest. */
    private void chart(List<ReportRow> rows) throws IOException {
        ensure(40 + rows.size() * 20f);
        y -= 10;
        text(bold, 11, MARGIN, "Category mix: specific provisions");
        BigDecimal max = rows.stream().map(ReportRow::provision).reduce(BigDecimal.ZERO, BigDecimal::max);
        float width = 300;
        for (int i = 0; i < rows.size(); i++) {
            ReportRow row = rows.get(i);
            y -= 18;
            content.beginText();
            content.setFont(regular, 8);
            content.newLineAtOffset(MARGIN, y + 3);
            content.showText(safe(row.key()));
            content.endText();
            float bar = max.signum() == 0 ? 0 : row.provision().floatValue() / max.floatValue() * width;
            content.setNonStrokingColor(BARS[i % BARS.length]);
            content.addRect(MARGIN + 100, y, Math.max(bar, 0.5f), 12);
            content.fill();
            content.setNonStrokingColor(Color.BLACK);
            content.beginText();
            content.setFont(regular, 8);
            content.newLineAtOffset(MARGIN + 105 + bar, y + 3);
            content.showText(amount(row.provision()));
            content.endText();
        }
        y -= 10;
    }

    private void table(Report view) throws IOException {
        ensure(80);
        y -= 10;
        text(bold, 11, MARGIN, "By " + view.view().title());
        if (!view.note().isEmpty()) {
            text(regular, 8, MARGIN, abbreviate(view.note(), 110));
        }
        float[] x = {MARGIN, MARGIN + 150, MARGIN + 190, MARGIN + 270, MARGIN + 345, MARGIN + 420};
        String[] titles = {"Key", "Loans", "Balance", "NPL balance", "Provision", "ECL"};
        row(bold, x, titles);
        for (ReportRow data : view.rows()) {
            ensure(LINE * 2);
            row(regular, x, new String[] {abbreviate(data.key(), 28), Long.toString(data.loanCount()), amount(data.balance()),
                    amount(data.nplBalance()), amount(data.provision()), amount(data.ecl())});
        }
    }

    private void row(PDType1Font font, float[] x, String[] cells) throws IOException {
        y -= LINE;
        for (int i = 0; i < cells.length; i++) {
            content.beginText();
            content.setFont(font, 8);
            content.newLineAtOffset(x[i], y);
            content.showText(safe(cells[i]));
            content.endText();
        }
    }

    private void text(PDType1Font font, float size, float x, String text) throws IOException {
        ensure(LINE * 2);
        y -= LINE;
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(safe(text));
        content.endText();
    }

    private void ensure(float space) throws IOException {
        if (y - space < MARGIN) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = page.getMediaBox().getHeight() - MARGIN;
    }

    /** Helvetica covers WinAnsi only: anything else (e.g. CJK) is replaced rather than drawn as a missing glyph. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String amount(BigDecimal value) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String percent(BigDecimal fraction) {
        return new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(fraction.movePointRight(2)) + " %";
    }
}
