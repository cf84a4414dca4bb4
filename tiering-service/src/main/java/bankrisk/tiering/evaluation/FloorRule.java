package bankrisk.tiering.evaluation;

import java.time.YearMonth;

import bankrisk.tiering.scheme.TierScheme;

/**
 * Manual tier floors (特批, V13) as SQL, their one home: the month-end run ({@link EvaluationSql#insertEvaluations})
 * and the projection's list of risks both read the floors of a month from {@link #floors}, so the list says exactly
 * what the evaluation will do. The evaluation assigns the better of the computed tier (average and grace) and the
 * floor; a customer whose floor is at least the tier held therefore keeps it, whatever the average.
 */
public final class FloorRule {

    private FloorRule() {
    }

    /**
     * (customer_number, floor_rank): the approved floors whose months include {@code month}, mapped into
     * {@code scheme} by code (a tier the scheme lacks lifts nobody), the highest of several per customer.
     */
    public static String floors(YearMonth month, TierScheme scheme) {
        return """
                SELECT f.customer_number, max(t.rank) AS floor_rank
                FROM tier_floor f
                JOIN tier_scheme_tier t ON t.scheme_version = %d AND t.code = f.tier_code
                WHERE f.status = 'APPROVED' AND DATE '%s' BETWEEN f.first_month AND f.last_month
                GROUP BY f.customer_number""".formatted(scheme.version(), month.atDay(1));
    }
}
