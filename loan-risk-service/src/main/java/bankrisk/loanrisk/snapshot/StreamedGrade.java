package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;

import bankrisk.loanrisk.loan.ContractTerms;

/**
 * A loan's row in a snapshot as streamed: the grade (amounts in the reporting currency), the loan's own currency, its
 * balance in that currency, the rate the snapshot converted at (reporting units per unit), its contract terms when
 * graded and its flows of the period in the loan's currency.
 */
public record StreamedGrade(GradedLoan grade, String currency, BigDecimal originalBalance, BigDecimal fxRate, ContractTerms terms,
        PeriodFlows flows) {
}
