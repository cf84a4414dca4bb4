package bankrisk.tiering.evaluation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import bankrisk.common.error.ConcurrentChangeException;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.NotFoundException;
import bankrisk.platform.stream.Source;
import bankrisk.tiering.db.Jdbc;

/** The questions users ask about stored evaluations. Every month asked about must have been evaluated. */
@ApplicationScoped
public class TierQueries {

    public static final String RESOURCE = "evaluation";
    /** ABORTED reason of a month's stream when the month is evaluated again meanwhile. */
    public static final String MONTH_REEVALUATED = "MONTH_REEVALUATED";

    /** A customer's result of a month, with the names and the base currency of the scheme applied. */
    public record CustomerTier(String customerNumber, YearMonth month, BigDecimal average, String currency, String tierCode,
            String tierName, String qualifiedTierCode, String previousTierCode, boolean graceHeld, int monthsBelow,
            int schemeVersion, String valueClass, String tierReason) {
    }

    /** A page of a list and the size of the whole list. */
    public record Page<T>(List<T> items, long total) {
    }

    /** Customers and assets of one tier (code null for no tier). */
    public record Bucket(String tierCode, String tierName, long customers, BigDecimal totalAverage) {
    }

    public record Distribution(YearMonth month, int schemeVersion, String currency, List<Bucket> buckets, long customers,
            BigDecimal totalAverage) {
    }

    /**
     * A customer whose tier differs between two months; {@code upgrade} judged by the tiers' bounds; {@code sequence}
     * its number in the durable feed (0 in lists computed on the fly).
     */
    public record Change(String customerNumber, YearMonth fromMonth, YearMonth toMonth, String fromTierCode,
            String toTierCode, boolean upgrade, BigDecimal average, String currency, String tierReason, long sequence) {
    }

    private static final String CUSTOMER_TIER = """
            SELECT e.customer_number, e.month, e.average_balance, s.base_currency, e.tier_code, t.display_name, q.code,
                   e.previous_tier_code, e.grace_held, e.months_below, e.scheme_version, e.value_class, e.tier_reason
            FROM tier_evaluation e
            JOIN tier_scheme s ON s.version = e.scheme_version
            LEFT JOIN tier_scheme_tier t ON t.scheme_version = e.scheme_version AND t.code = e.tier_code
            LEFT JOIN tier_scheme_tier q ON q.scheme_version = e.scheme_version AND q.rank = e.qualified_rank
            """;

    private static final String CHANGES = """
            FROM tier_evaluation b
            JOIN tier_scheme s ON s.version = b.scheme_version
            LEFT JOIN tier_evaluation a ON a.month = ? AND a.customer_number = b.customer_number
            LEFT JOIN tier_scheme_tier ta ON ta.scheme_version = a.scheme_version AND ta.code = a.tier_code
            LEFT JOIN tier_scheme_tier tb ON tb.scheme_version = b.scheme_version AND tb.code = b.tier_code
            WHERE b.month = ? AND b.tier_code IS DISTINCT FROM a.tier_code
            """;

    private final Jdbc jdbc;
    private final int pageSize;

    @Inject
    public TierQueries(Jdbc jdbc, @ConfigProperty(name = "tiering.stream.fetch-size", defaultValue = "1000") int pageSize) {
        this.jdbc = jdbc;
        this.pageSize = pageSize;
    }

    /** Rows per page of the streams (StreamTierAssignments, WatchTierChanges). */
    public int pageSize() {
        return pageSize;
    }

    public CustomerTier customerTier(String customerNumber, YearMonth month) {
        return jdbc.withConnection(connection -> {
            // One round trip on the hot path: a stored row implies an evaluated month; only a miss asks which is absent.
            List<CustomerTier> found = customerTiers(connection,
                    CUSTOMER_TIER + "WHERE e.month = ? AND e.customer_number = ?", Jdbc.month(month), customerNumber);
            if (found.isEmpty()) {
                requireEvaluated(connection, month);
                throw new NotFoundException(RESOURCE, customerNumber + "@" + month);
            }
            return found.get(0);
        });
    }

    public List<CustomerTier> history(String customerNumber) {
        return jdbc.withConnection(connection -> customerTiers(connection,
                CUSTOMER_TIER + "WHERE e.customer_number = ? ORDER BY e.month", customerNumber));
    }

    /** Customers of a tier (null code: no tier) in a month, by customer number. */
    public Page<CustomerTier> tierCustomers(YearMonth month, String tierCode, long offset, int size) {
        return jdbc.withConnection(connection -> {
            requireEvaluated(connection, month);
            String where = "WHERE e.month = ? AND " + (tierCode == null ? "e.tier_code IS NULL" : "e.tier_code = ?");
            Object[] parameters = tierCode == null ? new Object[] { Jdbc.month(month) }
                    : new Object[] { Jdbc.month(month), tierCode };
            long total = count(connection, "SELECT count(*) FROM tier_evaluation e " + where, parameters);
            List<Object> paged = new ArrayList<>(List.of(parameters));
            paged.add(size);
            paged.add(offset);
            return new Page<>(customerTiers(connection, CUSTOMER_TIER + where
                    + " ORDER BY e.customer_number COLLATE \"C\" LIMIT ? OFFSET ?", paged.toArray()), total);
        });
    }

