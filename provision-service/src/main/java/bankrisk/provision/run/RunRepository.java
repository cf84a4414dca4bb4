package bankrisk.provision.run;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.NotFoundException;
import bankrisk.common.money.Amounts;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.PolicyPurpose;
import bankrisk.provision.ratio.RatioThresholds;
import bankrisk.provision.policy.ProvisionBase;

/** Reads completed runs. A run still being written (status RUNNING, uncommitted) is never returned. */
@ApplicationScoped
public class RunRepository {

    public static final String RESOURCE = "provision run";

    private static final String COLUMNS = "id, as_of, policy_code, policy_version, provision_base, general_reserve_rate, "
            + "eligible_collateral, ecl_parameters, currency_code, snapshot_id, snapshot_fingerprint, snapshot_rule_set, "
            + "fingerprint, general_reserve, stage1_loans, stage2_loans, stage3_loans, completed_at, approval_status, "
            + "submitted_by, submitted_at, decided_by, decided_at, reversal_requested_by, reversal_requested_at, "
            + "(SELECT p.id FROM provision_posting p WHERE p.run_id = provision_run.id AND p.kind = 'POSTING') AS posting_id, "
            + "(SELECT p.id FROM provision_posting p WHERE p.run_id = provision_run.id AND p.kind = 'REVERSAL') AS reversal_id, purpose, deducted_run_id, deducted_allowance, "
            + "ratio_regime, coverage_min, loan_provision_ratio_min, npl_ratio_max";

    private final DataSource dataSource;

    @Inject
    public RunRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ProvisionRun get(long runId) {
        return find("id = ?", runId).orElseThrow(() -> new NotFoundException(RESOURCE, Long.toString(runId)));
    }

    public Optional<ProvisionRun> findByInputKey(String inputKey) {
        return find("input_key = ?", inputKey);
    }

    /** The latest completed run of the same policy code before the run's as-of date, if any. */
    public Optional<ProvisionRun> previous(ProvisionRun run) {
        return find("policy_code = ? AND as_of < ? ORDER BY as_of DESC, id DESC LIMIT 1", run.inputs().policyCode(),
                run.inputs().asOf());
    }

    /** A page of completed runs, newest as-of first; null filters match everything. */
    public List<ProvisionRun> list(LocalDate from, LocalDate to, String policyCode, ApprovalStatus status, long offset, int size) {
        List<Long> ids = new ArrayList<>();
        Filter filter = new Filter(from, to, policyCode, status);
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM provision_run WHERE " + filter.where() + " ORDER BY as_of DESC, id DESC OFFSET ? LIMIT ?")) {
            int next = filter.bind(statement);
            statement.setLong(next, offset);
            statement.setInt(next + 1, size);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing provision runs failed", e);
        }
        return ids.stream().map(this::get).toList();
    }

    /** How many completed runs match; null filters match everything. */
    public long count(LocalDate from, LocalDate to, String policyCode, ApprovalStatus status) {
        Filter filter = new Filter(from, to, policyCode, status);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM provision_run WHERE " + filter.where())) {
            filter.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting provision runs failed", e);
        }
    }

    /** The filters of a run list, as SQL with its parameters bound in order. */
    private record Filter(LocalDate from, LocalDate to, String policyCode, ApprovalStatus status) {

        String where() {
            return "status = 'COMPLETED'" + (from == null ? "" : " AND as_of >= ?") + (to == null ? "" : " AND as_of <= ?")
                    + (policyCode == null ? "" : " AND policy_code = ?") + (status == null ? "" : " AND approval_status = ?");
        }

        /** Binds the parameters and returns the index of the next one. */
        int bind(PreparedStatement statement) throws SQLException {
            int i = 1;
            if (from != null) {
                statement.setObject(i++, from);
            }
            if (to != null) {
                statement.setObject(i++, to);
            }
            if (policyCode != null) {
                statement.setString(i++, policyCode);
            }
            if (status != null) {
                statement.setString(i++, status.name());
            }
            return i;
        }
    }

    private Optional<ProvisionRun> find(String condition, Object... parameters) {
        String sql = "SELECT " + COLUMNS + " FROM provision_run WHERE status = 'COMPLETED' AND " + condition;
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long id = row.getLong("id");
                RunInputs inputs = new RunInputs(row.getObject("as_of", LocalDate.class), row.getString("policy_code"),
                        row.getInt("policy_version"), ProvisionBase.valueOf(row.getString("provision_base")),
                        row.getBigDecimal("general_reserve_rate").stripTrailingZeros(), row.getString("eligible_collateral"),
                        row.getString("ecl_parameters"), row.getString("currency_code"), row.getString("snapshot_id"),
                        row.getString("snapshot_fingerprint"), row.getString("snapshot_rule_set"));
                String fingerprint = row.getString("fingerprint");
                BigDecimal general = row.getBigDecimal("general_reserve");
                OffsetDateTime completedAt = row.getObject("completed_at", OffsetDateTime.class);
                return Optional.of(new ProvisionRun(id, inputs, fingerprint, new RunTotals(categories(connection, id), general,
                        new long[] {row.getLong("stage1_loans"), row.getLong("stage2_loans"), row.getLong("stage3_loans")}), completedAt,
                        lifecycle(row), PolicyPurpose.valueOf(row.getString("purpose")), row.getLong("deducted_run_id"),
                        row.getBigDecimal("deducted_allowance") == null ? null : Amounts.round(row.getBigDecimal("deducted_allowance")),
                        new RatioThresholds(row.getString("ratio_regime"), row.getBigDecimal("coverage_min").stripTrailingZeros(),
                                row.getBigDecimal("loan_provision_ratio_min").stripTrailingZeros(),
                                row.getBigDecimal("npl_ratio_max").stripTrailingZeros())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading provision runs failed", e);
        }
    }

    private static RunLifecycle lifecycle(ResultSet row) throws SQLException {
        return new RunLifecycle(ApprovalStatus.valueOf(row.getString("approval_status")), row.getString("submitted_by"),
                row.getObject("submitted_at", OffsetDateTime.class), row.getString("decided_by"),
                row.getObject("decided_at", OffsetDateTime.class), row.getString("reversal_requested_by"),
                row.getObject("reversal_requested_at", OffsetDateTime.class), row.getLong("posting_id"), row.getLong("reversal_id"));
    }

    private static List<CategoryTotals> categories(Connection connection, long runId) throws SQLException {
        List<CategoryTotals> categories = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT category, loan_count, balance, base, provision, ecl FROM provision_run_category WHERE run_id = ?")) {
            statement.setLong(1, runId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    categories.add(new CategoryTotals(LoanCategory.valueOf(row.getString(1)), row.getLong(2),
                            Amounts.round(row.getBigDecimal(3)), Amounts.round(row.getBigDecimal(4)),
                            Amounts.round(row.getBigDecimal(5)), Amounts.round(row.getBigDecimal(6))));
                }
            }
        }
        return categories;
    }
}
