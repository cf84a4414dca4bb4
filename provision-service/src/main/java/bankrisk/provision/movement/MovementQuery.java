package bankrisk.provision.movement;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.money.Amounts;
import bankrisk.platform.db.PgCopy;
import bankrisk.provision.returns.FlowSource;
import bankrisk.provision.returns.LoanFlowFact;
import bankrisk.provision.run.ProvisionRun;

/**
 * Set-based movement of the specific provisions between two runs, grouped by category or branch, from facts: the
 * runs' lines joined on loan id with loan-risk's booked flows between the two runs' snapshots (StreamSnapshotFlows,
 * copied into a temporary table), nothing inferred — a loan that left the book without a booked write-off is a
 * release, whatever its grade.
 *
 * <p>Per loan, what the allowance used is a fact: a write-off uses its written-off principal (Dr allowance / Cr loans),
 * a transfer or foreclosure the principal its price or asset value did not cover (domain notes §5: derecognitions whose
 * difference uses the allowance; a gain is not the allowance's). Cash recovered on a written-off claim rebuilds the
 * allowance when the later run's policy books recoveries there ({@code recovery_booking = 'ALLOWANCE'}, V8). The charge
 * or release is then what remains, per loan and side: {@code closing − opening + used − recovered}, a charge when
 * positive, a release when negative, so every row rolls forward by construction (and is checked). Sides: a loan in
 * both runs and the same group is one side; one that changed group is released from the old group and charged to the
 * new one; the period's flows go with the earlier side (a new loan's with the later side). A loan in neither run (a
 * recovery on a claim written off before) is a LOSS row by category — a written-off claim is a Loss one — and its
 * flow's branch by branch.
 *
 * <p>Not separated: the translation difference of a foreign-currency loan's provision, which falls into its charge or
 * release (the runs store reporting-currency provisions only).
 */
@ApplicationScoped
public class MovementQuery {

    public enum GroupBy {
        CATEGORY("category", "'LOSS'"),
        BRANCH("branch_code", "f.branch_code");

        final String column;
        final String withoutRun;

        GroupBy(String column, String withoutRun) {
            this.column = column;
            this.withoutRun = withoutRun;
        }
    }

    private static final String FLOW_TABLE = """
            CREATE TEMPORARY TABLE movement_flow (
                loan_id VARCHAR(40) PRIMARY KEY, branch_code VARCHAR(40) NOT NULL, written_off NUMERIC(20, 2) NOT NULL,
                recovered NUMERIC(20, 2) NOT NULL, transferred NUMERIC(20, 2) NOT NULL, transfer_price NUMERIC(20, 2) NOT NULL,
                foreclosed NUMERIC(20, 2) NOT NULL, foreclosed_asset_value NUMERIC(20, 2) NOT NULL)""";

    private static final String FLOW_COLUMNS = "loan_id, branch_code, written_off, recovered, transferred, transfer_price, foreclosed, "
            + "foreclosed_asset_value";

    private static final String SQL = """
            SELECT side.grp, SUM(side.opening), SUM(GREATEST(plug.net, 0)), SUM(GREATEST(-plug.net, 0)), SUM(used.written_off),
                   SUM(used.derecognised), SUM(used.recovered), SUM(used.recovered_to_profit), SUM(side.closing)
            FROM (SELECT loan_id, category, branch_code, provision FROM provision_line WHERE run_id = ?) o
            FULL OUTER JOIN (SELECT loan_id, category, branch_code, provision FROM provision_line WHERE run_id = ?) n
                ON n.loan_id = o.loan_id
            FULL OUTER JOIN movement_flow f ON f.loan_id = COALESCE(o.loan_id, n.loan_id)
            CROSS JOIN (SELECT recovery_booking = 'ALLOWANCE' AS to_allowance FROM provision_policy p JOIN provision_run r
                        ON p.policy_code = r.policy_code AND p.version = r.policy_version WHERE r.id = ?) AS booking
            CROSS JOIN LATERAL (VALUES
                (o.$K, o.provision, CASE WHEN n.$K = o.$K THEN n.provision ELSE 0 END, TRUE),
                (CASE WHEN o.loan_id IS NULL OR o.$K <> n.$K THEN n.$K END, 0, n.provision, o.loan_id IS NULL),
                (CASE WHEN o.loan_id IS NULL AND n.loan_id IS NULL THEN $W END, 0, 0, TRUE)
            ) AS side(grp, opening, closing, carries_flows)
            CROSS JOIN LATERAL (SELECT
                CASE WHEN side.carries_flows THEN COALESCE(f.written_off, 0) ELSE 0 END AS written_off,
                CASE WHEN side.carries_flows THEN COALESCE(GREATEST(f.transferred - f.transfer_price, 0)
                    + GREATEST(f.foreclosed - f.foreclosed_asset_value, 0), 0) ELSE 0 END AS derecognised,
                CASE WHEN side.carries_flows AND booking.to_allowance THEN COALESCE(f.recovered, 0) ELSE 0 END AS recovered,
                CASE WHEN side.carries_flows AND NOT booking.to_allowance THEN COALESCE(f.recovered, 0) ELSE 0 END AS recovered_to_profit
            ) AS used
            CROSS JOIN LATERAL (SELECT side.closing - side.opening + used.written_off + used.derecognised - used.recovered AS net) AS plug
            WHERE side.grp IS NOT NULL
            GROUP BY side.grp
            ORDER BY side.grp""";

