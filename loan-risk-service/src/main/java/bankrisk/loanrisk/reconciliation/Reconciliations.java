package bankrisk.loanrisk.reconciliation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.money.Amounts;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.event.EventKind;
import bankrisk.loanrisk.fx.Conversion;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.Product;
import bankrisk.loanrisk.snapshot.PeriodFlows;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.loanrisk.snapshot.Snapshots;
import bankrisk.platform.db.DatabaseException;

/**
 * Every loan between two snapshots ({@link LoanFlow}) and the reconciliation of the facts feed with the events feed,
 * from one query ({@link #FLOWS}): for every loan in either snapshot or with booked events in the period (an
 * effective date after the earlier as-of date, on or before the later one), opening balance (0 when absent) + the
 * events' balance changes (as {@link EventKind} defines them) must equal its closing balance (0 when absent). The
 * loans where it does not are the reconciliation's breaks (the same rows with a non-zero difference), so
 * StreamSnapshotFlows, ReconcileSnapshots and the CSV never disagree.
 */
@ApplicationScoped
public class Reconciliations {

    /** One page of breaks and how many there are in all. */
    public record Page(SnapshotHeader from, SnapshotHeader to, List<LoanFlow> breaks, long total) {
    }

    /** Two snapshots, the earlier first. */
    public record Pair(SnapshotHeader from, SnapshotHeader to) {
    }

    /** A snapshot row's balance in the loan's own currency (V9; outstanding_balance is the reporting currency's). */
    static final String OWN_CURRENCY_BALANCE = "original_balance";

    /**
     * The loans of a pair: those in either snapshot and those with booked events in the period. {@code %1$s} the
     * earlier snapshot's id, {@code %2$s} the later's, {@code %3$s}/{@code %4$s} the period's bounds (SQL literals).
     */
    private static final String ALL_LOANS = """
            SELECT loan_id FROM snapshot_grade WHERE snapshot_id = %1$s
            UNION SELECT loan_id FROM snapshot_grade WHERE snapshot_id = %2$s
            UNION SELECT loan_id COLLATE "C" FROM loan_event
                  WHERE status = 'BOOKED' AND effective_date > %3$s AND effective_date <= %4$s""";

    /**
     * The next loans of a pair after a loan id (keyset, loan-id order): at most the page's size from each source, each
     * read in index order from the position (V11's index for the events), then merged. Markers: (after, limit) three
     * times, then the limit.
     */
    private static final String PAGE_OF_LOANS = """
            SELECT loan_id FROM (
                (SELECT loan_id FROM snapshot_grade WHERE snapshot_id = %1$s AND loan_id > ? ORDER BY loan_id LIMIT ?)
                UNION (SELECT loan_id FROM snapshot_grade WHERE snapshot_id = %2$s AND loan_id > ? ORDER BY loan_id LIMIT ?)
                UNION (SELECT DISTINCT loan_id COLLATE "C" AS loan_id FROM loan_event
                       WHERE status = 'BOOKED' AND loan_id COLLATE "C" > ?
                       AND effective_date > %3$s AND effective_date <= %4$s ORDER BY 1 LIMIT ?)) u
            ORDER BY loan_id LIMIT ?""";

