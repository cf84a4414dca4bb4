package bankrisk.loanrisk.snapshot;

/** A loan's row in a snapshot as streamed: the grade, the loan's own currency and its flows of the period. */
public record StreamedGrade(GradedLoan grade, String currency, PeriodFlows flows) {
}
