package bankrisk.loanrisk.event;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.ConcurrentChangeException;
import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.LoanService;
import bankrisk.platform.db.PgCopy;
import bankrisk.platform.load.LoadTarget;
import bankrisk.platform.load.Merge;
import bankrisk.platform.load.RowLimit;
import bankrisk.platform.load.Staging;

/**
 * One events load's part in the staged-load skeleton, for the nightly stream and for one event alike (one way per
 * job: RecordLoanEvent is a load of one row). Every rule that ties an event to its loan or to other events is checked
 * here, set-based, after the loans touched are locked in key order (concurrent loads of one loan wait for each other,
 * so no two repayments can both pass the same balance): the loan exists, the event id is new or re-sent with the same
 * content, the currency is the loan's, the date is not before origination, one pending write-off per loan, no date's
 * event balance below 0 (pending write-offs reserve their amount), a recovery only after a booked write-off. Any
 * violation refuses the whole load; nothing is stored.
 */
final class EventsLoad extends LoadTarget<EventRow, EventsLoadResult> {

    /** Violations of what ties rows together, at most (they travel in trailers, see FactsLoad). */
    static final int MAX_VIOLATIONS = 20;
    static final String RESOURCE = "loan event";

    /** What the caller sent: compared to tell a retry (same id, same content) from a reused id. */
    private static final String CONTENT = "loan_id, kind, effective_date, currency, amount, approval_reference, price, "
            + "counterparty, asset_value, asset_description, for_financial_difficulty, first_repayment_date, "
            + "repayment_period_months";
    private static final String STORED = "event_id, " + CONTENT + ", observation_end";
    private static final String DECREASING = "('REPAYMENT', 'WRITE_OFF', 'TRANSFER', 'FORECLOSURE')";
    private static final Staging STAGING = new Staging("staged_events", "row_index INTEGER", "event_id VARCHAR(64)",
            "loan_id VARCHAR(40)", "kind VARCHAR(16)", "effective_date DATE", "currency CHAR(3)", "amount NUMERIC(20, 2)",
            "approval_reference VARCHAR(100)", "price NUMERIC(20, 2)", "counterparty VARCHAR(200)",
            "asset_value NUMERIC(20, 2)", "asset_description VARCHAR(200)", "for_financial_difficulty BOOLEAN",
            "first_repayment_date DATE", "repayment_period_months INTEGER", "observation_end DATE");
    private static final String UNIQUE_VIOLATION = "23505";

    private final boolean single;
    private final LocalDate today;
    private final String recordedBy;

    /**
     * @param single one event of a unary call: its fields are named {@code event.…} and an unknown loan is NOT_FOUND;
     *        otherwise rows are {@code events[i]}
     * @param today the bank's business date: no event may take effect after it
     * @param recordedBy the verified caller, the maker of any write-off in the load
     */
    EventsLoad(RowLimit limit, boolean single, LocalDate today, String recordedBy) {
        super("events", limit, STAGING);
        this.single = single;
        this.today = today;
        this.recordedBy = recordedBy;
    }

    /** Where a row's fields are named: {@code event.} for the unary call, {@code events[i].} in a stream. */
    String prefix(long index) {
        return single ? "event." : new RowPath("events", index).prefix();
    }

    @Override
    public void check(EventRow row, RowPath path, Violations violations) {
        String prefix = prefix(path.index());
        violations.require(!row.effectiveDate().isAfter(today), prefix + "effective_date",
                "is after today (" + today + "), the bank's business date");
        if (row.firstRepaymentDate() != null) {
            violations.require(!row.firstRepaymentDate().isBefore(row.effectiveDate()),
                    prefix + "restructure.first_repayment_date", "must not be before effective_date " + row.effectiveDate());
        }
    }

