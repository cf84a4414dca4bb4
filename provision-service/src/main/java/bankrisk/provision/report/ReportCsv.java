package bankrisk.provision.report;

import bankrisk.platform.csv.CsvWriter;
import bankrisk.provision.journal.Journal;
import bankrisk.provision.journal.JournalEntry;
import bankrisk.provision.journal.Posting;
import bankrisk.provision.movement.Movement;
import bankrisk.provision.movement.MovementLine;
import bankrisk.provision.run.ProvisionLine;

/** CSV downloads: the run's inputs first, then the data, so a file on its own says what it was computed from. */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String report(ReportBundle bundle) {
        CsvWriter csv = new CsvWriter();
        csv.row("section", "Inputs").rows(bundle.inputs()).row();
        csv.row("section", "Totals and ratios");
        bundle.figures().forEach(f -> csv.row(f.label(), f.value(), f.flag()));
        for (Report view : bundle.views()) {
            csv.row().row("section", "By " + view.view().title());
            if (!view.note().isEmpty()) {
                csv.row("note", view.note());
            }
            csv.row("key", "label", "loans", "balance", "npl_balance", "specific_provision", "ecl", "larger");
            view.rows().forEach(r -> csv.row(r.key(), r.label(), r.loanCount(), r.balance(), r.nplBalance(), r.provision(), r.ecl(), r.larger()));
        }
        return csv.toString();
    }

    public static String journal(Journal journal, ReportBundle bundle) {
        CsvWriter csv = new CsvWriter();
        csv.row("section", "Inputs").rows(bundle.inputs());
        csv.row("Previous run id", journal.previous() == null ? "none (opening allowance 0)" : journal.previous().id()).row();
        csv.row("entry_id", "branch_code", "kind", "description", "account_code", "account_name", "debit", "credit", "currency");
        for (JournalEntry entry : journal.entries()) {
            for (Posting p : entry.postings()) {
                csv.row(entry.entryId(), entry.branchCode(), entry.kind(), entry.description(), p.accountCode(), p.accountName(), p.debit(),
                        p.credit(), journal.run().inputs().currencyCode());
            }
        }
        csv.row("TOTAL", "", "", "", "", "", journal.totalDebit(), journal.totalCredit(), journal.run().inputs().currencyCode());
        return csv.toString();
    }

    /**
     * The head of lines.csv: the run's inputs, a blank line and the column titles; the lines follow, one
     * {@link #line} each, streamed.
     */
    public static String linesHead(ReportBundle bundle) {
        return new CsvWriter().row("section", "Inputs").rows(bundle.inputs()).row().row(LineColumns.titles()).toString();
    }

    /** One line of lines.csv. */
    public static String line(ProvisionLine line, String currency) {
        return CsvWriter.line(LineColumns.values(line, currency));
    }

    public static String movement(Movement movement) {
        CsvWriter csv = new CsvWriter();
        csv.row("from_run_id", movement.from().id(), "as_of", movement.from().inputs().asOf(), "fingerprint", movement.from().fingerprint());
        csv.row("to_run_id", movement.to().id(), "as_of", movement.to().inputs().asOf(), "fingerprint", movement.to().fingerprint());
        csv.row("row", "opening", "charges", "releases", "write_offs", "derecognition_losses", "recoveries", "closing");
        for (MovementLine line : movement.lines()) {
            csv.row(line.category() == null ? line.kind() : line.category(), line.opening(), line.charges(), line.releases(),
                    line.writeOffs(), line.derecognitionLosses(), line.recoveries(), line.closing());
        }
        return csv.toString();
    }
}
