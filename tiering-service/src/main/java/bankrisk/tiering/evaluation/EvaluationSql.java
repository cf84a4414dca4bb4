package bankrisk.tiering.evaluation;

import java.time.LocalDate;
import java.time.YearMonth;

import bankrisk.tiering.scheme.TierScheme;
import bankrisk.tiering.scheme.ValueClassScheme;

/**
 * The month-end rule as set-based SQL: the twin of {@link bankrisk.tiering.average.MonthlyAverage},
 * {@link Standing#next} and {@link ValueClassScheme#classOf} (a test proves they agree).
 *
 * <p>Balances become segments: each account's last row before the month (valid from the 1st) and every row of the
 * month, each valid until the account's next row or the month end. A base-currency segment contributes balance ×
 * weight × its days; a foreign one is expanded day by day (generate_series) and converted at that day's rate. The
 * sum is divided by the days of the month and rounded once, half-up, to 0.01 ({@code round} of a non-negative
 * numeric). Statements are built from typed values only (dates, integers, a currency checked against [A-Z]{3}), so
 * they can be printed and run bare in psql for comparison.
 */
final class EvaluationSql {

    private EvaluationSql() {
    }

    /** Segments of the month, with the asset weights of the scheme. */
    static String segments(YearMonth month, TierScheme scheme) {
        return segments(month, scheme, "");
    }

