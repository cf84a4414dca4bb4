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
import bankrisk.loanrisk.event.EventKind;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.loanrisk.snapshot.Snapshots;
import bankrisk.platform.db.DatabaseException;

/**
 * Reconciliation of the facts feed with the events feed between two snapshots: for every loan, opening balance (the
 * earlier snapshot, 0 when absent) + its booked events' balance changes with an effective date after the earlier
 * as-of date and on or before the later one (disbursements − repayments − write-offs − transfers − foreclosures, as
 * {@link EventKind} defines them) must equal its closing balance (the later snapshot, 0 when absent). The loans where
 * it does not are listed, set-based in SQL, so data-quality staff can chase the feed.
 */
@ApplicationScoped
public class Reconciliations {

    /** One loan that does not reconcile; amounts in the loan's currency. */
    public record Break(String loanId, String currency, BigDecimal opening, BigDecimal disbursed, BigDecimal repaid,
            BigDecimal writtenOff, BigDecimal transferred, BigDecimal foreclosed, BigDecimal closing, BigDecimal difference) {
    }

    /** One page of breaks and how many there are in all. */
    public record Page(SnapshotHeader from, SnapshotHeader to, List<Break> breaks, long total) {
    }

    private static final String BREAKS = """
            WITH f AS (SELECT loan_id, original_balance AS outstanding_balance FROM snapshot_grade WHERE snapshot_id = ?),
                 t AS (SELECT loan_id, original_balance AS outstanding_balance FROM snapshot_grade WHERE snapshot_id = ?),
                 flows AS (
                     SELECT loan_id,
                            sum(amount) FILTER (WHERE kind = 'DISBURSEMENT') AS disbursed,
                            sum(amount) FILTER (WHERE kind = 'REPAYMENT') AS repaid,
                            sum(amount) FILTER (WHERE kind = 'WRITE_OFF') AS written_off,
                            sum(amount) FILTER (WHERE kind = 'TRANSFER') AS transferred,
                            sum(amount) FILTER (WHERE kind = 'FORECLOSURE') AS foreclosed,
                            sum(%s) AS net
                     FROM loan_event
                     WHERE status = 'BOOKED' AND effective_date > ? AND effective_date <= ?
                     GROUP BY loan_id),
                 loans AS (SELECT loan_id FROM f UNION SELECT loan_id FROM t UNION SELECT loan_id FROM flows),
                 breaks AS (
                     SELECT l.loan_id, coalesce(f.outstanding_balance, 0) AS opening, coalesce(m.disbursed, 0) AS disbursed,
                            coalesce(m.repaid, 0) AS repaid, coalesce(m.written_off, 0) AS written_off,
                            coalesce(m.transferred, 0) AS transferred, coalesce(m.foreclosed, 0) AS foreclosed,
                            coalesce(t.outstanding_balance, 0) AS closing,
                            coalesce(t.outstanding_balance, 0) - coalesce(f.outstanding_balance, 0) - coalesce(m.net, 0) AS difference
                     FROM loans l LEFT JOIN f ON f.loan_id = l.loan_id LEFT JOIN t ON t.loan_id = l.loan_id
                     LEFT JOIN flows m ON m.loan_id = l.loan_id)
            """.formatted(EventKind.balanceDeltaSql("kind", "amount"));

    private final DataSource dataSource;
    private final Snapshots snapshots;

    @Inject
    Reconciliations(DataSource dataSource, Snapshots snapshots) {
        this.dataSource = dataSource;
        this.snapshots = snapshots;
    }

    /** Two snapshots, the earlier first. */
    public record Pair(SnapshotHeader from, SnapshotHeader to) {
    }

    /** The two snapshots; NOT_FOUND for an unknown one, INVALID_ARGUMENT when {@code to} is not the later one. */
    public Pair pair(String fromId, String toId) {
        SnapshotHeader from = snapshots.byId(fromId);
        SnapshotHeader to = snapshots.byId(toId);
        if (!from.asOf().isBefore(to.asOf())) {
            throw new InvalidArgumentException("to_snapshot_id",
                    "must be a later snapshot than from_snapshot_id (" + from.asOf() + " vs " + to.asOf() + ")");
        }
        return new Pair(from, to);
    }

    private static final String LISTED = BREAKS + """
            SELECT b.loan_id, lo.currency, opening, disbursed, repaid, written_off, transferred, foreclosed, closing, difference
            FROM breaks b JOIN loan lo ON lo.loan_id = b.loan_id
            WHERE difference <> 0 ORDER BY b.loan_id""";

    /** The loans that do not reconcile between two snapshots, in loan-id order, one page. */
    public Page breaks(String fromId, String toId, int limit, long offset) {
        Pair pair = pair(fromId, toId);
        List<Break> breaks = new ArrayList<>();
        long total;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, LISTED + " LIMIT ? OFFSET ?", pair.from(), pair.to())) {
            ps.setInt(5, limit);
            ps.setLong(6, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    breaks.add(breakOf(rs));
                }
            }
            total = count(c, pair.from(), pair.to());
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return new Page(pair.from(), pair.to(), breaks, total);
    }

    /** Every loan that does not reconcile, in loan-id order, read with a cursor (a page of rows in memory at a time). */
    public void forEachBreak(Pair pair, Consumer<Break> sink) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
            try (PreparedStatement ps = prepare(c, LISTED, pair.from(), pair.to())) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(breakOf(rs));
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

    /** A row of LISTED; amounts at two decimals (a sum over no events is a bare 0 in SQL). */
    private static Break breakOf(ResultSet rs) throws SQLException {
        return new Break(rs.getString(1), rs.getString(2), amount(rs, 3), amount(rs, 4), amount(rs, 5), amount(rs, 6),
                amount(rs, 7), amount(rs, 8), amount(rs, 9), amount(rs, 10));
    }

    private static BigDecimal amount(ResultSet rs, int column) throws SQLException {
        return Amounts.round(rs.getBigDecimal(column));
    }

    /** How many loans do not reconcile between the snapshot before {@code to} and {@code to} (none before: empty). */
    public Optional<Count> againstPrevious(SnapshotHeader to) {
        return snapshots.latestBefore(to.asOf()).map(from -> {
            try (Connection c = dataSource.getConnection()) {
                return new Count(from, count(c, from, to));
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        });
    }

    /** The previous snapshot and how many loans do not reconcile with it. */
    public record Count(SnapshotHeader previous, long unreconciled) {
    }

    private static long count(Connection c, SnapshotHeader from, SnapshotHeader to) throws SQLException {
        try (PreparedStatement ps = prepare(c, BREAKS + "SELECT count(*) FROM breaks WHERE difference <> 0", from, to);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, SnapshotHeader from, SnapshotHeader to) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setObject(1, from.snapshotId());
        ps.setObject(2, to.snapshotId());
        ps.setObject(3, from.asOf());
        ps.setObject(4, to.asOf());
        return ps;
    }
}
