package bankrisk.loanrisk.grading;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.loan.LoanService;

/**
 * Grades one loan with the Java interpreter over its borrower's book (the debtor-level rules need the borrower's
 * other loans, never the rest of the book). One statement reads all it needs ({@link BookReader#borrowerBook}).
 */
@ApplicationScoped
public class LoanGrading {

    /** A grade with its context; {@code snapshotId} is set when the grade was read from a stored snapshot. */
    public record Explained(Grade grade, LocalDate asOf, LocalDate factsAsOf, String ruleSetVersion, UUID snapshotId) {
    }

    private final BookReader book;
    private final LoanRiskConfig config;

    @Inject
    LoanGrading(BookReader book, LoanRiskConfig config) {
        this.book = book;
        this.config = config;
    }

    /**
     * The grade of a loan on {@code asOf}: the stored one when a snapshot of that date holds the loan (floors are
     * explained from the facts), otherwise computed now.
     */
    public Explained explain(String loanId, LocalDate asOf) {
        BorrowerBook inputs = read(loanId, asOf);
        Explained computed = compute(inputs, loanId, asOf, false);
        BorrowerBook.Stored row = inputs.stored();
        if (row == null) {
            return computed;
        }
        Grade g = computed.grade();
        Grade fromSnapshot = new Grade(loanId, row.category(), row.ruleFloor(), g.regulatoryFloor(), row.reasonCodes(), g.floors());
        return new Explained(fromSnapshot, asOf, computed.factsAsOf(), row.ruleSetVersion(), row.snapshotId());
    }

    /**
     * The grade the regulation sets on {@code asOf} without this loan's own override: what an override may not be
     * better than.
     */
    public Grade regulatoryGrade(String loanId, LocalDate asOf) {
        return compute(read(loanId, asOf), loanId, asOf, true).grade();
    }

    /** The inputs, failing as a lookup of the loan and then of the rule set in force would. */
    private BorrowerBook read(String loanId, LocalDate asOf) {
        BorrowerBook inputs = book.borrowerBook(loanId, asOf, config.jurisdiction())
                .orElseThrow(() -> LoanService.notFound(loanId));
        if (inputs.ruleSet() == null) {
            throw RuleSets.noneInForce(config.jurisdiction(), asOf);
        }
        return inputs;
    }

    private static Explained compute(BorrowerBook inputs, String loanId, LocalDate asOf, boolean withoutOwnOverride) {
        LoanFacts facts = inputs.facts().stream().filter(f -> f.loanId().equals(loanId)).findFirst()
                .orElseThrow(() -> new FailedPreconditionException("NO_FACTS",
                        "loan '" + loanId + "' has no facts with an outstanding balance on or before " + asOf));
        Map<String, Category> overrides = inputs.approvedOverrides();
        if (withoutOwnOverride) {
            overrides = new HashMap<>(overrides);
            overrides.remove(loanId);
        }
        RuleSet ruleSet = inputs.ruleSet();
        Grade grade = Grader.grade(ruleSet, asOf, inputs.facts(), inputs.previousGrades(), overrides).get(loanId);
        return new Explained(grade, asOf, facts.asOf(), ruleSet.version(), null);
    }
}
