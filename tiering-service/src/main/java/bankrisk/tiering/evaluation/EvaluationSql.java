package bankrisk.tiering.evaluation;

import java.time.LocalDate;
import java.time.YearMonth;

import bankrisk.tiering.scheme.TierScheme;
import bankrisk.tiering.scheme.ValueClassScheme;

/**
 * The month-end rule: this SQL is the rule production runs (average, grace, floors, value classes). Its plain-Java
 * rendering ({@code MonthlyAverage}, {@code Standing}, {@code MonthEvaluation}) lives in test sources as the oracle
 * {@code EvaluationAgreementTest} checks it against; production has no second copy.
 *
 * <p>First one pass over the month's rows sums them per account ({@link #monthAccounts}). An account with a row every
 * day of the month in the base currency needs no carry-forward: it contributes its sum × weight. Only the other
 * accounts become segments ({@link #monthSegments}): each one's last row before the month (valid from the 1st) and
 * every row of the month, each valid until the account's next row or the month end. A base-currency segment
 * contributes balance × weight × its days; a foreign one is expanded day by day (generate_series) and converted at
 * that day's rate. The sum is divided by the days of the month and rounded once, half-up, to 0.01 ({@code round} of
 * a non-negative numeric). Both results are temporary tables dropped at commit. Statements are built from typed values
 * only (dates, integers, a currency checked against [A-Z]{3}), so they can be printed and run bare in psql for
 * comparison.
 */
final class EvaluationSql {

    /** Per account (and customer, asset type, currency, should they change within the month): rows and their sum. */
    static final String MONTH_ACCOUNT = "month_account";
    /** The segments of the accounts that need carry-forward or a daily FX rate. */
    static final String MONTH_SEGMENT = "month_segment";

    private EvaluationSql() {
    }

    /** Creates {@value #MONTH_ACCOUNT}: one hash aggregation over the month's rows, nothing sorted. */
    static String monthAccounts(YearMonth month) {
        return monthAccounts(month, month.atEndOfMonth(), null);
    }

    /**
     * {@value #MONTH_ACCOUNT} of the month's rows up to {@code through} (the projection's business date; the month
     * end for the evaluation), of every account or only of those listed in the temporary table {@code scope} (a
     * constant name, never input).
     */
    static String monthAccounts(YearMonth month, LocalDate through, String scope) {
        return """
                CREATE TEMP TABLE %s ON COMMIT DROP AS
                SELECT account_id, customer_number, asset_type, currency, count(*) AS days, sum(balance) AS total
                FROM balance
                WHERE balance_date BETWEEN DATE '%s' AND DATE '%s'%s
                GROUP BY account_id, customer_number, asset_type, currency""".formatted(MONTH_ACCOUNT, month.atDay(1),
                through, inScope(scope));
    }

    /**
     * Creates {@value #MONTH_SEGMENT}, with the asset weights of the scheme, for every account but those with a row
     * every day in the base currency (their opening row would be valid for no day). Reads {@value #MONTH_ACCOUNT}.
     */
    static String monthSegments(YearMonth month, TierScheme scheme) {
        return segments(month, month.atEndOfMonth(), scheme, null, month.lengthOfMonth());
    }

    /**
     * {@value #MONTH_SEGMENT} for the projection: from the rows up to {@code through}, of the accounts in {@code scope}
     * (or all), every account segmented (none skipped as complete, so each one's balance of {@code through} is known);
     * the last segment of an account runs to the month end, i.e. its balance of {@code through} is carried forward, as
     * a day without a row is. Reads the {@value #MONTH_ACCOUNT} made with the same arguments.
     */
    static String monthSegmentsSoFar(YearMonth month, LocalDate through, TierScheme scheme, String scope) {
        return segments(month, through, scheme, scope, month.lengthOfMonth() + 1);
    }