    @Override
    public void stage(PgCopy copy, long index, EventRow r) {
        copy.row(index, r.eventId(), r.loanId(), r.kind(), r.effectiveDate(), r.currency(), r.amount(), r.approvalReference(),
                r.price(), r.counterparty(), r.assetValue(), r.assetDescription(), r.forFinancialDifficulty(),
                r.firstRepaymentDate(), r.repaymentPeriodMonths(), r.observationEnd());
    }

    @Override
    public EventsLoadResult merge(Merge merge) throws SQLException {
        Connection c = merge.connection();
        lockLoans(c);
        refuseUnknownLoans(c);
        // A restructuring carries no amount: its currency is its loan's (stored so that every event row reads alone).
        execute(c, "UPDATE staged_events s SET currency = l.currency FROM loan l WHERE l.loan_id = s.loan_id AND s.currency IS NULL");
        refuse(query(c, """
                SELECT DISTINCT ON (a.row_index) a.row_index, b.row_index FROM staged_events a
                JOIN staged_events b ON b.event_id = a.event_id AND b.row_index < a.row_index
                WHERE (%s) IS DISTINCT FROM (%s) ORDER BY a.row_index, b.row_index LIMIT %d""".formatted(
                qualified("a", CONTENT), qualified("b", CONTENT), MAX_VIOLATIONS),
                rs -> violation(rs.getLong(1), "event_id", "repeats the id of " + rowName(rs.getLong(2)) + " with other content")));
        refuseReusedIds(c);
        execute(c, "CREATE TEMPORARY TABLE fresh_events ON COMMIT DROP AS SELECT DISTINCT ON (s.event_id) s.* FROM staged_events s"
                + " WHERE NOT EXISTS (SELECT 1 FROM loan_event e WHERE e.event_id = s.event_id) ORDER BY s.event_id, s.row_index");
        refuse(query(c, """
                SELECT f.row_index, f.currency, l.currency, f.effective_date, l.origination_date, f.kind
                FROM fresh_events f JOIN loan l ON l.loan_id = f.loan_id
                WHERE f.currency <> l.currency OR f.effective_date < l.origination_date ORDER BY f.row_index LIMIT %d"""
                .formatted(MAX_VIOLATIONS), rs -> {
                    boolean otherCurrency = !rs.getString(2).equals(rs.getString(3));
                    return otherCurrency
                            ? violation(rs.getLong(1), "RESTRUCTURE".equals(rs.getString(6)) ? "currency" : "amount.currency_code",
                                    "must be the loan's currency " + rs.getString(3))
                            : violation(rs.getLong(1), "effective_date",
                                    "is before the loan's origination date " + rs.getObject(5, LocalDate.class));
                }));
        refuseSecondPendingWriteOff(c);
        List<Map<String, Object>> recorded = insert(c, recordedBy);
        refuse(overdrawn(c));
        refuse(query(c, """
                SELECT f.row_index, f.effective_date FROM fresh_events f WHERE f.kind = 'RECOVERY'
                  AND NOT EXISTS (SELECT 1 FROM loan_event w WHERE w.loan_id = f.loan_id AND w.kind = 'WRITE_OFF'
                                  AND w.status = 'BOOKED' AND w.effective_date <= f.effective_date)
                ORDER BY f.row_index LIMIT %d""".formatted(MAX_VIOLATIONS),
                rs -> violation(rs.getLong(1), "kind", "a RECOVERY needs a booked (approved) write-off of the loan on or before "
                        + rs.getObject(2, LocalDate.class))));
        long writeOffs = recorded.stream().filter(e -> EventKind.WRITE_OFF.name().equals(e.get("kind"))).count();
        EventsLoadResult result = new EventsLoadResult(merge.rows(), recorded.size(), merge.rows() - recorded.size(), writeOffs);
        audit(merge, recorded, result);
        return result;
    }

    /** The loans the load touches, locked in key order: concurrent loads of one loan run one after the other. */
    private static void lockLoans(Connection c) throws SQLException {
        execute(c, "SELECT 1 FROM loan WHERE loan_id IN (SELECT loan_id FROM staged_events) ORDER BY loan_id FOR UPDATE");
    }

