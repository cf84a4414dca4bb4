package bankrisk.provision.report;

import java.util.List;

/** RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF line ends. */
final class CsvWriter {

    private final StringBuilder out = new StringBuilder();

    CsvWriter row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String text = fields[i] == null ? "" : fields[i] instanceof java.math.BigDecimal d ? d.toPlainString() : fields[i].toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        out.append("\r\n");
        return this;
    }

    CsvWriter rows(List<String[]> rows) {
        rows.forEach(r -> row((Object[]) r));
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
