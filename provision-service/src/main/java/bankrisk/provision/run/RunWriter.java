package bankrisk.provision.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.platform.db.PgCopy;
import bankrisk.provision.ratio.RatioThresholds;

/**
 * Writes one whole run inside the caller's transaction: the run row (status RUNNING, invisible to readers until
 * the commit), every line streamed from loan-risk straight into COPY in chunks, the totals, and the flip to
 * COMPLETED. Memory holds one chunk of lines and five category totals, never the book.
 */
@ApplicationScoped
public class RunWriter {

    private static final String LINE_COLUMNS = "run_id, loan_id, customer_number, borrower_kind, product, branch_code, category, "
            + "days_past_due, balance, collateral_kind, collateral_value, base, rate, provision, ecl_stage, ecl_pd, ecl_lgd, ecl";

    private static final Logger LOG = Logger.getLogger(RunWriter.class);

    private static final Pattern DUPLICATE_KEY = Pattern.compile("=\\(\\d+, (.*?)\\) already exists");

    private final DataSource dataSource;
    private final SnapshotSource snapshots;

    @Inject
    RunWriter(DataSource dataSource, SnapshotSource snapshots) {
        this.dataSource = dataSource;
        this.snapshots = snapshots;
    }

    /** The new run's id, or empty when a run with the same input key completed first (its id is then looked up). */
    OptionalLong write(RunPlan plan, int attempt, int progressEvery, ProgressListener listener) {
        try (Connection connection = dataSource.getConnection()) {
            OptionalLong inserted = insertRun(connection, plan);
            long started = System.nanoTime();
            if (inserted.isEmpty()) {
                return inserted;
            }
            long runId = inserted.getAsLong();
            SnapshotHeader header = plan.header();
            RunTotals totals = new RunTotals();
            RunFingerprint fingerprint = new RunFingerprint(plan.canonicalInputs());
            long[] done = {0};
            long streamed;
            try (PgCopy copy = PgCopy.open(connection, "provision_line", LINE_COLUMNS)) {
                snapshots.forEachGrade(header.snapshotId(), loan -> {
                    ProvisionLine line = plan.calculator().line(loan);
                    totals.add(line);
                    fingerprint.add(line);
                    copy.row(runId, loan.loanId(), loan.customerNumber(), loan.borrowerKind(), loan.product(), loan.branchCode(),
                            loan.category(), loan.daysPastDue(), loan.balance(), loan.collateralKind(), loan.collateralValue(),
                            line.base(), line.rate(), line.provision(), line.ecl().stage(), line.ecl().pd(), line.ecl().lgd(),
                            line.ecl().ecl());
                    if (++done[0] % progressEvery == 0) {
                        listener.progress(new RunProgress(RunProgress.Phase.PROVISIONING, done[0], header.loanCount(), attempt, ""));
                    }
                });
                streamed = System.nanoTime();
                copy.finish();
            } catch (SQLException e) {
                throw copyFailed(header, e);
            } catch (PgCopy.CopyFailedException e) {
                throw copyFailed(header, e.sqlException());
            }
            checkComplete(header, totals);
            totals.generalReserve(plan.calculator().generalReserve(totals.totalBalance()));
            long copied = System.nanoTime();
            complete(connection, runId, totals, fingerprint.hex());
            // Where a run's time goes: the stream (loan-risk, parsing, arithmetic, COPY rows sent) and what
            // PostgreSQL still had to store when the last row was sent.
            LOG.infof("run %d: %d lines streamed, computed and sent in %d ms; COPY ended %d ms later", runId, totals.loanCount(),
                    (streamed - started) / 1_000_000, (copied - streamed) / 1_000_000);
            return OptionalLong.of(runId);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the provision run failed", e);
        }
    }

