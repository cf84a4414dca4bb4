package bankrisk.provision.report.returns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A return as a workbook, one sheet named after the form: counts, amounts and ratios are numeric cells (formats
 * {@code 0}, {@code #,##0.00} for yuan and 萬元, {@code 0.00000000} for ratios) so a filer can sum and check them;
 * labels are text. A return is a few hundred cells: an ordinary (not streaming) workbook.
 */
public final class ReturnXlsx {

    private ReturnXlsx() {
    }

    public static byte[] write(ReturnDocument document) {
        try (Workbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet(document.form());
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle count = style(workbook, "0");
            CellStyle amount = style(workbook, "#,##0.00");
            CellStyle ratio = style(workbook, "0.00000000");
            int r = 0;
            text(sheet.createRow(r++), 0, document.title(), bold);
            for (String[] field : document.header()) {
                Row row = sheet.createRow(r++);
                text(row, 0, field[0], bold);
                text(row, 1, field[1], null);
            }
            int widest = 2;
            for (ReturnDocument.Table table : document.tables()) {
                r++;
                text(sheet.createRow(r++), 0, table.title(), bold);
                Row titles = sheet.createRow(r++);
                List<ReturnDocument.Column> columns = table.columns();
                widest = Math.max(widest, columns.size());
                for (int c = 0; c < columns.size(); c++) {
                    text(titles, c, columns.get(c).label(), bold);
                }
                for (List<Object> values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object value = values.get(c);
                        if (value instanceof Long n) {
                            Cell cell = row.createCell(c);
                            cell.setCellValue(n);
                            cell.setCellStyle(count);
                        } else if (value instanceof BigDecimal d) {
                            Cell cell = row.createCell(c);
                            cell.setCellValue(d.doubleValue());
                            cell.setCellStyle(columns.get(c).kind() == ReturnDocument.Kind.RATIO ? ratio : amount);
                        } else if (value != null) {
                            text(row, c, value.toString(), null);
                        }
                    }
                }
            }
            r++;
            for (String note : document.notes()) {
                text(sheet.createRow(r++), 0, note, null);
            }
            sheet.setColumnWidth(0, 34 * 256);
            for (int c = 1; c < widest; c++) {
                sheet.setColumnWidth(c, 18 * 256);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the workbook failed", e);
        }
    }

    private static CellStyle style(Workbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }
}
