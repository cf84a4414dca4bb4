package bankrisk.loanrisk.event;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One event as a caller sends it, each field already read and checked on its own (the adapter's job). The
 * kind-specific fields are null unless the kind has them; {@code observationEnd} is never sent, the load derives it.
 */
public record EventRow(String eventId, String loanId, EventKind kind, LocalDate effectiveDate, String currency,
        BigDecimal amount, String approvalReference, BigDecimal price, String counterparty, BigDecimal assetValue,
        String assetDescription, Boolean forFinancialDifficulty, LocalDate firstRepaymentDate,
        Integer repaymentPeriodMonths) {

    /** The end of the observation period when this restructuring makes the loan a restructured asset, else null. */
    public LocalDate observationEnd() {
        return Boolean.TRUE.equals(forFinancialDifficulty) && firstRepaymentDate != null && repaymentPeriodMonths != null
                ? ObservationPeriod.end(firstRepaymentDate, repaymentPeriodMonths)
                : null;
    }
}
