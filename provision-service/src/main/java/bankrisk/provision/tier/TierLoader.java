package bankrisk.provision.tier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import bankrisk.platform.db.PgCopy;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.UpstreamUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Loads the customer tiers of a run's as-of month from tiering-service into a table of the run, once, so the tier
 * report is a SQL join and reads the same every time. A month tiering has not evaluated, or tiering being down,
 * is never a failure of the report: nothing is stored, the report says why customers show as UNTIERED, and the
 * next request tries again.
 */
@ApplicationScoped
public class TierLoader {

    private static final Logger LOG = Logger.getLogger(TierLoader.class);

    /** How the tiers of a run stand. */
    public enum Status {
        LOADED,
        MONTH_NOT_EVALUATED,
        TIERING_UNAVAILABLE
    }

    private final DataSource dataSource;
    private final TierSource tiers;

    @Inject
    TierLoader(DataSource dataSource, TierSource tiers) {
        this.dataSource = dataSource;
        this.tiers = tiers;
    }

    public Status ensureLoaded(ProvisionRun run) {
        if (isLoaded(run.id())) {
            return Status.LOADED;
        }
        YearMonth month = YearMonth.from(run.inputs().asOf());
        try {
            return QuarkusTransaction.requiringNew().call(() -> load(run.id(), month));
        } catch (MonthNotEvaluated e) {
            return Status.MONTH_NOT_EVALUATED;
        } catch (UpstreamUnavailableException e) {
            LOG.warnf("tier breakdown of run %d without tiers: %s", run.id(), e.getMessage());
            return Status.TIERING_UNAVAILABLE;
        }
    }

    private Status load(long runId, YearMonth month) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO provision_run_tier_load (run_id, tier_month, customer_count) VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
                insert.setLong(1, runId);
                insert.setString(2, month.toString());
                if (insert.executeUpdate() == 0) {
                    return Status.LOADED; // loaded by a concurrent request meanwhile
                }
            }
            long count;
            try (PgCopy copy = PgCopy.open(connection, "provision_run_tier", "run_id, customer_number, tier_code, tier_name, value_class")) {
                boolean evaluated = tiers.forEachAssignment(month,
                        a -> copy.row(runId, a.customerNumber(), a.tierCode(), a.tierName(), a.valueClass()));
                if (!evaluated) {
                    throw new MonthNotEvaluated();
                }
                count = copy.finish();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE provision_run_tier_load SET customer_count = ? WHERE run_id = ?")) {
                update.setLong(1, count);
                update.setLong(2, runId);
                update.executeUpdate();
            }
            return Status.LOADED;
        }
    }

    private boolean isLoaded(long runId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM provision_run_tier_load WHERE run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the tier load of run " + runId + " failed", e);
        }
    }

    /** Rolls the load back: tiering has not evaluated the month. */
    private static final class MonthNotEvaluated extends RuntimeException {
        MonthNotEvaluated() {
            super("month not evaluated", null, false, false);
        }
    }
}
