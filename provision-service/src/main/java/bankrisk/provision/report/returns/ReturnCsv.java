package bankrisk.provision.report.returns;

import bankrisk.platform.csv.CsvWriter;

/** A return as CSV (UTF-8, CRLF): title, header fields, then each table with its title and column titles, then the notes. */
public final class ReturnCsv {

    private ReturnCsv() {
    }

    public static String write(ReturnDocument document) {
        CsvWriter csv = new CsvWriter();
        csv.row(document.title());
        document.header().forEach(field -> csv.row((Object[]) field));
        for (ReturnDocument.Table table : document.tables()) {
            csv.row();
            csv.row(table.title());
            csv.row(table.columns().stream().map(ReturnDocument.Column::label).toArray());
            table.rows().forEach(row -> csv.row(row.toArray()));
        }
        csv.row();
        document.notes().forEach(note -> csv.row(note));
        return csv.toString();
    }
}