    /**
     * The one home of the reconciliation arithmetic: each loan of {@code keys} with both ends and its flows. A loan
     * absent at an end takes its descriptive fields from the other end, or from the book when in neither.
     */
    private static final String FLOWS = """
            WITH keys AS (%5$s)
            SELECT k.loan_id,
                   coalesce(t.borrower_customer_number, f.borrower_customer_number, lo.borrower_customer_number) AS borrower,
                   coalesce(t.borrower_kind, f.borrower_kind, lo.borrower_kind) AS borrower_kind,
                   coalesce(t.product, f.product, lo.product) AS product,
                   coalesce(t.branch_code, f.branch_code, lo.branch_code) AS branch_code,
                   lo.currency, f.category AS from_category, t.category AS to_category,
                   coalesce(f.%6$s, 0) AS opening_original, coalesce(f.outstanding_balance, 0) AS opening,
                   coalesce(t.%6$s, 0) AS closing_original, coalesce(t.outstanding_balance, 0) AS closing,
                   m.disbursed, m.repaid, m.written_off, m.recovered, m.transferred, m.transfer_price, m.foreclosed,
                   m.foreclosed_asset_value, m.claim > 0 AS written_off_claim,
                   coalesce(t.%6$s, 0) - coalesce(f.%6$s, 0) - m.net AS unexplained,
                   -- the later end's rate: the snapshot's for a loan in it, else that date's (a loan that left the book)
                   coalesce(t.fx_rate, %8$s) AS rate
            FROM keys k
            JOIN loan lo ON lo.loan_id = k.loan_id
            LEFT JOIN snapshot_grade f ON f.snapshot_id = %1$s AND f.loan_id = k.loan_id
            LEFT JOIN snapshot_grade t ON t.snapshot_id = %2$s AND t.loan_id = k.loan_id
            CROSS JOIN LATERAL (SELECT
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'DISBURSEMENT' AND e.effective_date > %3$s), 0) AS disbursed,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'REPAYMENT' AND e.effective_date > %3$s), 0) AS repaid,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'WRITE_OFF' AND e.effective_date > %3$s), 0) AS written_off,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RECOVERY' AND e.effective_date > %3$s), 0) AS recovered,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'TRANSFER' AND e.effective_date > %3$s), 0) AS transferred,
                coalesce(sum(e.price) FILTER (WHERE e.kind = 'TRANSFER' AND e.effective_date > %3$s), 0) AS transfer_price,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'FORECLOSURE' AND e.effective_date > %3$s), 0) AS foreclosed,
                coalesce(sum(e.asset_value) FILTER (WHERE e.kind = 'FORECLOSURE' AND e.effective_date > %3$s), 0)
                    AS foreclosed_asset_value,
                coalesce(sum(%7$s) FILTER (WHERE e.effective_date > %3$s), 0) AS net,
                -- the written-off claim (賬銷案存) over the loan's whole life up to the later date: write-offs less recoveries
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'WRITE_OFF'), 0)
                    - coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RECOVERY'), 0) AS claim
                FROM loan_event e WHERE e.loan_id = k.loan_id AND e.status = 'BOOKED' AND e.effective_date <= %4$s) m
            """;

    private final DataSource dataSource;
    private final Snapshots snapshots;

    private final String reportingCurrency;

    @Inject
    Reconciliations(DataSource dataSource, Snapshots snapshots, LoanRiskConfig config) {
        this.dataSource = dataSource;
        this.snapshots = snapshots;
        this.reportingCurrency = config.reportingCurrency();
    }

    /**
     * The two snapshots; INVALID_ARGUMENT naming the field for an empty id or when {@code to} is not the later one,
     * NOT_FOUND naming an unknown one.
     */
    public Pair pair(String fromId, String toId) {
        if (fromId.isEmpty()) {
            throw new InvalidArgumentException("from_snapshot_id", "is required");
        }
        if (toId.isEmpty()) {
            throw new InvalidArgumentException("to_snapshot_id", "is required");
        }
        SnapshotHeader from = snapshots.byId(fromId);
        SnapshotHeader to = snapshots.byId(toId);
        if (!from.asOf().isBefore(to.asOf())) {
            throw new InvalidArgumentException("to_snapshot_id",
                    "must be a later snapshot than from_snapshot_id (" + from.asOf() + " vs " + to.asOf() + ")");
        }
        return new Pair(from, to);
    }

