package bankrisk.common.csv;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF line ends. Text that a spreadsheet
 * would run as a formula is defused as OWASP's "CSV Injection" page recommends
 * (https://owasp.org/www-community/attacks/CSV_Injection): a cell starting with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or carriage return gets a leading single quote and is quoted, so Excel, LibreOffice and WPS show it
 * as text (the one home of that escaping: every CSV download of every service writes through it). Numbers stay numbers: amounts are written as plain decimals ({@code -1234.50}, never escaped), and text
 * that is a plain decimal number is left alone too, as a spreadsheet reads it as a number, not a formula.
 */
public final class CsvWriter {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final StringBuilder out = new StringBuilder();

    public CsvWriter row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(fields[i]));
        }
        out.append("\r\n");
        return this;
    }

    public CsvWriter rows(List<String[]> rows) {
        rows.forEach(r -> row((Object[]) r));
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** One field as written. */
    public static String cell(Object field) {
        if (field == null) {
            return "";
        }
        if (field instanceof BigDecimal amount) {
            return amount.toPlainString();
        }
        if (field instanceof Number || field instanceof Boolean) {
            return field.toString();
        }
        String text = field.toString();
        boolean formula = startsAsFormula(text) && !PLAIN_NUMBER.matcher(text).matches();
        if (formula) {
            text = "'" + text;
        }
        if (formula || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static boolean startsAsFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
