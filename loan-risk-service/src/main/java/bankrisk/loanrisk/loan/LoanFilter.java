package bankrisk.loanrisk.loan;

import java.util.UUID;

/**
 * What ListLoans filters by; a null field matches every loan. {@code snapshotId} and {@code categoryRank} (1 = Normal ..
 * 5 = Loss, as stored in snapshots) go together: loans graded that category in that snapshot. {@code writtenOff}: loans
 * with (true) or without (false) a booked write-off.
 */
public record LoanFilter(UUID snapshotId, Integer categoryRank, Product product, String branchCode, String borrower,
        String currency, Boolean writtenOff) {
}