    /**
     * Inserts the RUNNING row. When another transaction holds the same input key, PostgreSQL waits for it: if it
     * commits, nothing is inserted (empty); if it rolls back, this run proceeds.
     */
    private static OptionalLong insertRun(Connection connection, RunPlan plan) throws SQLException {
        RunInputs inputs = plan.inputs();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO provision_run (status, input_key, as_of, policy_id, policy_code, policy_version, provision_base,
                    general_reserve_rate, eligible_collateral, ecl_parameters, currency_code, snapshot_id, snapshot_fingerprint,
                    snapshot_rule_set)
                VALUES ('RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (input_key) DO NOTHING
                RETURNING id""")) {
            int i = 0;
            insert.setString(++i, plan.inputKey());
            insert.setObject(++i, inputs.asOf());
            insert.setLong(++i, plan.policyId());
            insert.setString(++i, inputs.policyCode());
            insert.setInt(++i, inputs.policyVersion());
            insert.setString(++i, inputs.base().name());
            insert.setBigDecimal(++i, inputs.generalReserveRate());
            insert.setString(++i, inputs.eligibleCollateral());
            insert.setString(++i, inputs.eclParameters());
            insert.setString(++i, inputs.currencyCode());
            insert.setString(++i, inputs.snapshotId());
            insert.setString(++i, inputs.snapshotFingerprint());
            insert.setString(++i, inputs.snapshotRuleSet());
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static void complete(Connection connection, long runId, RunTotals totals, String fingerprint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO provision_run_category (run_id, category, loan_count, balance, base, provision, ecl) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (CategoryTotals category : totals.categories()) {
                insert.setLong(1, runId);
                insert.setString(2, category.category().name());
                insert.setLong(3, category.loanCount());
                insert.setBigDecimal(4, category.balance());
                insert.setBigDecimal(5, category.base());
                insert.setBigDecimal(6, category.provision());
                insert.setBigDecimal(7, category.ecl());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE provision_run SET status = 'COMPLETED', fingerprint = ?, loan_count = ?, total_balance = ?, npl_balance = ?,
                    specific_provision = ?, general_reserve = ?, ecl = ?, stage1_loans = ?, stage2_loans = ?, stage3_loans = ?,
                    completed_at = now()
                WHERE id = ? AND status = 'RUNNING'""")) {
            update.setString(1, fingerprint);
            update.setLong(2, totals.loanCount());
            update.setBigDecimal(3, totals.totalBalance());
            update.setBigDecimal(4, totals.nplBalance());
            update.setBigDecimal(5, totals.specificProvision());
            update.setBigDecimal(6, totals.generalReserve());
            update.setBigDecimal(7, totals.ecl());
            update.setLong(8, totals.stageLoans(1));
            update.setLong(9, totals.stageLoans(2));
            update.setLong(10, totals.stageLoans(3));
            update.setLong(11, runId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("provision run " + runId + " was not RUNNING when it completed");
            }
        }
    }

    /**
     * Marks a run just written (in its transaction) as a MOF general-risk-reserve run and freezes the booked allowance
     * it deducts, so reading it never looks at the other run again.
     */
    void markGeneralRiskReserve(long runId, ProvisionRun deducted) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE provision_run SET purpose = 'GENERAL_RISK_RESERVE', deducted_run_id = ?, deducted_allowance = ? WHERE id = ?")) {
            update.setLong(1, deducted.id());
            update.setBigDecimal(2, deducted.totals().allowance());
            update.setLong(3, runId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark run " + runId + " as a general risk reserve run", e);
        }
    }

    /** Freezes, in the run's transaction, the regime and thresholds the run is judged against. */
    void freezeThresholds(long runId, RatioThresholds thresholds) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE provision_run SET ratio_regime = ?, coverage_min = ?, loan_provision_ratio_min = ?, npl_ratio_max = ? WHERE id = ?")) {
            update.setString(1, thresholds.regime());
            update.setBigDecimal(2, thresholds.minCoverage());
            update.setBigDecimal(3, thresholds.minLoanProvisionRatio());
            update.setBigDecimal(4, thresholds.maxNplRatio());
            update.setLong(5, runId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the thresholds of run " + runId, e);
        }
    }

    /** The stream must deliver exactly what the snapshot header announced, or the run would be silently partial. */
    private static void checkComplete(SnapshotHeader header, RunTotals totals) {
        if (totals.loanCount() != header.loanCount() || totals.totalBalance().compareTo(header.totalBalance()) != 0) {
            throw new FailedPreconditionException("SNAPSHOT_INCOMPLETE", "loan-risk snapshot " + header.snapshotId() + " announced "
                    + header.loanCount() + " loans totalling " + header.totalBalance().toPlainString() + " but streamed "
                    + totals.loanCount() + " totalling " + totals.totalBalance().toPlainString());
        }
    }

    private static RuntimeException copyFailed(SnapshotHeader header, SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            // PostgreSQL's detail names the key: "Key (run_id, loan_id)=(5, L002) already exists." Only the loan id is
            // passed on; the SQL is not the caller's business.
            Matcher key = DUPLICATE_KEY.matcher(String.valueOf(e.getMessage()));
            String loan = key.find() ? "loan '" + key.group(1) + "'" : "a loan";
            return new FailedPreconditionException("SNAPSHOT_DUPLICATE_LOAN",
                    "loan-risk snapshot " + header.snapshotId() + " lists " + loan + " twice");
        }
        return new IllegalStateException("writing the provision lines failed", e);
    }
}
