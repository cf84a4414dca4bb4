package bankrisk.tiering.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;
import bankrisk.tiering.average.MissingFxRates;
import bankrisk.tiering.db.Jdbc;
import bankrisk.tiering.evaluation.EvaluationProgress.Stage;
import bankrisk.tiering.scheme.SchemeService;
import bankrisk.tiering.scheme.TierScheme;
import bankrisk.tiering.scheme.ValueClassScheme;

/**
 * Month-end evaluation: every customer's average, tier and value class of a complete month, computed by set-based
 * SQL ({@link EvaluationSql}) and stored in one transaction. Runs are serialised (an advisory lock), a month already
 * evaluated is kept unless forced, and a forced run replaces the month atomically (readers see the old result until
 * the commit). A run that computes writes one audit entry ({@code MONTH_EVALUATED}) in its transaction; a call
 * that finds the month stored changes nothing and writes none.
 */
@ApplicationScoped
public class EvaluationService {

    public static final String MONTH_NOT_COMPLETE = "MONTH_NOT_COMPLETE";
    public static final String PREVIOUS_MONTH_NOT_EVALUATED = "PREVIOUS_MONTH_NOT_EVALUATED";
    public static final String EVALUATED = "MONTH_EVALUATED";
    private static final long LOCK_KEY = 0x7469657269_6e67L; // "tiering"
    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    private final Jdbc jdbc;
    private final SchemeService schemes;
    private final TierChangeBroadcaster broadcaster;
    private final Clock clock;
    private final AuditLog audit;
    private final int timeoutSeconds;
    private final int workMemMegabytes;

    @Inject
    public EvaluationService(Jdbc jdbc, SchemeService schemes, TierChangeBroadcaster broadcaster, Clock clock,
            AuditLog audit,
            @ConfigProperty(name = "tiering.evaluation.timeout-seconds", defaultValue = "3600") int timeoutSeconds,
            @ConfigProperty(name = "tiering.evaluation.work-mem-mb", defaultValue = "64") int workMemMegabytes) {
        this.jdbc = jdbc;
        this.schemes = schemes;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.audit = audit;
        this.timeoutSeconds = timeoutSeconds;
        this.workMemMegabytes = workMemMegabytes;
    }