    public Distribution distribution(YearMonth month) {
        return jdbc.withConnection(connection -> {
            requireEvaluated(connection, month);
            int version;
            String currency;
            try (PreparedStatement select = Jdbc.bind(connection.prepareStatement("""
                    SELECT r.scheme_version, s.base_currency FROM evaluation_run r
                    JOIN tier_scheme s ON s.version = r.scheme_version WHERE r.month = ?"""), Jdbc.month(month));
                    ResultSet row = select.executeQuery()) {
                row.next();
                version = row.getInt(1);
                currency = row.getString(2);
            }
            List<Bucket> buckets = new ArrayList<>();
            try (PreparedStatement select = Jdbc.bind(connection.prepareStatement("""
                    SELECT t.code, t.display_name, count(e.customer_number), coalesce(sum(e.average_balance), 0)
                    FROM tier_scheme_tier t
                    LEFT JOIN tier_evaluation e ON e.month = ? AND e.tier_code = t.code
                    WHERE t.scheme_version = ?
                    GROUP BY t.rank, t.code, t.display_name
                    UNION ALL
                    SELECT NULL, NULL, count(*), coalesce(sum(average_balance), 0)
                    FROM tier_evaluation WHERE month = ? AND tier_code IS NULL"""),
                    Jdbc.month(month), version, Jdbc.month(month)); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    buckets.add(new Bucket(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getBigDecimal(4)));
                }
            }
            long customers = buckets.stream().mapToLong(Bucket::customers).sum();
            BigDecimal total = buckets.stream().map(Bucket::totalAverage).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Distribution(month, version, currency, buckets, customers, total);
        });
    }

    /** Upgrades and downgrades from one month to a later one, by customer number. */
    public Page<Change> changes(YearMonth from, YearMonth to, long offset, int size) {
        if (!to.isAfter(from)) {
            throw new InvalidArgumentException("to_month", "must be after from_month");
        }
        return jdbc.withConnection(connection -> {
            requireEvaluated(connection, from);
            requireEvaluated(connection, to);
            long total = count(connection, "SELECT count(*) " + CHANGES, Jdbc.month(from), Jdbc.month(to));
            return new Page<>(changes(connection, from, to, offset, size), total);
        });
    }

    /**
     * Records the changes of a just-evaluated month against the month before in the durable feed (V15), in the
     * evaluation's transaction (whose advisory lock orders the numbers), customers in order; the same rule as
     * {@link #changes}.
     */
    static long recordChanges(Connection connection, YearMonth month) throws SQLException {
        try (PreparedStatement insert = Jdbc.bind(connection.prepareStatement("""
                INSERT INTO tier_change (sequence, month, customer_number, from_tier_code, to_tier_code, upgrade,
                                         average_balance, currency, tier_reason)
                SELECT nextval('tier_change_sequence'), c.*
                FROM (SELECT b.month, b.customer_number, a.tier_code, b.tier_code,
                             coalesce(tb.lower_bound, -1) > coalesce(ta.lower_bound, -1), b.average_balance,
                             s.base_currency, b.tier_reason
                      """ + CHANGES + " ORDER BY b.customer_number COLLATE \"C\") c"), Jdbc.month(month.minusMonths(1)),
                Jdbc.month(month))) {
            return insert.executeUpdate();
        }
    }

    /** The last number of the durable feed, 0 when it is empty. */
    public long lastSequence() {
        return jdbc.withConnection(connection -> count(connection, "SELECT coalesce(max(sequence), 0) FROM tier_change"));
    }

    /** A page of the durable feed after {@code after}, of months from {@code from} on (null: every month). */
    public List<Change> changesAfter(long after, YearMonth from, int size) {
        return jdbc.withConnection(connection -> {
            List<Change> changes = new ArrayList<>();
            try (PreparedStatement select = Jdbc.bind(connection.prepareStatement("""
                    SELECT customer_number, month, from_tier_code, to_tier_code, upgrade, average_balance, currency,
                           tier_reason, sequence
                    FROM tier_change WHERE sequence > ? AND month >= ? ORDER BY sequence LIMIT ?"""), after,
                    Jdbc.month(from == null ? YearMonth.of(1900, 1) : from), size); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    YearMonth to = Jdbc.month(rows.getDate(2));
                    changes.add(new Change(rows.getString(1), to.minusMonths(1), to, rows.getString(3), rows.getString(4),
                            rows.getBoolean(5), rows.getBigDecimal(6), rows.getString(7), rows.getString(8),
                            rows.getLong(9)));
                }
            }
            return changes;
        });
    }

    /** Months evaluated from {@code from} on, oldest first. */
    public List<YearMonth> evaluatedMonthsFrom(YearMonth from) {
        return jdbc.withConnection(connection -> {
            List<YearMonth> months = new ArrayList<>();
            try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                    "SELECT month FROM evaluation_run WHERE month >= ? ORDER BY month"), Jdbc.month(from));
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    months.add(Jdbc.month(rows.getDate(1)));
                }
            }
            return months;
        });
    }

    /**
     * The changes of a month against the month before, one page after {@code afterCustomer} (keyset in the
     * database's order of customer numbers, which the primary key serves).
     */
    public List<Change> changesOfMonth(YearMonth month, String afterCustomer, int size) {
        return jdbc.withConnection(connection -> changes(connection, month.minusMonths(1), month, afterCustomer, size));
    }

    private List<Change> changes(Connection connection, YearMonth from, YearMonth to, Object offsetOrAfter, int size)
            throws SQLException {
        boolean keyset = offsetOrAfter instanceof String;
        String sql = """
                SELECT b.customer_number, a.tier_code, b.tier_code,
                       coalesce(tb.lower_bound, -1) > coalesce(ta.lower_bound, -1), b.average_balance, s.base_currency,
                       b.tier_reason
                """ + CHANGES + (keyset ? " AND b.customer_number > ? ORDER BY b.customer_number LIMIT ?"
                        : " ORDER BY b.customer_number COLLATE \"C\" LIMIT ? OFFSET ?");
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement select = keyset
                ? Jdbc.bind(connection.prepareStatement(sql), Jdbc.month(from), Jdbc.month(to), offsetOrAfter, size)
                : Jdbc.bind(connection.prepareStatement(sql), Jdbc.month(from), Jdbc.month(to), size, offsetOrAfter);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                changes.add(new Change(rows.getString(1), from, to, rows.getString(2), rows.getString(3),
                        rows.getBoolean(4), rows.getBigDecimal(5), rows.getString(6), rows.getString(7), 0));
            }
        }
        return changes;
    }

    /**
     * Every customer of an evaluated month in customer-number order, a page of {@code pageSize} at a time (keyset on
     * the customer number, so no connection is held between pages). Each page is read with the month's evaluation
     * stamp in the same statement: a month re-evaluated after the first page ends the stream with ABORTED
     * {@code MONTH_REEVALUATED} rather than mix two evaluations. NOT_FOUND when the month was never evaluated.
     */
    public Source<CustomerTier> assignments(YearMonth month) {
        return new Source<>() {
            private Timestamp evaluatedAt;
            private String after = "";

            @Override
            public Batch<CustomerTier> next() {
                List<CustomerTier> page = new ArrayList<>(pageSize);
                Timestamp stamp = jdbc.withConnection(connection -> assignmentsPage(connection, month, after, page));
                if (stamp == null) {
                    throw new NotFoundException(RESOURCE, month.toString());
                }
                if (evaluatedAt == null) {
                    evaluatedAt = stamp;
                } else if (!evaluatedAt.equals(stamp)) {
                    throw new ConcurrentChangeException(MONTH_REEVALUATED, month + " was evaluated again while its results"
                            + " were streamed; call again for the new results");
                }
                if (page.size() < pageSize) {
                    return Batch.last(page);
                }
                after = page.get(page.size() - 1).customerNumber();
                return Batch.more(page);
            }
        };
    }

    /** One page into {@code page}; the month's evaluation stamp, read in the same statement (null: not evaluated). */
    private Timestamp assignmentsPage(Connection connection, YearMonth month, String after, List<CustomerTier> page)
            throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "WITH run AS (SELECT evaluated_at FROM evaluation_run WHERE month = ?), page AS (" + CUSTOMER_TIER
                        + " WHERE e.month = ? AND e.customer_number > ? ORDER BY e.customer_number LIMIT ?)"
                        + " SELECT page.*, run.evaluated_at FROM run LEFT JOIN page ON true ORDER BY page.customer_number"),
                Jdbc.month(month), Jdbc.month(month), after, pageSize); ResultSet rows = select.executeQuery()) {
            Timestamp stamp = null;
            while (rows.next()) {
                stamp = rows.getTimestamp(14);
                if (rows.getString(1) != null) {
                    page.add(customerTier(rows));
                }
            }
            return stamp;
        }
    }

    private static void requireEvaluated(Connection connection, YearMonth month) throws SQLException {
        if (count(connection, "SELECT count(*) FROM evaluation_run WHERE month = ?", Jdbc.month(month)) == 0) {
            throw new NotFoundException(RESOURCE, month.toString());
        }
    }

    private static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(sql), parameters);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<CustomerTier> customerTiers(Connection connection, String sql, Object... parameters)
            throws SQLException {
        List<CustomerTier> found = new ArrayList<>();
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(sql), parameters);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(customerTier(rows));
            }
        }
        return found;
    }

    private static CustomerTier customerTier(ResultSet row) throws SQLException {
        return new CustomerTier(row.getString(1), Jdbc.month(row.getDate(2)), row.getBigDecimal(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getBoolean(9), row.getInt(10),
                row.getInt(11), row.getString(12), row.getString(13));
    }
}
