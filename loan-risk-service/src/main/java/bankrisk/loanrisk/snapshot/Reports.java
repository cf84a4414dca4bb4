package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.money.Amounts;
import bankrisk.common.money.Rates;
import bankrisk.loanrisk.grading.Category;

/** The risk committee's reports over snapshots: the five-category summary and the migration matrix. */
@ApplicationScoped
public class Reports {

    /** Five rows, Normal first, the NPL balance and ratio (non-performing balance ÷ total balance). */
    public record Summary(SnapshotHeader snapshot, List<CategoryTotal> categories, BigDecimal nplBalance, BigDecimal nplRatio) {
    }

    /** One cell: loans graded {@code from} in the earlier snapshot and {@code to} in the later one. */
    public record Cell(Category from, Category to, long loanCount, BigDecimal balance) {
    }

    /** 25 cells row by row; loans new in the later snapshot; loans gone from it (repaid), by earlier category. */
    public record MigrationMatrix(SnapshotHeader from, SnapshotHeader to, List<Cell> cells, List<CategoryTotal> newLoans,
            List<CategoryTotal> repaidLoans) {
    }

    private final DataSource dataSource;
    private final Snapshots snapshots;

    @Inject
    Reports(DataSource dataSource, Snapshots snapshots) {
        this.dataSource = dataSource;
        this.snapshots = snapshots;
    }

    public Summary summary(String snapshotId) {
        SnapshotHeader header = snapshots.byId(snapshotId);
        BigDecimal[] balance = new BigDecimal[6];
        long[] count = new long[6];
        query("SELECT category, count(*), sum(outstanding_balance) FROM snapshot_grade WHERE snapshot_id = ? GROUP BY category",
                rs -> {
                    count[rs.getInt(1)] = rs.getLong(2);
                    balance[rs.getInt(1)] = rs.getBigDecimal(3);
                }, header.snapshotId());
        List<CategoryTotal> categories = new ArrayList<>();
        BigDecimal npl = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (Category category : Category.values()) {
            BigDecimal amount = balance[category.rank()] == null ? BigDecimal.ZERO : balance[category.rank()];
            categories.add(new CategoryTotal(category, count[category.rank()], Amounts.round(amount)));
            total = total.add(amount);
            if (category.isNonPerforming()) {
                npl = npl.add(amount);
            }
        }
        return new Summary(header, categories, Amounts.round(npl), Rates.ratio(npl, total));
    }

    public MigrationMatrix migration(String fromId, String toId) {
        SnapshotHeader from = snapshots.byId(fromId);
        SnapshotHeader to = snapshots.byId(toId);
        if (!from.asOf().isBefore(to.asOf())) {
            throw new InvalidArgumentException("to_snapshot_id",
                    "must be a later snapshot than from_snapshot_id (" + from.asOf() + " vs " + to.asOf() + ")");
        }
        long[][] counts = new long[6][6];
        BigDecimal[][] balances = new BigDecimal[6][6];
        long[] newCount = new long[6];
        BigDecimal[] newBalance = new BigDecimal[6];
        long[] goneCount = new long[6];
        BigDecimal[] goneBalance = new BigDecimal[6];
        // One full join: f only = repaid, t only = new, both = a cell of the matrix.
        query("""
                SELECT f.category, t.category, count(*), sum(coalesce(t.outstanding_balance, f.outstanding_balance))
                FROM (SELECT loan_id, category, outstanding_balance FROM snapshot_grade WHERE snapshot_id = ?) f
                FULL JOIN (SELECT loan_id, category, outstanding_balance FROM snapshot_grade WHERE snapshot_id = ?) t
                  ON t.loan_id = f.loan_id
                GROUP BY f.category, t.category""", rs -> {
            int f = rs.getInt(1);
            int t = rs.getInt(2);
            if (f == 0) {
                newCount[t] = rs.getLong(3);
                newBalance[t] = rs.getBigDecimal(4);
            } else if (t == 0) {
                goneCount[f] = rs.getLong(3);
                goneBalance[f] = rs.getBigDecimal(4);
            } else {
                counts[f][t] = rs.getLong(3);
                balances[f][t] = rs.getBigDecimal(4);
            }
        }, from.snapshotId(), to.snapshotId());
        List<Cell> cells = new ArrayList<>();
        List<CategoryTotal> added = new ArrayList<>();
        List<CategoryTotal> repaid = new ArrayList<>();
        for (Category f : Category.values()) {
            for (Category t : Category.values()) {
                cells.add(new Cell(f, t, counts[f.rank()][t.rank()], amount(balances[f.rank()][t.rank()])));
            }
            added.add(new CategoryTotal(f, newCount[f.rank()], amount(newBalance[f.rank()])));
            repaid.add(new CategoryTotal(f, goneCount[f.rank()], amount(goneBalance[f.rank()])));
        }
        return new MigrationMatrix(from, to, cells, added, repaid);
    }

    private static BigDecimal amount(BigDecimal value) {
        return Amounts.round(value == null ? BigDecimal.ZERO : value);
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowHandler handler, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw Snapshots.failure(e);
        }
    }
}