    /** Evaluates a month, reporting each stage to {@code progress}; the last report is COMPLETED. */
    public void evaluate(Actor actor, YearMonth month, boolean force, Consumer<EvaluationProgress> progress) {
        YearMonth current = YearMonth.now(clock);
        if (month.isAfter(current)) {
            throw new InvalidArgumentException("month", month + " is in the future (business month " + current + ")");
        }
        if (!month.isBefore(current)) {
            throw new FailedPreconditionException(MONTH_NOT_COMPLETE,
                    month + " is not complete yet; evaluate it from " + current.plusMonths(1).atDay(1) + " on");
        }
        long started = System.nanoTime();
        EvaluationProgress done = jdbc.inTransaction(timeoutSeconds, connection -> {
            execute(connection, "SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            Long stored = storedCustomers(connection, month);
            if (stored != null && !force) {
                return new EvaluationProgress(month, Stage.COMPLETED, stored, storedSchemeVersion(connection, month), false,
                        millisSince(started));
            }
            requirePreviousMonth(connection, month);
            TierScheme scheme = schemes.inForce(connection, month);
            ValueClassScheme classes = schemes.valueClassesInForce(connection, month);
            progress.accept(new EvaluationProgress(month, Stage.STARTED, 0, scheme.version(), true, millisSince(started)));

            // The month's aggregations hash one entry per account and customer: in memory rather than in batches on disk.
            execute(connection, "SET LOCAL work_mem = '" + workMemMegabytes + "MB'");
            execute(connection, EvaluationSql.monthAccounts(month));
            // The planner sizes the carry-forward join by it: usually few accounts miss a day.
            execute(connection, "ANALYZE " + EvaluationSql.MONTH_ACCOUNT);
            execute(connection, EvaluationSql.monthSegments(month, scheme));
            try (Statement statement = connection.createStatement();
                    ResultSet missing = statement.executeQuery(EvaluationSql.firstMissingRate(scheme))) {
                if (missing.next()) {
                    throw MissingFxRates.of(missing.getString(1), scheme.baseCurrency(),
                            missing.getDate(2).toLocalDate());
                }
            }
            progress.accept(new EvaluationProgress(month, Stage.RATES_CHECKED, 0, scheme.version(), true,
                    millisSince(started)));

            // A first evaluation writes the month into a table of its own and attaches it as the month's partition
            // (indexes and foreign key checked in bulk; readers are not blocked). A re-evaluation replaces the rows in
            // place, so readers keep seeing the old month until the commit rather than wait on a partition swap. The
            // table is made and attached by the schema owner's functions (V10): the service's login owns no table.
            boolean replacing = stored != null;
            String target;
            if (replacing) {
                target = EvaluationSql.partition(month);
                execute(connection, "DELETE FROM " + target);
            } else {
                target = call(connection, "SELECT tier_evaluation_month_table(?)", month);
            }
            long customers;
            String monthEnd = EvaluationSql.insertEvaluations(target, month, scheme, classes);
            LOG.debugf("Month-end SQL of %s:%n%s", month, monthEnd);
            try (Statement statement = connection.createStatement()) {
                customers = statement.executeUpdate(monthEnd);
            }
            if (replacing) {
                update(connection, "UPDATE evaluation_run SET scheme_version = ?, value_class_scheme_version = ?, customers = ?,"
                        + " evaluated_at = now() WHERE month = ?", scheme.version(), classes.version(), customers,
                        Jdbc.month(month));
            } else {
                update(connection, "INSERT INTO evaluation_run (month, scheme_version, value_class_scheme_version, customers)"
                        + " VALUES (?, ?, ?, ?)", Jdbc.month(month), scheme.version(), classes.version(), customers);
                call(connection, "SELECT attach_tier_evaluation_month(?)", month);
            }
            // The durable feed of WatchTierChanges, in this transaction: the changes commit with the month or not at all.
            TierQueries.recordChanges(connection, month);
            audit.record(actor, EVALUATED, "month/" + month, Map.of("month", month, "customers", customers, "forced", force,
                    "replaced", stored != null, "scheme_version", scheme.version(),
                    "value_class_scheme_version", classes.version()));
            progress.accept(new EvaluationProgress(month, Stage.TIERS_ASSIGNED, customers, scheme.version(), true,
                    millisSince(started)));
            LOG.infof("Evaluated %s: %d customers under scheme %d in %d ms", month, customers, scheme.version(),
                    millisSince(started));
            return new EvaluationProgress(month, Stage.COMPLETED, customers, scheme.version(), true, 0);
        });
        if (done.recomputed()) {
            broadcaster.evaluated();
            done = new EvaluationProgress(month, Stage.COMPLETED, done.customers(), done.schemeVersion(), true,
                    millisSince(started));
        }
        progress.accept(done);
    }

    /** The grace of a month needs the standing of the month before, once the bank has started evaluating. */
    private static void requirePreviousMonth(Connection connection, YearMonth month) throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM evaluation_run WHERE month < ?),
                       EXISTS (SELECT 1 FROM evaluation_run WHERE month = ?)"""),
                Jdbc.month(month), Jdbc.month(month.minusMonths(1))); ResultSet row = select.executeQuery()) {
            row.next();
            if (row.getBoolean(1) && !row.getBoolean(2)) {
                throw new FailedPreconditionException(PREVIOUS_MONTH_NOT_EVALUATED, "evaluate " + month.minusMonths(1)
                        + " first: the downgrade grace of " + month + " depends on it");
            }
        }
    }

    private static Long storedCustomers(Connection connection, YearMonth month) throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT customers FROM evaluation_run WHERE month = ?"), Jdbc.month(month));
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    private static int storedSchemeVersion(Connection connection, YearMonth month) throws SQLException {
        try (PreparedStatement select = Jdbc.bind(connection.prepareStatement(
                "SELECT scheme_version FROM evaluation_run WHERE month = ?"), Jdbc.month(month));
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** One of the schema owner's functions for a month (V10); its text result, if any. */
    private static String call(Connection connection, String sql, YearMonth month) throws SQLException {
        try (PreparedStatement statement = Jdbc.bind(connection.prepareStatement(sql), Jdbc.month(month));
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = Jdbc.bind(connection.prepareStatement(sql), parameters)) {
            return statement.executeUpdate();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