    private void refuseUnknownLoans(Connection c) throws SQLException {
        List<Object[]> unknown = rows(c, """
                SELECT s.row_index, s.loan_id FROM staged_events s
                WHERE NOT EXISTS (SELECT 1 FROM loan l WHERE l.loan_id = s.loan_id) ORDER BY s.row_index LIMIT %d"""
                .formatted(MAX_VIOLATIONS));
        if (unknown.isEmpty()) {
            return;
        }
        if (single) {
            throw LoanService.notFound((String) unknown.get(0)[1]);
        }
        throw new InvalidArgumentException(unknown.stream().map(r -> violation(((Number) r[0]).longValue(), "loan_id",
                "loan '" + r[1] + "' is not registered")).toList());
    }

    /** The same id with other content than stored: ALREADY_EXISTS (an id with the same content is a retry). */
    private static void refuseReusedIds(Connection c) throws SQLException {
        List<Object[]> reused = rows(c, """
                SELECT s.row_index, s.event_id FROM staged_events s JOIN loan_event e ON e.event_id = s.event_id
                WHERE (%s) IS DISTINCT FROM (%s) ORDER BY s.row_index LIMIT 1""".formatted(qualified("s", CONTENT),
                qualified("e", CONTENT)));
        if (!reused.isEmpty()) {
            throw new AlreadyExistsException(RESOURCE, (String) reused.get(0)[1]);
        }
    }

    /** One pending write-off per loan at a time, as one pending override: decide it before proposing another. */
    private void refuseSecondPendingWriteOff(Connection c) throws SQLException {
        List<Object[]> second = rows(c, """
                SELECT f.row_index, f.loan_id, coalesce(p.event_id, (SELECT o.event_id FROM fresh_events o
                    WHERE o.loan_id = f.loan_id AND o.kind = 'WRITE_OFF' AND o.row_index < f.row_index ORDER BY o.row_index LIMIT 1))
                FROM fresh_events f LEFT JOIN loan_event p ON p.loan_id = f.loan_id AND p.status = 'PENDING'
                WHERE f.kind = 'WRITE_OFF' AND (p.event_id IS NOT NULL OR EXISTS (SELECT 1 FROM fresh_events o
                    WHERE o.loan_id = f.loan_id AND o.kind = 'WRITE_OFF' AND o.row_index < f.row_index))
                ORDER BY f.row_index LIMIT 1""");
        if (!second.isEmpty()) {
            Object[] r = second.get(0);
            throw new FailedPreconditionException("WRITE_OFF_PENDING", (single ? "" : rowName(((Number) r[0]).longValue()) + ": ")
                    + "loan " + r[1] + " already has a pending write-off (" + r[2] + "); it must be decided first");
        }
    }

