package bankrisk.loanrisk.event;

import java.time.LocalDate;

/**
 * The observation period of a restructured asset (重組資產, restructured because the debtor is in financial
 * difficulty), 2023 Measures on restructured assets (shared domain notes, section 2): it starts at the first repayment
 * date after the change and covers at least two consecutive repayment periods and at least one year. Derived here,
 * never typed in by the caller. Its early end (difficulty solved, paid on time) and restarts (a missed payment) are
 * judged on the facts, not here.
 */
public final class ObservationPeriod {

    /** "At least two consecutive repayment periods". */
    static final int MIN_PERIODS = 2;
    /** "At least one year". */
    static final int MIN_MONTHS = 12;

    private ObservationPeriod() {
    }

    /** The last day of the period: whichever of two repayment periods and one year from the first repayment ends later. */
    public static LocalDate end(LocalDate firstRepaymentDate, int repaymentPeriodMonths) {
        LocalDate twoPeriods = firstRepaymentDate.plusMonths((long) MIN_PERIODS * repaymentPeriodMonths);
        LocalDate oneYear = firstRepaymentDate.plusMonths(MIN_MONTHS);
        return twoPeriods.isAfter(oneYear) ? twoPeriods : oneYear;
    }
}
