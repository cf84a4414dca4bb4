package bankrisk.provision.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.money.Amounts;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.PolicyFramework;
import bankrisk.provision.ratio.RegulatoryRatios;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.RunRepository;
import bankrisk.provision.run.RunTotals;
import bankrisk.provision.tier.TierLoader;

/** The breakdowns of a run, each one GROUP BY over the run's lines (the tier one joined to the run's tiers). */
@ApplicationScoped
public class ReportService {

    public static final String UNTIERED = "UNTIERED";
    public static final String NO_TIER = "NO_TIER";

    private static final String SUMS = "COUNT(*), SUM(l.balance), "
            + "COALESCE(SUM(l.balance) FILTER (WHERE l.category IN ('SUBSTANDARD', 'DOUBTFUL', 'LOSS')), 0), SUM(l.provision), SUM(l.ecl)";

    private final DataSource dataSource;
    private final RunRepository runs;
    private final TierLoader tiers;

    @Inject
    ReportService(DataSource dataSource, RunRepository runs, TierLoader tiers) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.tiers = tiers;
    }

    public Report report(long runId, ReportView view) {
        return report(runs.get(runId), view);
    }

    /** Every view of a run with its ratios: what the downloads print. */
    public ReportBundle bundle(long runId, java.util.Collection<ReportView> views) {
        ProvisionRun run = runs.get(runId);
        RunTotals totals = run.totals();
        RegulatoryRatios ratios = RegulatoryRatios.of(totals.totalBalance(), totals.nplBalance(), totals.allowance(), run.thresholds());
        return new ReportBundle(run, framework(run), ratios, views.stream().map(view -> report(run, view)).toList());
    }

    /** The rule book of the run's policy version (stored with the version, never changed). */
    private PolicyFramework framework(ProvisionRun run) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT p.framework FROM provision_policy p JOIN provision_run r ON r.policy_id = p.id WHERE r.id = ?")) {
            ps.setLong(1, run.id());
            try (ResultSet row = ps.executeQuery()) {
                row.next();
                return PolicyFramework.valueOf(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the policy framework of run " + run.id(), e);
        }
    }

    public Report report(ProvisionRun run, ReportView view) {
        return switch (view) {
            case CATEGORY -> new Report(run, view, categoryRows(run), "");
            case PRODUCT -> new Report(run, view, rows(run.id(), "SELECT l.product, l.product, " + SUMS
                    + " FROM provision_line l WHERE l.run_id = ? GROUP BY l.product ORDER BY l.product"), "");
            case BRANCH -> new Report(run, view, rows(run.id(), "SELECT l.branch_code, l.branch_code, " + SUMS
                    + " FROM provision_line l WHERE l.run_id = ? GROUP BY l.branch_code ORDER BY l.branch_code"), "");
            case TIER -> tierReport(run);
        };
    }

    /** All five categories, best first, even those without loans. */
    private List<ReportRow> categoryRows(ProvisionRun run) {
        Map<String, ReportRow> byKey = new LinkedHashMap<>();
        for (LoanCategory category : LoanCategory.values()) {
            byKey.put(category.name(), new ReportRow(category.name(), category.name(), 0, Amounts.ZERO, Amounts.ZERO, Amounts.ZERO, Amounts.ZERO));
        }
        for (ReportRow row : rows(run.id(), "SELECT l.category, l.category, " + SUMS + " FROM provision_line l WHERE l.run_id = ? GROUP BY l.category")) {
            byKey.put(row.key(), row);
        }
        return new ArrayList<>(byKey.values());
    }

    private Report tierReport(ProvisionRun run) {
        TierLoader.Status status = tiers.ensureLoaded(run);
        String note = switch (status) {
            case LOADED -> "";
            case MONTH_NOT_EVALUATED -> "tiering-service has not evaluated " + java.time.YearMonth.from(run.inputs().asOf())
                    + ": every customer shows as " + UNTIERED;
            case TIERING_UNAVAILABLE -> "tiering-service is unavailable: every customer shows as " + UNTIERED + "; ask again later";
        };
        List<ReportRow> rows = rows(run.id(), "SELECT g.code, MAX(g.name), " + SUMS.replace("l.", "g.") + " FROM ("
                + " SELECT CASE WHEN t.customer_number IS NULL THEN '" + UNTIERED + "' WHEN t.tier_code = '' THEN '" + NO_TIER
                + "' ELSE t.tier_code END AS code,"
                + " CASE WHEN t.customer_number IS NULL THEN 'Untiered (unknown to tiering)' WHEN t.tier_code = '' THEN 'Below the lowest tier'"
                + " ELSE t.tier_name END AS name, l.balance, l.category, l.provision, l.ecl"
                + " FROM provision_line l LEFT JOIN provision_run_tier t ON t.run_id = l.run_id AND t.customer_number = l.customer_number"
                + " WHERE l.run_id = ?) g GROUP BY g.code ORDER BY g.code");
        return new Report(run, ReportView.TIER, rows, note);
    }

    private List<ReportRow> rows(long runId, String sql) {
        List<ReportRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, runId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(new ReportRow(row.getString(1), row.getString(2), row.getLong(3), Amounts.round(row.getBigDecimal(4)),
                            Amounts.round(row.getBigDecimal(5)), Amounts.round(row.getBigDecimal(6)), Amounts.round(row.getBigDecimal(7))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the report of run " + runId + " failed", e);
        }
        return rows;
    }
}
