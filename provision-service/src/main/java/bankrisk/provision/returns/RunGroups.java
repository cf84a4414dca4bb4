package bankrisk.provision.returns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.platform.db.DatabaseException;
import bankrisk.provision.policy.LoanCategory;

/**
 * A completed run's per-loan lines summed in SQL for the returns: by the G11 grid's keys, and by borrower within each
 * non-Normal category for G13. Set-based: the database sums, the service sees groups, never the loans.
 */
@ApplicationScoped
public class RunGroups {

    /** Loans of one category, borrower kind, product and days past due (capped where the buckets stop telling apart). */
    public record Group(LoanCategory category, String borrowerKind, String product, int daysPastDue, Cell cell) {
    }

    /** A borrower's loans of one category, ranked within it by balance (ties by customer number). */
    public record BorrowerGroup(LoanCategory category, int rank, String customerNumber, Cell cell, int daysPastDue) {
    }

    private final DataSource dataSource;

    @Inject
    RunGroups(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Group> g11Groups(long runId) {
        List<Group> groups = new ArrayList<>();
        query("SELECT category, borrower_kind, product, LEAST(days_past_due, " + OverdueBucket.CAP + "), count(*), sum(balance), "
                + "sum(provision) FROM provision_line WHERE run_id = ? GROUP BY 1, 2, 3, 4", runId, row -> groups.add(new Group(
                        LoanCategory.valueOf(row.getString(1)), row.getString(2), row.getString(3), row.getInt(4),
                        new Cell(row.getLong(5), row.getBigDecimal(6), row.getBigDecimal(7)))));
        return groups;
    }

    /** The {@code top} largest borrowers of each non-Normal category, by category then rank. */
    public List<BorrowerGroup> largestBorrowers(long runId, int top) {
        List<BorrowerGroup> groups = new ArrayList<>();
        query("WITH b AS (SELECT category, customer_number, count(*) AS loans, sum(balance) AS balance, sum(provision) AS allowance, "
                + "max(days_past_due) AS dpd FROM provision_line WHERE run_id = ? AND category <> 'NORMAL' GROUP BY category, customer_number), "
                + "r AS (SELECT b.*, row_number() OVER (PARTITION BY category ORDER BY balance DESC, customer_number COLLATE \"C\") AS rank FROM b) "
                + "SELECT category, rank, customer_number, loans, balance, allowance, dpd FROM r WHERE rank <= " + top
                + " ORDER BY category, rank", runId, row -> groups.add(new BorrowerGroup(LoanCategory.valueOf(row.getString(1)),
                        row.getInt(2), row.getString(3), new Cell(row.getLong(4), row.getBigDecimal(5), row.getBigDecimal(6)),
                        row.getInt(7))));
        return groups;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, long runId, RowReader reader) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
