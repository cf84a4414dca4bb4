package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;

/**
 * A loan's row in a snapshot as streamed: the grade (amounts in the reporting currency), the loan's own currency, its
 * balance in that currency, the rate the snapshot converted at (reporting units per unit) and its flows of the
 * period in the loan's currency.
 */
public record StreamedGrade(GradedLoan grade, String currency, BigDecimal originalBalance, BigDecimal fxRate, PeriodFlows flows) {
}
