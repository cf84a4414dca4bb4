package bankrisk.provision.movement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.money.Amounts;

/**
 * Set-based movement of the specific provisions between two runs, grouped by category or branch: one FULL OUTER JOIN
 * of the two runs' lines on loan id, each matched pair split into its old-side and new-side contributions.
 *
 * <p>Per loan, with "group" the category or branch: in both runs and the same group → increase charged, decrease
 * released; in both runs, another group → released from the old group, charged to the new one; only in the later
 * run → charged; only in the earlier run → written off when its last grade was LOSS (loan-risk has no write-off
 * event yet: a Loss loan leaving the book is presumed written off), released otherwise (repaid, sold). Recoveries
 * are not known to this service and are always 0.
 */
@ApplicationScoped
public class MovementQuery {

    public enum GroupBy {
        CATEGORY("category"),
        BRANCH("branch_code");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    private static final String SQL = """
            SELECT s.grp, SUM(s.opening), SUM(s.charge), SUM(s.release), SUM(s.write_off), SUM(s.write_off_balance), SUM(s.closing)
            FROM (SELECT loan_id, category, branch_code, provision, balance FROM provision_line WHERE run_id = ?) o
            FULL OUTER JOIN (SELECT loan_id, category, branch_code, provision FROM provision_line WHERE run_id = ?) n
                ON n.loan_id = o.loan_id
            CROSS JOIN LATERAL (VALUES
                (o.$K, o.provision,
                 CASE WHEN n.$K = o.$K THEN GREATEST(n.provision - o.provision, 0) ELSE 0 END,
                 CASE WHEN n.loan_id IS NULL THEN CASE WHEN o.category = 'LOSS' THEN 0 ELSE o.provision END
                      WHEN n.$K <> o.$K THEN o.provision
                      ELSE GREATEST(o.provision - n.provision, 0) END,
                 CASE WHEN n.loan_id IS NULL AND o.category = 'LOSS' THEN o.provision ELSE 0 END,
                 CASE WHEN n.loan_id IS NULL AND o.category = 'LOSS' THEN o.balance ELSE 0 END,
                 CASE WHEN n.$K = o.$K THEN n.provision ELSE 0 END),
                (n.$K, 0,
                 CASE WHEN o.loan_id IS NULL OR o.$K <> n.$K THEN n.provision ELSE 0 END,
                 0, 0, 0,
                 CASE WHEN o.loan_id IS NULL OR o.$K <> n.$K THEN n.provision ELSE 0 END)
            ) AS s(grp, opening, charge, release, write_off, write_off_balance, closing)
            WHERE s.grp IS NOT NULL
            GROUP BY s.grp
            ORDER BY s.grp""";

    private final DataSource dataSource;

    @Inject
    MovementQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Movement from run {@code fromRunId} (0: none, every later provision is a charge) to run {@code toRunId}. */
    public List<KeyedMovement> movement(long fromRunId, long toRunId, GroupBy groupBy) {
        List<KeyedMovement> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL.replace("$K", groupBy.column))) {
            statement.setLong(1, fromRunId);
            statement.setLong(2, toRunId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(new KeyedMovement(row.getString(1), Amounts.round(row.getBigDecimal(2)), Amounts.round(row.getBigDecimal(3)),
                            Amounts.round(row.getBigDecimal(4)), Amounts.round(row.getBigDecimal(5)), Amounts.round(row.getBigDecimal(6)),
                            Amounts.round(row.getBigDecimal(7))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("computing the movement between runs failed", e);
        }
        return rows;
    }
}