    /** Accounts with {@code completeDays} rows in the base currency need no segment (none when it exceeds the month). */
    private static String segments(YearMonth month, LocalDate through, TierScheme scheme, String scope, int completeDays) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        return """
                CREATE TEMP TABLE %5$s ON COMMIT DROP AS
                WITH complete AS (
                    SELECT account_id FROM %6$s WHERE days = %7$d AND currency = '%4$s'
                )
                SELECT p.account_id, p.customer_number, p.asset_type, p.currency, p.balance, p.valid_from,
                       coalesce(w.weight, 1) AS weight,
                       coalesce(lead(p.valid_from) OVER (PARTITION BY p.account_id ORDER BY p.valid_from, p.ord),
                                DATE '%2$s' + 1) AS valid_to
                FROM ((SELECT DISTINCT ON (account_id) account_id, customer_number, asset_type, currency, balance,
                              DATE '%1$s' AS valid_from, 0 AS ord
                       FROM balance b
                       WHERE balance_date < DATE '%1$s'%9$s
                         AND NOT EXISTS (SELECT 1 FROM complete c WHERE c.account_id = b.account_id)
                       ORDER BY account_id, balance_date DESC)
                      UNION ALL
                      (SELECT account_id, customer_number, asset_type, currency, balance, balance_date, 1
                       FROM balance
                       WHERE balance_date BETWEEN DATE '%1$s' AND DATE '%8$s'
                         AND account_id IN (SELECT account_id FROM %6$s
                                            WHERE days < %7$d OR currency <> '%4$s'))) p
                LEFT JOIN tier_scheme_weight w ON w.scheme_version = %3$d AND w.asset_type = p.asset_type"""
                .formatted(first, last, scheme.version(), scheme.baseCurrency(), MONTH_SEGMENT, MONTH_ACCOUNT,
                        completeDays, through, inScope(scope));
    }

    /** The first (currency, day) that needs a rate and has none; no row when every rate is there. */
    static String firstMissingRate(TierScheme scheme) {
        return firstMissingRate(scheme, null);
    }

    /** The same, for the days up to {@code through} only (null: every day of the segments). */
    static String firstMissingRate(TierScheme scheme, LocalDate through) {
        return """
                WITH needed AS MATERIALIZED (
                    SELECT DISTINCT s.currency, d.day::date AS day
                    FROM %2$s s
                    CROSS JOIN LATERAL generate_series(s.valid_from, %3$s, interval '1 day') d(day)
                    WHERE s.currency <> '%1$s' AND s.balance <> 0
                )
                SELECT n.currency, n.day
                FROM needed n
                LEFT JOIN fx_rate r ON r.currency = n.currency AND r.base_currency = '%1$s' AND r.rate_date = n.day
                WHERE r.rate IS NULL
                ORDER BY 1, 2
                LIMIT 1""".formatted(scheme.baseCurrency(), MONTH_SEGMENT, lastDay(through));
    }

    /** Every customer's monthly average (customer_number, average), from the two temporary tables. */
    static String averages(YearMonth month, TierScheme scheme) {
        return """
                WITH foreign_days AS MATERIALIZED (
                    -- Materialised so that the rates join on (currency, day) as a whole, not per currency first.
                    SELECT s.customer_number, s.currency, d.day::date AS day, s.balance * s.weight AS weighted
                    FROM %5$s s
                    CROSS JOIN LATERAL generate_series(s.valid_from, s.valid_to - 1, interval '1 day') d(day)
                    WHERE s.currency <> '%2$s' AND s.balance <> 0
                ),
                contributions AS (
                    SELECT a.customer_number, a.total * coalesce(w.weight, 1) AS amount
                    FROM %4$s a
                    LEFT JOIN tier_scheme_weight w ON w.scheme_version = %1$d AND w.asset_type = a.asset_type
                    WHERE a.days = %3$d AND a.currency = '%2$s'
                    UNION ALL
                    SELECT customer_number, balance * weight * (valid_to - valid_from)
                    FROM %5$s
                    WHERE currency = '%2$s' OR balance = 0
                    UNION ALL
                    SELECT f.customer_number, f.weighted * r.rate
                    FROM foreign_days f
                    JOIN fx_rate r ON r.currency = f.currency AND r.base_currency = '%2$s' AND r.rate_date = f.day
                )
                SELECT customer_number, %6$s AS average
                FROM contributions
                GROUP BY customer_number""".formatted(scheme.version(), scheme.baseCurrency(), month.lengthOfMonth(),
                MONTH_ACCOUNT, MONTH_SEGMENT, rounded("sum(amount)", month.lengthOfMonth()));
    }

    /**
     * The month's average as the evaluation rounds it: the sum ÷ the days of the month, rounded once, half-up, to the
     * fen (PostgreSQL's {@code round} of a non-negative numeric; Java's twin is {@code Amounts.divide}). The one SQL
     * home of that rounding: the evaluation and the projection's list both use it.
     */
    static String rounded(String sum, int daysInMonth) {
        return "round((" + sum + ") / " + daysInMonth + ", 2)";
    }

    /**
     * Per customer of {@value #MONTH_SEGMENT} (made with {@code through} before the month end): {@code so_far}, the
     * sum of the weighted end-of-day balances in the base currency of the days from the 1st to {@code through}, and
     * {@code today}, the balance of {@code through} — the evaluation's contributions, cut at that day. A foreign
     * balance counts at each day's rate; the rates of later days do not exist yet, so the projection carries
     * {@code today} forward in the base currency. Days without a rate must have been refused before
     * ({@link #firstMissingRate(TierScheme, LocalDate)}).
     */
    static String monthSoFar(LocalDate through, TierScheme scheme) {
        return """
                WITH foreign_days AS MATERIALIZED (
                    SELECT s.customer_number, s.currency, d.day::date AS day, s.balance * s.weight AS weighted
                    FROM %3$s s
                    CROSS JOIN LATERAL generate_series(s.valid_from, least(s.valid_to - 1, DATE '%1$s'),
                                                       interval '1 day') d(day)
                    WHERE s.currency <> '%2$s' AND s.balance <> 0
                ),
                contributions AS (
                    SELECT customer_number, balance * weight * (least(valid_to, DATE '%1$s' + 1) - valid_from) AS so_far,
                           CASE WHEN valid_to > DATE '%1$s' THEN balance * weight ELSE 0 END AS today
                    FROM %3$s
                    WHERE (currency = '%2$s' OR balance = 0) AND valid_from <= DATE '%1$s'
                    UNION ALL
                    SELECT f.customer_number, f.weighted * r.rate,
                           CASE WHEN f.day = DATE '%1$s' THEN f.weighted * r.rate ELSE 0 END
                    FROM foreign_days f
                    JOIN fx_rate r ON r.currency = f.currency AND r.base_currency = '%2$s' AND r.rate_date = f.day
                )
                SELECT customer_number, sum(so_far) AS so_far, sum(today) AS today
                FROM contributions
                GROUP BY customer_number""".formatted(through, scheme.baseCurrency(), MONTH_SEGMENT);
    }

    private static String inScope(String scope) {
        return scope == null ? "" : "\n  AND account_id IN (SELECT account_id FROM " + scope + ")";
    }

    private static String lastDay(LocalDate through) {
        return through == null ? "s.valid_to - 1" : "least(s.valid_to - 1, DATE '" + through + "')";
    }

    /** The partition of {@code tier_evaluation} that holds the month (V9; made by V10's functions). */
    static String partition(YearMonth month) {
        return "tier_evaluation_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
    }

    /** Stores the month into {@code table}: averages, tiers with the downgrade grace, value classes. */
    static String insertEvaluations(String table, YearMonth month, TierScheme scheme, ValueClassScheme classes) {
        return """
                INSERT INTO %7$s (month, customer_number, average_balance, qualified_rank, tier_rank, tier_code,
                                             previous_tier_code, previous_tier_rank, grace_held, months_below,
                                             scheme_version, value_class, tier_reason)
                WITH averages AS (
                %1$s
                ),
                bands AS (
                    -- Bounds rise strictly with the rank, so the highest tier reached is the one whose band holds it.
                    SELECT t.rank, t.lower_bound, lead(t.lower_bound) OVER (ORDER BY t.rank) AS next_bound
                    FROM tier_scheme_tier t
                    WHERE t.scheme_version = %3$d
                ),
                qualified AS MATERIALIZED (
                    -- Materialised: the rank is used five times below.
                    SELECT a.customer_number, a.average, coalesce(b.rank, 0) AS qualified_rank
                    FROM averages a
                    LEFT JOIN bands b ON a.average >= b.lower_bound AND (b.next_bound IS NULL OR a.average < b.next_bound)
                ),
                previous AS (
                    -- The month before, its tier mapped into this scheme by code (a tier the scheme lost counts as none),
                    -- with that tier's grace (its own, else the scheme's: V14).
                    SELECT e.customer_number, e.tier_code, e.months_below, coalesce(t.rank, 0) AS tier_rank,
                           %5$s AS grace_months
                    FROM tier_evaluation e
                    LEFT JOIN tier_scheme_tier t ON t.scheme_version = %3$d AND t.code = e.tier_code
                    WHERE e.month = DATE '%4$s'
                ),
                standing AS (
                    SELECT q.customer_number, q.average, q.qualified_rank, p.tier_code AS previous_tier_code,
                           coalesce(p.tier_rank, 0) AS previous_tier_rank,
                           coalesce(q.qualified_rank < p.tier_rank AND %8$s, false) AS held,
                           coalesce(p.months_below, 0) AS previous_months_below
                    FROM qualified q
                    LEFT JOIN previous p ON p.customer_number = q.customer_number
                ),
                floors AS (
                    -- Approved manual floors whose months include this one, mapped into this scheme by code (V13).
                %9$s
                ),
                ranked AS (
                    SELECT s.*,
                           CASE WHEN s.held THEN s.previous_tier_rank ELSE s.qualified_rank END AS computed_rank,
                           coalesce(f.floor_rank, 0) AS floor_rank,
                           CASE WHEN s.held THEN s.previous_months_below + 1 ELSE 0 END AS months_below,
                           coalesce(sum(s.average) OVER (ORDER BY s.average DESC, s.customer_number COLLATE "C"
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS richer,
                           sum(s.average) OVER () AS total
                    FROM standing s
                    LEFT JOIN floors f ON f.customer_number = s.customer_number
                ),
                floored AS (
                    -- The better of the computed tier and the floor; the grace counts months below the tier held,
                    -- floored months included, so a customer below its floor drops when the floor expires unless
                    -- the grace still holds it.
                    SELECT r.*, greatest(r.computed_rank, r.floor_rank) AS tier_rank,
                           CASE WHEN r.floor_rank > r.computed_rank THEN 'MANUAL_FLOOR'
                                WHEN r.held THEN 'GRACE' ELSE 'AVERAGE' END AS tier_reason
                    FROM ranked r
                )
                SELECT DATE '%2$s', r.customer_number, r.average, r.qualified_rank, r.tier_rank, t.code,
                       r.previous_tier_code, r.previous_tier_rank, r.held, r.months_below, %3$d,
                       coalesce((SELECT c.code FROM value_class c
                                 WHERE c.scheme_version = %6$d AND r.richer < c.cumulative_share * r.total
                                 ORDER BY c.rank LIMIT 1),
                                (SELECT c.code FROM value_class c WHERE c.scheme_version = %6$d
                                 ORDER BY c.rank DESC LIMIT 1)), r.tier_reason
                FROM floored r
                LEFT JOIN tier_scheme_tier t ON t.scheme_version = %3$d AND t.rank = r.tier_rank""".formatted(
                averages(month, scheme), month.atDay(1), scheme.version(), month.minusMonths(1).atDay(1),
                GraceRule.graceMonths("t", scheme), classes.version(), table,
                GraceRule.holds("p.months_below", "p.grace_months"), FloorRule.floors(month, scheme));
    }
}
