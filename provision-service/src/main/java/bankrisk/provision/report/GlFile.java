package bankrisk.provision.report;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import bankrisk.common.money.Amounts;
import bankrisk.platform.csv.CsvWriter;
import bankrisk.provision.close.JournalPosting;
import bankrisk.provision.close.PostingLine;

/**
 * The general-ledger interface file of one posting, the CSV a core ledger imports: a header row, then one row per
 * posting line — posting id, date, branch, account code, currency, debit, credit, description — in the posting's
 * line order. Nothing else (no inputs block, no total row), so an import reads every row after the header as a line.
 *
 * <p>A ledger refuses an import whose branch does not balance, so the file is checked before it is written: debits
 * equal credits per branch and currency, and the file's totals equal the posting's. A file that fails is a defect,
 * never sent.
 */
public final class GlFile {

    public static final String[] HEADER = {"posting_id", "date", "branch", "account_code", "currency", "debit", "credit", "description"};

    private GlFile() {
    }

    public static String csv(JournalPosting posting) {
        checkBalanced(posting);
        CsvWriter csv = new CsvWriter();
        csv.row((Object[]) HEADER);
        for (PostingLine line : posting.lines()) {
            csv.row(posting.id(), posting.postingDate(), line.branchCode(), line.accountCode(), posting.currencyCode(), line.debit(),
                    line.credit(), line.description() + " (" + line.entryId() + ", run " + posting.runId() + ")");
        }
        return csv.toString();
    }

    /** Debits = credits per branch and currency, and the lines add up to the posting's totals. */
    static void checkBalanced(JournalPosting posting) {
        Map<String, BigDecimal> netByBranch = new TreeMap<>();
        BigDecimal debits = Amounts.ZERO;
        BigDecimal credits = Amounts.ZERO;
        for (PostingLine line : posting.lines()) {
            netByBranch.merge(line.branchCode() + " " + posting.currencyCode(), line.debit().subtract(line.credit()), BigDecimal::add);
            debits = debits.add(line.debit());
            credits = credits.add(line.credit());
        }
        netByBranch.forEach((branch, net) -> {
            if (net.signum() != 0) {
                throw new IllegalStateException("posting " + posting.id() + ": branch " + branch + " does not balance (debits − credits = "
                        + net.toPlainString() + ")");
            }
        });
        if (debits.compareTo(posting.totalDebit()) != 0 || credits.compareTo(posting.totalCredit()) != 0) {
            throw new IllegalStateException("posting " + posting.id() + ": lines add up to " + debits.toPlainString() + " / "
                    + credits.toPlainString() + ", the posting says " + posting.totalDebit().toPlainString() + " / "
                    + posting.totalCredit().toPlainString());
        }
    }
}
