package bankrisk.loanrisk.grading;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The one home of how a booked {@code RESTRUCTURE} event feeds grading, used by the portfolio run (SQL) and by
 * {@link BookReader} (on-demand grading) alike.
 *
 * <p>Precedence: a facts row that carries a restructuring ({@code restructured_on} set) wins whole; only when it
 * carries none does the loan's latest booked RESTRUCTURE event effective on or before the grading date supply the
 * restructuring date, whether it was for financial difficulty and its observation end (derived when the event was
 * recorded: {@code event.ObservationPeriod}, at least two repayment periods and at least one year from the first
 * repayment date). Why the facts win: the observation period of the 2023 Measures ends early when the difficulty is
 * solved and restarts after a missed payment (shared/domain/rules.md §2); the core system's facts row knows that, the
 * event only knows the period as first derived.
 *
 * <p>Non-performing before the restructuring (the RESTRUCTURED_FROM_NON_PERFORMING floor), which the event does not
 * carry, is derived too: the loan's grade in the latest snapshot dated before the restructuring that graded it was
 * Substandard or worse; false when no snapshot graded it before.
 */
public final class Restructurings {

    private Restructurings() {
    }

    /**
     * A derived table (columns loan_id, restructured_on, for_financial_difficulty, observation_end,
     * non_performing_before) of each loan's latest booked RESTRUCTURE effective on or before the SQL date expression
     * {@code asOf}. Restructurings are rare, so the table is small whatever the book's size.
     */
    public static String latestEvents(String asOf) {
        return """
                (SELECT DISTINCT ON (e.loan_id) e.loan_id, e.effective_date AS restructured_on,
                        e.for_financial_difficulty, e.observation_end,
                        coalesce((SELECT sg.category >= 3 FROM snapshot s
                                  JOIN snapshot_grade sg ON sg.snapshot_id = s.snapshot_id AND sg.loan_id = e.loan_id
                                  WHERE s.as_of_date < e.effective_date ORDER BY s.as_of_date DESC LIMIT 1), false)
                            AS non_performing_before
                 FROM loan_event e
                 WHERE e.kind = 'RESTRUCTURE' AND e.status = 'BOOKED' AND e.effective_date <= %s
                 ORDER BY e.loan_id, e.effective_date DESC, e.event_id DESC)""".formatted(asOf);
    }

    /** The join condition of the precedence: the event {@code event} applies to the facts row {@code facts}. */
    public static String applies(String facts, String event) {
        return event + ".loan_id = " + facts + ".loan_id AND " + facts + ".restructured_on IS NULL";
    }

    /** The facts row's restructuring columns replaced by the event's: the SET list of an UPDATE of a book table. */
    public static String setFromEvent(String event) {
        return "restructured_on = " + event + ".restructured_on, restructured_for_financial_difficulty = " + event
                + ".for_financial_difficulty, observation_end = " + event + ".observation_end,"
                + " non_performing_before_restructuring = " + event + ".non_performing_before";
    }

    /** The event's columns of a row, named {@code rx_…}, for {@link #apply}. */
    public static String selectedAs(String event) {
        return event + ".restructured_on AS rx_restructured_on, " + event + ".for_financial_difficulty AS rx_financial_difficulty, "
                + event + ".observation_end AS rx_observation_end, " + event + ".non_performing_before AS rx_non_performing_before";
    }

    /** {@code f} with the event's restructuring when the row joined one ({@link #selectedAs}). */
    static LoanFacts apply(LoanFacts f, ResultSet rs) throws SQLException {
        LocalDate on = rs.getObject("rx_restructured_on", LocalDate.class);
        if (on == null) {
            return f;
        }
        return f.withRestructuring(on, rs.getBoolean("rx_financial_difficulty"), rs.getObject("rx_observation_end", LocalDate.class),
                rs.getBoolean("rx_non_performing_before"));
    }
}
