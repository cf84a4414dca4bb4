package bankrisk.provision.returns;

import java.math.BigDecimal;
import java.util.List;

import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.run.SnapshotHeader;

/** A G13 return: the ten largest borrowers of each non-Normal category at the period end, and its checks. */
public record G13(SnapshotHeader snapshot, long runId, List<Section> sections, List<FormCheck> checks) {

    /** Borrowers per category the form lists. */
    public static final int TOP = 10;

    public record Section(LoanCategory category, Cell total, List<Borrower> borrowers) {
    }

    /** A borrower's loans of one category summed; {@code name} empty when no register knows the customer. */
    public record Borrower(int rank, String customerNumber, String name, Cell loans, BigDecimal share, int daysPastDue) {
    }
}
