package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.NotFoundException;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.loanrisk.loan.CollateralKind;
import bankrisk.loanrisk.loan.ContractTerms;
import bankrisk.loanrisk.loan.Product;
import bankrisk.loanrisk.loan.RepaymentMethod;

/** Reads snapshots. Snapshots never change, so reads need no transaction. */
@ApplicationScoped
public class Snapshots {

    static final String RESOURCE = "snapshot";
    private static final String HEADER = "SELECT snapshot_id, as_of_date, rule_set_version, loan_count, total_balance, currency,"
            + " fingerprint, created_at FROM snapshot ";
    private static final String GRADE = "SELECT loan_id, borrower_customer_number, borrower_kind, product, branch_code,"
            + " outstanding_balance, collateral_kind, collateral_value, category, rule_floor, days_past_due, reason_codes"
            + " FROM snapshot_grade ";

    private final DataSource dataSource;

    @Inject
    Snapshots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public SnapshotHeader byAsOf(LocalDate asOf) {
        try (Connection c = dataSource.getConnection()) {
            return byAsOf(c, asOf).orElseThrow(() -> new NotFoundException(RESOURCE, "as of " + asOf));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public Optional<SnapshotHeader> findByAsOf(LocalDate asOf) {
        try (Connection c = dataSource.getConnection()) {
            return byAsOf(c, asOf);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The snapshot with this id; NOT_FOUND for a malformed or unknown id. */
    public SnapshotHeader byId(String snapshotId) {
        UUID id = parseId(snapshotId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HEADER + "WHERE snapshot_id = ?")) {
            ps.setObject(1, id);
            return one(ps).orElseThrow(() -> new NotFoundException(RESOURCE, snapshotId));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The streamed columns after GRADE's: the loan's currency, its balance in that currency and the rate the snapshot
     * converted at, its contract terms as the run copied them, and its booked events after {@code periodStart} (the
     * previous snapshot's date; from the first event when there is none) up to the snapshot's date, summed by kind (one
     * index range of loan_event_loan_idx per loan).
     */
    private static final String STREAMED = "SELECT g.loan_id, g.borrower_customer_number, g.borrower_kind, g.product,"
            + " g.branch_code, g.outstanding_balance, g.collateral_kind, g.collateral_value, g.category, g.rule_floor,"
            + " g.days_past_due, g.reason_codes, g.currency, g.original_balance, g.fx_rate, g.contractual_interest_rate,"
            + " g.repayment_method, g.undrawn_commitment, g.category_at_origination, f.* FROM snapshot_grade g"
            + " CROSS JOIN LATERAL (SELECT"
            + " coalesce(sum(e.amount) FILTER (WHERE e.kind = 'DISBURSEMENT'), 0) AS disbursed,"
            + " coalesce(sum(e.amount) FILTER (WHERE e.kind = 'REPAYMENT'), 0) AS repaid,"
            + " coalesce(sum(e.amount) FILTER (WHERE e.kind = 'WRITE_OFF'), 0) AS written_off,"
            + " coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RECOVERY'), 0) AS recovered,"
            + " coalesce(sum(e.amount) FILTER (WHERE e.kind = 'TRANSFER'), 0) AS transferred,"
            + " coalesce(sum(e.price) FILTER (WHERE e.kind = 'TRANSFER'), 0) AS transfer_price,"
            + " coalesce(sum(e.amount) FILTER (WHERE e.kind = 'FORECLOSURE'), 0) AS foreclosed,"
            + " coalesce(sum(e.asset_value) FILTER (WHERE e.kind = 'FORECLOSURE'), 0) AS foreclosed_asset_value"
            + " FROM loan_event e WHERE e.loan_id = g.loan_id AND e.status = 'BOOKED'"
            + " AND e.effective_date > coalesce(CAST(? AS date), '-infinity'::date) AND e.effective_date <= ?) f ";

    /**
     * Up to {@code limit} rows after {@code afterLoanId} (null for the first page), in loan-id order (keyset paging),
     * each with its flows since {@code periodStart} (exclusive; null: since the first event) up to {@code asOf}.
     */
    public List<StreamedGrade> page(UUID snapshotId, LocalDate periodStart, LocalDate asOf, String afterLoanId, int limit) {
        String sql = STREAMED + "WHERE g.snapshot_id = ?" + (afterLoanId == null ? "" : " AND g.loan_id > ?")
                + " ORDER BY g.loan_id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, periodStart);
            ps.setObject(i++, asOf);
            ps.setObject(i++, snapshotId);
            if (afterLoanId != null) {
                ps.setString(i++, afterLoanId);
            }
            ps.setInt(i, limit);
            List<StreamedGrade> rows = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String method = rs.getString(17);
                    ContractTerms terms = new ContractTerms(rs.getBigDecimal(16), method == null ? null : RepaymentMethod.valueOf(method),
                            rs.getBigDecimal(18), rs.getObject(19, Integer.class));
                    rows.add(new StreamedGrade(grade(rs), rs.getString(13), rs.getBigDecimal(14), rs.getBigDecimal(15), terms,
                            new PeriodFlows(rs.getBigDecimal(20), rs.getBigDecimal(21), rs.getBigDecimal(22),
                                    rs.getBigDecimal(23), rs.getBigDecimal(24), rs.getBigDecimal(25), rs.getBigDecimal(26),
                                    rs.getBigDecimal(27))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** One loan's row in a snapshot. */
    public Optional<GradedLoan> grade(UUID snapshotId, String loanId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(GRADE + "WHERE snapshot_id = ? AND loan_id = ?")) {
            ps.setObject(1, snapshotId);
            ps.setString(2, loanId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(grade(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    Optional<SnapshotHeader> byAsOf(Connection c, LocalDate asOf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HEADER + "WHERE as_of_date = ?")) {
            ps.setObject(1, asOf);
            return one(ps);
        }
    }

    /** The latest snapshot strictly before {@code asOf}: the "previous grade" of the upgrade discipline. */
    public Optional<SnapshotHeader> latestBefore(Connection c, LocalDate asOf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HEADER + "WHERE as_of_date < ? ORDER BY as_of_date DESC LIMIT 1")) {
            ps.setObject(1, asOf);
            return one(ps);
        }
    }

    /** A loan's row in a snapshot with the snapshot's header, and its balance in its own currency. */
    public record HistoryEntry(SnapshotHeader snapshot, GradedLoan grade, String currency, BigDecimal originalBalance) {
    }

    /** One loan in every snapshot that graded it, oldest first (a loan is in at most one snapshot per month-end). */
    public List<HistoryEntry> history(String loanId) {
        String sql = "SELECT s.snapshot_id, s.as_of_date, s.rule_set_version, s.loan_count, s.total_balance, s.currency,"
                + " s.fingerprint, s.created_at, g.loan_id, g.borrower_customer_number, g.borrower_kind, g.product, g.branch_code,"
                + " g.outstanding_balance, g.collateral_kind, g.collateral_value, g.category, g.rule_floor, g.days_past_due,"
                + " g.reason_codes, g.currency, g.original_balance FROM snapshot_grade g JOIN snapshot s ON s.snapshot_id = g.snapshot_id"
                + " WHERE g.loan_id = ? ORDER BY s.as_of_date";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, loanId);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(header(rs, 0), grade(rs, 8), rs.getString(21), rs.getBigDecimal(22)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public Optional<SnapshotHeader> latestBefore(LocalDate asOf) {
        try (Connection c = dataSource.getConnection()) {
            return latestBefore(c, asOf);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    static UUID parseId(String snapshotId) {
        try {
            return UUID.fromString(snapshotId);
        } catch (IllegalArgumentException malformed) {
            throw new NotFoundException(RESOURCE, snapshotId);
        }
    }

    private static Optional<SnapshotHeader> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(header(rs, 0));
        }
    }

    /** The header in the HEADER columns' order, starting after column {@code skip}. */
    private static SnapshotHeader header(ResultSet rs, int skip) throws SQLException {
        return new SnapshotHeader(rs.getObject(skip + 1, UUID.class), rs.getObject(skip + 2, LocalDate.class), rs.getString(skip + 3),
                rs.getLong(skip + 4), rs.getBigDecimal(skip + 5), rs.getString(skip + 6), rs.getString(skip + 7),
                rs.getTimestamp(skip + 8).toInstant());
    }

    private static GradedLoan grade(ResultSet rs) throws SQLException {
        return grade(rs, 0);
    }

    /** A grade in the GRADE columns' order, starting after column {@code skip}. */
    private static GradedLoan grade(ResultSet rs, int skip) throws SQLException {
        Array reasons = rs.getArray(skip + 12);
        return new GradedLoan(rs.getString(skip + 1), rs.getString(skip + 2), BorrowerKind.valueOf(rs.getString(skip + 3)),
                Product.valueOf(rs.getString(skip + 4)), rs.getString(skip + 5), rs.getBigDecimal(skip + 6),
                CollateralKind.valueOf(rs.getString(skip + 7)), rs.getBigDecimal(skip + 8), Category.ofRank(rs.getInt(skip + 9)),
                Category.ofRank(rs.getInt(skip + 10)), rs.getInt(skip + 11), List.copyOf(Arrays.asList((String[]) reasons.getArray())));
    }

    static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("cannot read snapshots", e);
    }
}