    /** Segments of the accounts {@code accountScope} admits (an SQL condition on {@code account_id}, or empty). */
    private static String segments(YearMonth month, TierScheme scheme, String accountScope) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        return """
                segments AS (
                    SELECT p.account_id, p.customer_number, p.asset_type, p.currency, p.balance, p.valid_from,
                           coalesce(w.weight, 1) AS weight,
                           coalesce(lead(p.valid_from) OVER (PARTITION BY p.account_id ORDER BY p.valid_from, p.ord),
                                    DATE '%2$s' + 1) AS valid_to
                    FROM ((SELECT DISTINCT ON (account_id) account_id, customer_number, asset_type, currency, balance,
                                  DATE '%1$s' AS valid_from, 0 AS ord
                           FROM balance
                           WHERE balance_date < DATE '%1$s'%4$s
                           ORDER BY account_id, balance_date DESC)
                          UNION ALL
                          (SELECT account_id, customer_number, asset_type, currency, balance, balance_date, 1
                           FROM balance
                           WHERE balance_date BETWEEN DATE '%1$s' AND DATE '%2$s'%4$s)) p
                    LEFT JOIN tier_scheme_weight w ON w.scheme_version = %3$d AND w.asset_type = p.asset_type
                )""".formatted(first, last, scheme.version(), accountScope);
    }

    /**
     * The first (currency, day) that needs a rate and has none; no row when every rate is there. Only accounts with
     * a foreign-currency row are segmented (segments never cross accounts), so a book that is mostly in the base
     * currency is not sorted twice.
     */
    static String firstMissingRate(YearMonth month, TierScheme scheme) {
        String foreignAccounts = """
                foreign_accounts AS MATERIALIZED (
                    SELECT DISTINCT account_id FROM balance WHERE currency <> '%s' AND balance_date <= DATE '%s'
                )""".formatted(scheme.baseCurrency(), month.atEndOfMonth());
        return """
                WITH %3$s,
                %1$s,
                needed AS MATERIALIZED (
                    SELECT DISTINCT s.currency, d.day::date AS day
                    FROM segments s
                    CROSS JOIN LATERAL generate_series(s.valid_from, s.valid_to - 1, interval '1 day') d(day)
                    WHERE s.currency <> '%2$s' AND s.balance <> 0
                )
                SELECT n.currency, n.day
                FROM needed n
                LEFT JOIN fx_rate r ON r.currency = n.currency AND r.base_currency = '%2$s' AND r.rate_date = n.day
                WHERE r.rate IS NULL
                ORDER BY 1, 2
                LIMIT 1""".formatted(segments(month, scheme, " AND account_id IN (SELECT account_id FROM foreign_accounts)"),
                scheme.baseCurrency(), foreignAccounts);
    }

    /** Every customer's monthly average (customer_number, average). */
    static String averages(YearMonth month, TierScheme scheme) {
        return """
                WITH %1$s,
                foreign_days AS MATERIALIZED (
                    -- Materialised so that the rates join on (currency, day) as a whole, not per currency first.
                    SELECT s.customer_number, s.currency, d.day::date AS day, s.balance * s.weight AS weighted
                    FROM segments s
                    CROSS JOIN LATERAL generate_series(s.valid_from, s.valid_to - 1, interval '1 day') d(day)
                    WHERE s.currency <> '%2$s' AND s.balance <> 0
                ),
                contributions AS (
                    SELECT customer_number, balance * weight * (valid_to - valid_from) AS amount
                    FROM segments
                    WHERE currency = '%2$s' OR balance = 0
                    UNION ALL
                    SELECT f.customer_number, f.weighted * r.rate
                    FROM foreign_days f
                    JOIN fx_rate r ON r.currency = f.currency AND r.base_currency = '%2$s' AND r.rate_date = f.day
                )
                SELECT customer_number, round(sum(amount) / %3$d, 2) AS average
                FROM contributions
                GROUP BY customer_number""".formatted(segments(month, scheme), scheme.baseCurrency(), month.lengthOfMonth());
    }

    /** Stores the month: averages, tiers with the downgrade grace, value classes. */
    static String insertEvaluations(YearMonth month, TierScheme scheme, ValueClassScheme classes) {
        return """
                INSERT INTO tier_evaluation (month, customer_number, average_balance, qualified_rank, tier_rank, tier_code,
                                             previous_tier_code, previous_tier_rank, grace_held, months_below,
                                             scheme_version, value_class)
                WITH averages AS (
                %1$s
                ),
                qualified AS (
                    SELECT a.customer_number, a.average,
                           coalesce((SELECT max(t.rank) FROM tier_scheme_tier t
                                     WHERE t.scheme_version = %3$d AND t.lower_bound <= a.average), 0) AS qualified_rank
                    FROM averages a
                ),
                previous AS (
                    -- The month before, its tier mapped into this scheme by code (a tier the scheme lost counts as none).
                    SELECT e.customer_number, e.tier_code, e.months_below, coalesce(t.rank, 0) AS tier_rank
                    FROM tier_evaluation e
                    LEFT JOIN tier_scheme_tier t ON t.scheme_version = %3$d AND t.code = e.tier_code
                    WHERE e.month = DATE '%4$s'
                ),
                standing AS (
                    SELECT q.customer_number, q.average, q.qualified_rank, p.tier_code AS previous_tier_code,
                           coalesce(p.tier_rank, 0) AS previous_tier_rank,
                           coalesce(q.qualified_rank < p.tier_rank AND p.months_below + 1 <= %5$d, false) AS held,
                           coalesce(p.months_below, 0) AS previous_months_below
                    FROM qualified q
                    LEFT JOIN previous p ON p.customer_number = q.customer_number
                ),
                ranked AS (
                    SELECT s.*,
                           CASE WHEN s.held THEN s.previous_tier_rank ELSE s.qualified_rank END AS tier_rank,
                           CASE WHEN s.held THEN s.previous_months_below + 1 ELSE 0 END AS months_below,
                           coalesce(sum(s.average) OVER (ORDER BY s.average DESC, s.customer_number COLLATE "C"
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS richer,
                           sum(s.average) OVER () AS total
                    FROM standing s
                )
                SELECT DATE '%2$s', r.customer_number, r.average, r.qualified_rank, r.tier_rank, t.code,
                       r.previous_tier_code, r.previous_tier_rank, r.held, r.months_below, %3$d,
                       coalesce((SELECT c.code FROM value_class c
                                 WHERE c.scheme_version = %6$d AND r.richer < c.cumulative_share * r.total
                                 ORDER BY c.rank LIMIT 1),
                                (SELECT c.code FROM value_class c WHERE c.scheme_version = %6$d
                                 ORDER BY c.rank DESC LIMIT 1))
                FROM ranked r
                LEFT JOIN tier_scheme_tier t ON t.scheme_version = %3$d AND t.rank = r.tier_rank""".formatted(
                averages(month, scheme), month.atDay(1), scheme.version(), month.minusMonths(1).atDay(1),
                scheme.downgradeGraceMonths(), classes.version());
    }
}
