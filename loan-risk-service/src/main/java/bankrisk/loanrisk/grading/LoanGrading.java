package bankrisk.loanrisk.grading;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.LoanService;
import bankrisk.loanrisk.snapshot.GradedLoan;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.loanrisk.snapshot.Snapshots;

/** Grades one loan with the Java interpreter, reading the borrower's whole book for the debtor-level rules. */
@ApplicationScoped
public class LoanGrading {

    /** A grade with its context; {@code snapshotId} is set when the grade was read from a stored snapshot. */
    public record Explained(Grade grade, LocalDate asOf, LocalDate factsAsOf, String ruleSetVersion, UUID snapshotId) {
    }

    private final LoanService loans;
    private final RuleSets ruleSets;
    private final BookReader book;
    private final Snapshots snapshots;

    @Inject
    LoanGrading(LoanService loans, RuleSets ruleSets, BookReader book, Snapshots snapshots) {
        this.loans = loans;
        this.ruleSets = ruleSets;
        this.book = book;
        this.snapshots = snapshots;
    }

    /**
     * The grade of a loan on {@code asOf}: the stored one when a snapshot of that date holds the loan (floors are
     * explained from the facts), otherwise computed now.
     */
    public Explained explain(String loanId, LocalDate asOf) {
        Explained computed = compute(loanId, asOf, false);
        Optional<SnapshotHeader> snapshot = snapshots.findByAsOf(asOf);
        if (snapshot.isPresent()) {
            Optional<GradedLoan> stored = snapshots.grade(snapshot.get().snapshotId(), loanId);
            if (stored.isPresent()) {
                GradedLoan row = stored.get();
                Grade g = computed.grade();
                Grade fromSnapshot = new Grade(loanId, row.category(), row.ruleFloor(), g.regulatoryFloor(), row.reasonCodes(),
                        g.floors());
                return new Explained(fromSnapshot, asOf, computed.factsAsOf(), snapshot.get().ruleSetVersion(),
                        snapshot.get().snapshotId());
            }
        }
        return computed;
    }

    /**
     * The grade the regulation sets on {@code asOf} without this loan's own override: what an override may not be
     * better than.
     */
    public Grade regulatoryGrade(String loanId, LocalDate asOf) {
        return compute(loanId, asOf, true).grade();
    }

    private Explained compute(String loanId, LocalDate asOf, boolean withoutOwnOverride) {
        Loan loan = loans.get(loanId);
        RuleSet ruleSet = ruleSets.inForce(asOf);
        List<LoanFacts> borrowerBook = book.factsOn(asOf, loan.borrowerCustomerNumber);
        LoanFacts facts = borrowerBook.stream().filter(f -> f.loanId().equals(loanId)).findFirst()
                .orElseThrow(() -> new FailedPreconditionException("NO_FACTS",
                        "loan '" + loanId + "' has no facts with an outstanding balance on or before " + asOf));
        // The debtor-level rules need the borrower's other loans, never the rest of the book.
        List<String> borrowerLoans = borrowerBook.stream().map(LoanFacts::loanId).toList();
        Map<String, Category> previous = book.snapshotGrades(
                snapshots.latestBefore(asOf).map(SnapshotHeader::snapshotId).orElse(null), borrowerLoans);
        Map<String, Category> overrides = book.approvedOverrides(asOf, borrowerLoans);
        if (withoutOwnOverride) {
            overrides.remove(loanId);
        }
        Grade grade = Grader.grade(ruleSet, asOf, borrowerBook, previous, overrides).get(loanId);
        return new Explained(grade, asOf, facts.asOf(), ruleSet.version(), null);
    }
}
