package bankrisk.provision.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The Excel download: an "Inputs" sheet (inputs, totals, ratios) and one sheet per view. Amounts are numeric cells
 * formatted {@code #,##0.00}, ratios numeric cells formatted {@code 0.00%}, so finance can sum and chart them; each
 * view sheet repeats the run id, as-of date, policy and fingerprint in its first row.
 */
public final class ReportXlsx {

    private ReportXlsx() {
    }

    public static byte[] report(ReportBundle bundle) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
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
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the workbook failed", e);
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

        Styles(XSSFWorkbook workbook) {
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
        }
    }
}
