package bankrisk.loanrisk.snapshot;

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
import bankrisk.loanrisk.loan.Product;

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

    /** Up to {@code limit} rows after {@code afterLoanId} (null for the first page), in loan-id order (keyset paging). */
    public List<GradedLoan> page(UUID snapshotId, String afterLoanId, int limit) {
        String sql = GRADE + "WHERE snapshot_id = ?" + (afterLoanId == null ? "" : " AND loan_id > ?") + " ORDER BY loan_id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, snapshotId);
            if (afterLoanId != null) {
                ps.setString(i++, afterLoanId);
            }
            ps.setInt(i, limit);
            List<GradedLoan> rows = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(grade(rs));
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
            return Optional.of(new SnapshotHeader(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3),
                    rs.getLong(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7),
                    rs.getTimestamp(8).toInstant()));
        }
    }

    private static GradedLoan grade(ResultSet rs) throws SQLException {
        Array reasons = rs.getArray(12);
        return new GradedLoan(rs.getString(1), rs.getString(2), BorrowerKind.valueOf(rs.getString(3)),
                Product.valueOf(rs.getString(4)), rs.getString(5), rs.getBigDecimal(6), CollateralKind.valueOf(rs.getString(7)),
                rs.getBigDecimal(8), Category.ofRank(rs.getInt(9)), Category.ofRank(rs.getInt(10)), rs.getInt(11),
                List.copyOf(Arrays.asList((String[]) reasons.getArray())));
    }

    static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("cannot read snapshots", e);
    }
}