    /** Inserts the new events in key order; returns each one's id, loan, kind, amount and currency for the audit. */
    private static List<Map<String, Object>> insert(Connection c, String actor) throws SQLException {
        String sql = "INSERT INTO loan_event (" + STORED + ", status, recorded_by) SELECT " + STORED
                + ", CASE WHEN kind = 'WRITE_OFF' THEN 'PENDING' ELSE 'BOOKED' END, ? FROM fresh_events ORDER BY event_id"
                + " RETURNING event_id, loan_id, kind, amount, currency, effective_date";
        List<Map<String, Object>> recorded = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, actor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("event_id", rs.getString(1));
                    event.put("loan_id", rs.getString(2));
                    event.put("kind", rs.getString(3));
                    BigDecimal amount = rs.getBigDecimal(4);
                    event.put("amount", amount == null ? "" : amount.toPlainString());
                    event.put("currency", rs.getString(5));
                    event.put("effective_date", rs.getObject(6, LocalDate.class).toString());
                    recorded.add(event);
                }
            }
        } catch (SQLException failure) {
            // The same new id sent by a concurrent load of another loan committed first: the retry will compare them.
            if (UNIQUE_VIOLATION.equals(failure.getSQLState())) {
                throw new ConcurrentChangeException("CONCURRENT_CHANGE",
                        "a concurrent load recorded one of these event ids first; nothing was stored: send it again");
            }
            throw failure;
        }
        return recorded;
    }

    /**
     * Loans whose event balance (booked events and pending write-offs, net per day) falls below 0 on some date, each
     * blamed on the last new row that lowers it on or before that date.
     */
    private List<FieldViolation> overdrawn(Connection c) throws SQLException {
        return query(c, """
                WITH daily AS (
                    SELECT e.loan_id, e.effective_date, sum(%s) AS delta FROM loan_event e
                    WHERE e.loan_id IN (SELECT loan_id FROM fresh_events) AND e.status IN ('BOOKED', 'PENDING')
                    GROUP BY e.loan_id, e.effective_date),
                running AS (
                    SELECT loan_id, effective_date, sum(delta) OVER (PARTITION BY loan_id ORDER BY effective_date) AS balance
                    FROM daily),
                first_negative AS (
                    SELECT DISTINCT ON (loan_id) loan_id, effective_date, balance FROM running WHERE balance < 0
                    ORDER BY loan_id, effective_date)
                SELECT f.row_index, n.loan_id, n.effective_date, n.balance, f.kind FROM first_negative n
                JOIN LATERAL (SELECT row_index, kind FROM fresh_events f WHERE f.loan_id = n.loan_id
                              AND f.effective_date <= n.effective_date AND f.kind IN %s
                              ORDER BY f.row_index DESC LIMIT 1) f ON true
                ORDER BY f.row_index LIMIT %d""".formatted(EventKind.balanceDeltaSql("e.kind", "e.amount"), DECREASING,
                MAX_VIOLATIONS),
                rs -> violation(rs.getLong(1), "amount.amount", "a " + rs.getString(5) + " above the balance: loan "
                        + rs.getString(2) + "'s event balance on " + rs.getObject(3, LocalDate.class) + " would be "
                        + rs.getBigDecimal(4).toPlainString()));
    }

    /**
     * One entry per event of a unary call; for a stream one entry for the load and one per proposed write-off (the
     * maker's step of the four eyes is audited on the loan). A retry that records nothing leaves no entry.
     */
    private void audit(Merge merge, List<Map<String, Object>> recorded, EventsLoadResult result) throws SQLException {
        for (Map<String, Object> event : recorded) {
            boolean writeOff = EventKind.WRITE_OFF.name().equals(event.get("kind"));
            if (single || writeOff) {
                merge.audit(writeOff ? "WRITE_OFF_PROPOSED" : "LOAN_EVENT_RECORDED", Loan.auditSubject((String) event.get("loan_id")),
                        event);
            }
        }
        if (!single && result.recorded() > 0) {
            merge.audit("LOAN_EVENTS_LOADED", "", Map.of("events", result.received(), "recorded", result.recorded(),
                    "unchanged", result.unchanged(), "write_offs_proposed", result.writeOffsProposed()));
        }
    }

    private void refuse(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidArgumentException(violations);
        }
    }

    private FieldViolation violation(long index, String field, String description) {
        return new FieldViolation(prefix(index) + field, description);
    }

    private String rowName(long index) {
        return new RowPath("events", index).toString();
    }

    @FunctionalInterface
    private interface RowMapper {
        FieldViolation map(ResultSet rs) throws SQLException;
    }

    private static List<FieldViolation> query(Connection c, String sql, RowMapper mapper) throws SQLException {
        List<FieldViolation> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(mapper.map(rs));
            }
        }
        return found;
    }

    private static List<Object[]> rows(Connection c, String sql) throws SQLException {
        List<Object[]> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                found.add(row);
            }
        }
        return found;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String qualified(String table, String columns) {
        return table + "." + columns.replace(", ", ", " + table + ".");
    }
}
