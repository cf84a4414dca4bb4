package bankrisk.loanrisk.grading;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What grading one loan reads, in one statement ({@link BookReader#borrowerBook}): the rule set in force (null when
 * none), the borrower's latest facts with their previous snapshot grades and approved overrides, and the loan's row
 * in the snapshot of the date asked about (null when no snapshot of that date holds it).
 */
public record BorrowerBook(RuleSet ruleSet, List<LoanFacts> facts, Map<String, Category> previousGrades,
        Map<String, Category> approvedOverrides, Stored stored) {

    /** The loan's grade as a snapshot stored it; snapshots never change. */
    public record Stored(UUID snapshotId, String ruleSetVersion, Category category, Category ruleFloor, List<String> reasonCodes) {
    }
}
