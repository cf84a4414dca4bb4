package bankrisk.provision.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import bankrisk.provision.run.ProvisionLine;

/**
 * The Excel download: an "Inputs" sheet (inputs, totals, ratios) and one sheet per view. Amounts are numeric cells
 * formatted {@code #,##0.00}, ratios numeric cells formatted {@code 0.00%}, so finance can sum and chart them; each
 * view sheet repeats the run id, as-of date, policy and fingerprint in its first row. Last, the "Lines 明细" sheet: one
 * row per loan as the run stored it (the columns of {@link LineColumns}), rates, PD and LGD as numeric fractions.
 * The workbook is written through POI's streaming workbook, which keeps only a window of rows in memory, so a whole
 * portfolio's lines do not sit on the heap; a sheet holds at most {@value #MAX_LINE_ROWS} lines (Excel's row limit
 * less the two head rows), more continue on "Lines 明细 (2)" and so on.
 */
public final class ReportXlsx {

    /** Excel's 1,048,576 rows less the run head row and the titles row. */
    static final int MAX_LINE_ROWS = 1_048_574;

    /** The sheet name; Excel refuses "/" in sheet names, so not "Lines / 明细". */
    static final String LINES_SHEET = "Lines 明细";

    private ReportXlsx() {
    }

    /** The workbook of {@code bundle}; {@code lines} hands every line of the run, in loan-id order, to its argument. */
    public static byte[] report(ReportBundle bundle, Consumer<Consumer<ProvisionLine>> lines) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            Sheet inputs = workbook.createSheet("Inputs");
            int r = 0;
            for (String[] input : bundle.inputs()) {
                Row row = inputs.createRow(r++);
                text(row, 0, input[0], styles.bold);
                text(row, 1, input[1], null);
            }
            r++;
            for (ReportBundle.Figure figure : bundle.figures()) {
                Row row = inputs.createRow(r++);
                text(row, 0, figure.label(), styles.bold);
                Cell value = row.createCell(1);
                value.setCellValue(figure.value().doubleValue());
                value.setCellStyle(figure.ratio() ? styles.ratio : figure.label().equals("Loans") ? styles.count : styles.amount);
                text(row, 2, figure.flag(), null);
            }
            inputs.setColumnWidth(0, 40 * 256);
            inputs.setColumnWidth(1, 70 * 256);
            for (Report view : bundle.views()) {
                Sheet sheet = workbook.createSheet(view.view().title());
                Row header = sheet.createRow(0);
                text(header, 0, "Run " + bundle.run().id() + " as of " + bundle.run().inputs().asOf() + ", " + bundle.run().inputs().policyCode()
                        + " v" + bundle.run().inputs().policyVersion() + ", fingerprint " + bundle.run().fingerprint(), null);
                int next = 1;
                if (!view.note().isEmpty()) {
                    text(sheet.createRow(next++), 0, view.note(), null);
                }
                Row titles = sheet.createRow(next++);
                String[] names = {view.view().title(), "Label", "Loans", "Balance", "NPL balance", "Specific provision", "ECL", "Larger"};
                for (int c = 0; c < names.length; c++) {
                    text(titles, c, names[c], styles.bold);
                }
                for (ReportRow data : view.rows()) {
                    Row row = sheet.createRow(next++);
                    text(row, 0, data.key(), null);
                    text(row, 1, data.label(), null);
                    number(row, 2, data.loanCount(), styles.count);
                    number(row, 3, data.balance().doubleValue(), styles.amount);
                    number(row, 4, data.nplBalance().doubleValue(), styles.amount);
                    number(row, 5, data.provision().doubleValue(), styles.amount);
                    number(row, 6, data.ecl().doubleValue(), styles.amount);
                    text(row, 7, data.larger().name(), null);
                }
                for (int c = 0; c < names.length; c++) {
                    sheet.setColumnWidth(c, (c < 2 ? 28 : 18) * 256);
                }
            }
            new LinesSheets(workbook, styles, bundle).write(lines);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the workbook failed", e);
        } finally {
            workbook.dispose(); // its temporary files
            try {
                workbook.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** The "Lines 明细" sheet(s): a head row naming the run, the column titles, then one row per loan. */
    private static final class LinesSheets {
        private final Workbook workbook;
        private final Styles styles;
        private final ReportBundle bundle;
        private final String currency;
        private Sheet sheet;
        private int next;
        private int sheets;

        LinesSheets(Workbook workbook, Styles styles, ReportBundle bundle) {
            this.workbook = workbook;
            this.styles = styles;
            this.bundle = bundle;
            this.currency = bundle.run().inputs().currencyCode();
        }

        void write(Consumer<Consumer<ProvisionLine>> lines) {
            newSheet();
            lines.accept(this::add);
        }

        private void add(ProvisionLine line) {
            if (next - 2 >= MAX_LINE_ROWS) {
                newSheet();
            }
            Row row = sheet.createRow(next++);
            Object[] values = LineColumns.values(line, currency);
            for (int c = 0; c < values.length; c++) {
                Object value = values[c];
                switch (LineColumns.COLUMNS.get(c).kind()) {
                    case TEXT -> text(row, c, String.valueOf(value), null);
                    case COUNT -> number(row, c, ((Number) value).doubleValue(), styles.count);
                    case AMOUNT -> number(row, c, ((java.math.BigDecimal) value).doubleValue(), styles.amount);
                    case FRACTION -> number(row, c, ((java.math.BigDecimal) value).doubleValue(), styles.fraction);
                }
            }
        }

        private void newSheet() {
            sheets++;
            sheet = workbook.createSheet(sheets == 1 ? LINES_SHEET : LINES_SHEET + " (" + sheets + ")");
            text(sheet.createRow(0), 0, "Run " + bundle.run().id() + " as of " + bundle.run().inputs().asOf() + ", "
                    + bundle.run().inputs().policyCode() + " v" + bundle.run().inputs().policyVersion() + ", fingerprint "
                    + bundle.run().fingerprint() + ", amounts in " + currency, null);
            Row titles = sheet.createRow(1);
            for (int c = 0; c < LineColumns.COLUMNS.size(); c++) {
                text(titles, c, LineColumns.COLUMNS.get(c).title(), styles.bold);
                sheet.setColumnWidth(c, 20 * 256);
            }
            next = 2;
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** Excel stores numbers as doubles; amounts to the fen up to 15 significant digits are exact there. */
    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle bold;
        final CellStyle amount;
        final CellStyle ratio;
        final CellStyle count;
        final CellStyle fraction;

        Styles(Workbook workbook) {
            Font font = workbook.createFont();
            font.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(font);
            amount = workbook.createCellStyle();
            amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            ratio = workbook.createCellStyle();
            ratio.setDataFormat(workbook.createDataFormat().getFormat("0.00%"));
            count = workbook.createCellStyle();
            count.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
            // Rates, PD and LGD to the digits the run stored (up to 8 decimals), not rounded for display.
            fraction = workbook.createCellStyle();
            fraction.setDataFormat(workbook.createDataFormat().getFormat("0.00######"));
        }
    }
}