    private final DataSource dataSource;
    private final FlowSource flows;

    @Inject
    MovementQuery(DataSource dataSource, FlowSource flows) {
        this.dataSource = dataSource;
        this.flows = flows;
    }

    /**
     * Movement from run {@code from} (null: none, every later provision is a charge and no flow is read) to run
     * {@code to}; the caller has checked that {@code from} is earlier. Runs inside the caller's transaction if it has
     * one (a posting), so the flows it read and the journal it stored are one.
     */
    public List<KeyedMovement> movement(ProvisionRun from, ProvisionRun to, GroupBy groupBy) {
        List<KeyedMovement> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "DROP TABLE IF EXISTS pg_temp.movement_flow");
            execute(connection, FLOW_TABLE);
            try {
                if (from != null) {
                    copyFlows(connection, from.inputs().snapshotId(), to.inputs().snapshotId());
                }
                try (PreparedStatement statement = connection.prepareStatement(
                        SQL.replace("$K", groupBy.column).replace("$W", groupBy.withoutRun))) {
                    statement.setLong(1, from == null ? 0 : from.id());
                    statement.setLong(2, to.id());
                    statement.setLong(3, to.id());
                    try (ResultSet row = statement.executeQuery()) {
                        while (row.next()) {
                            rows.add(new KeyedMovement(row.getString(1), amount(row, 2), amount(row, 3), amount(row, 4), amount(row, 5),
                                    amount(row, 6), amount(row, 7), amount(row, 8), amount(row, 9)));
                        }
                    }
                }
            } finally {
                dropQuietly(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("computing the movement between runs failed", e);
        }
        return rows;
    }

    /** Only loans with a write-off, recovery, transfer or foreclosure matter to the allowance; the rest are not copied. */
    private void copyFlows(Connection connection, String fromSnapshotId, String toSnapshotId) throws SQLException {
        try (PgCopy copy = PgCopy.open(connection, "movement_flow", FLOW_COLUMNS)) {
            flows.forEachFlow(fromSnapshotId, toSnapshotId, flow -> {
                if (usesOrRebuildsTheAllowance(flow)) {
                    copy.row(flow.loanId(), flow.branchCode(), flow.writtenOff(), flow.recovered(), flow.transferred(), flow.transferPrice(),
                            flow.foreclosed(), flow.foreclosedAssetValue());
                }
            });
            copy.finish();
        }
    }

    private static boolean usesOrRebuildsTheAllowance(LoanFlowFact flow) {
        return flow.writtenOff().signum() != 0 || flow.recovered().signum() != 0 || flow.transferred().signum() != 0
                || flow.foreclosed().signum() != 0;
    }

    private static BigDecimal amount(ResultSet row, int column) throws SQLException {
        return Amounts.round(row.getBigDecimal(column));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A failed transaction cannot drop it; it goes with the rollback then. */
    private static void dropQuietly(Connection connection) {
        try {
            execute(connection, "DROP TABLE IF EXISTS pg_temp.movement_flow");
        } catch (SQLException ignored) {
            // the caller's transaction is aborted: its rollback removes the table the transaction created
        }
    }
}
