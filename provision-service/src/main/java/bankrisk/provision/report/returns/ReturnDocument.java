package bankrisk.provision.report.returns;

import java.util.List;

/**
 * A return laid out for people, in one language: a title, header fields, tables and notes. The CSV, XLSX and PDF
 * renderers draw the same document, so the three files always agree. A cell is text, a {@code Long} (count) or a
 * {@code BigDecimal} (amount or ratio, formatted by its column's kind); a not-applicable ratio is the label text.
 */
public record ReturnDocument(String form, String title, List<String[]> header, List<Table> tables, List<String> notes) {

    public enum Kind {
        TEXT, COUNT, YUAN, WAN, RATIO
    }

    public record Column(String label, Kind kind) {
    }

    public record Table(String title, List<Column> columns, List<List<Object>> rows) {
    }
}