    /**
     * Up to {@code limit} loans of the pair after {@code afterLoanId} ("" for the first page) in loan-id order
     * (keyset paging: no cursor or connection is held between pages).
     */
    public List<LoanFlow> page(Pair pair, String afterLoanId, int limit) {
        String sql = flows(pair, PAGE_OF_LOANS) + " ORDER BY k.loan_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, afterLoanId);
            ps.setInt(2, limit);
            ps.setString(3, afterLoanId);
            ps.setInt(4, limit);
            ps.setString(5, afterLoanId);
            ps.setInt(6, limit);
            ps.setInt(7, limit);
            List<LoanFlow> rows = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LoanFlow row = flow(rs);
                    if (row.rate() == null) { // a loan that left the book, in a currency without a rate that day
                        throw Conversion.missingRate(List.of(row.currency()), pair.to().asOf());
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** The breaks: the pair's loans whose difference is not 0, in loan-id order. */
    private String breaks(Pair pair) {
        return "SELECT * FROM (" + flows(pair, ALL_LOANS) + ") b WHERE unexplained <> 0";
    }

    /** The loans that do not reconcile between two snapshots, in loan-id order, one page. */
    public Page breaks(String fromId, String toId, int limit, long offset) {
        Pair pair = pair(fromId, toId);
        List<LoanFlow> breaks = new ArrayList<>();
        long total;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(breaks(pair) + " ORDER BY loan_id LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setLong(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    breaks.add(flow(rs));
                }
            }
            total = count(c, pair);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return new Page(pair.from(), pair.to(), breaks, total);
    }

    /** Every loan that does not reconcile, in loan-id order, read with a cursor (a page of rows in memory at a time). */
    public void forEachBreak(Pair pair, Consumer<LoanFlow> sink) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(breaks(pair) + " ORDER BY loan_id")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(flow(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** How many loans do not reconcile between the snapshot before {@code to} and {@code to} (none before: empty). */
    public Optional<Count> againstPrevious(SnapshotHeader to) {
        return snapshots.latestBefore(to.asOf()).map(from -> {
            try (Connection c = dataSource.getConnection()) {
                return new Count(from, count(c, new Pair(from, to)));
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        });
    }

    /** The previous snapshot and how many loans do not reconcile with it. */
    public record Count(SnapshotHeader previous, long unreconciled) {
    }

    private long count(Connection c, Pair pair) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + breaks(pair) + ") n");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * FLOWS over {@code keys} for a pair. The snapshot ids and dates are written as SQL literals from their typed
     * values (a UUID, a LocalDate: no caller text reaches the SQL), so that the planner sees constants and reads each
     * snapshot's rows in primary-key order.
     */
    private String flows(Pair pair, String keys) {
        String fromId = "'" + pair.from().snapshotId() + "'::uuid";
        String toId = "'" + pair.to().snapshotId() + "'::uuid";
        String opened = "DATE '" + pair.from().asOf() + "'";
        String closed = "DATE '" + pair.to().asOf() + "'";
        return FLOWS.formatted(fromId, toId, opened, closed, keys.formatted(fromId, toId, opened, closed), OWN_CURRENCY_BALANCE,
                EventKind.balanceDeltaSql("e.kind", "e.amount"), Conversion.rateSql("lo.currency", closed, reportingCurrency));
    }

    /** A row of FLOWS; amounts at two decimals (a sum over no events is a bare 0 in SQL). */
    private static LoanFlow flow(ResultSet rs) throws SQLException {
        return new LoanFlow(rs.getString(1), rs.getString(2), BorrowerKind.valueOf(rs.getString(3)),
                Product.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), category(rs, 7), category(rs, 8),
                amount(rs, 9), amount(rs, 10), amount(rs, 11), amount(rs, 12),
                new PeriodFlows(amount(rs, 13), amount(rs, 14), amount(rs, 15), amount(rs, 16), amount(rs, 17),
                        amount(rs, 18), amount(rs, 19), amount(rs, 20)),
                rs.getBoolean(21), amount(rs, 22), rs.getBigDecimal(23));
    }

    private static Category category(ResultSet rs, int column) throws SQLException {
        int rank = rs.getInt(column);
        return rs.wasNull() ? null : Category.ofRank(rank);
    }

    private static BigDecimal amount(ResultSet rs, int column) throws SQLException {
        return Amounts.round(rs.getBigDecimal(column));
    }
}
