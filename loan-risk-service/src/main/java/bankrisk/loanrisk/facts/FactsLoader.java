package bankrisk.loanrisk.facts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;
import bankrisk.loanrisk.grading.LoanFacts;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.LoanService;
import bankrisk.platform.audit.AuditLog;
import bankrisk.platform.db.PgCopy;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Loads dated loan facts as they stream in, with bounded memory: rows are checked one by one, staged with COPY in
 * batches into {@code facts_staging} under the load's id, and merged when the stream ends, in one transaction, by one
 * upsert per table ({@code INSERT … SELECT … ON CONFLICT … DO UPDATE … WHERE changed}): re-sending the same rows
 * changes nothing and is counted as unchanged. What ties rows together is checked set-based by the merge itself (a
 * loan and date twice, facts of an unknown loan make it fail) and only then explained row by row. A refused or
 * abandoned load deletes its staged rows, so it writes nothing.
 */
@ApplicationScoped
public class FactsLoader {

    /** Rows per COPY (each commits into the unlogged staging table; PgCopy bounds the memory, 128 KiB). */
    static final int BATCH_ROWS = 5_000;
    /**
     * A load refused for what ties its rows together reports this many violations at most: they travel in the call's
     * trailers (each three times: message, status details, its message), which a gRPC client accepts up to 8 KiB.
     */
    static final int MAX_VIOLATIONS = 20;
    /** Staged rows older than this belong to a process that died mid-load. */
    static final int ORPHAN_AFTER_HOURS = 24;
    static final int MERGE_TIMEOUT_SECONDS = 1800;
    private static final Logger LOG = Logger.getLogger(FactsLoader.class);

    private static final String FACT_COLUMNS = "loan_id, as_of_date, outstanding_balance, collateral_value, "
            + "days_past_due_principal, days_past_due_interest, restructured_on, restructured_for_financial_difficulty, "
            + "observation_end, non_performing_before_restructuring, credit_impaired, ecl_ratio, bankruptcy_liquidation, "
            + "significant_external_downgrade, debt_evasion, overdue_elsewhere_share, arrears_cleared_on, "
            + "consecutive_on_time_periods";
    /** The book data as staged; staged as loan_* where loan_fact has a column of the same name. */
    private static final String STAGED_LOAN_COLUMNS = "borrower_customer_number, borrower_kind, product, branch_code, "
            + "currency, principal, loan_outstanding_balance, origination_date, maturity_date, collateral_kind, "
            + "loan_collateral_value, guaranteed";
    private static final String LOAN_UPDATED = "borrower_customer_number, borrower_kind, product, branch_code, currency, "
            + "principal, outstanding_balance, origination_date, maturity_date, collateral_kind, collateral_value, guaranteed";
    private static final String STAGED_COLUMNS = "load_id, row_index, " + FACT_COLUMNS + ", " + STAGED_LOAN_COLUMNS;

    private static final String UPSERT_LOANS = "WITH up AS (INSERT INTO loan (loan_id, " + LOAN_UPDATED + ")"
            + " SELECT DISTINCT ON (loan_id) loan_id, " + STAGED_LOAN_COLUMNS + " FROM facts_staging"
            + " WHERE load_id = ? AND borrower_customer_number IS NOT NULL ORDER BY loan_id, row_index DESC"
            + " ON CONFLICT (loan_id) DO UPDATE SET (" + LOAN_UPDATED + ") = (" + excluded(LOAN_UPDATED) + ")"
            + " WHERE (" + qualified("loan", LOAN_UPDATED) + ") IS DISTINCT FROM (" + excluded(LOAN_UPDATED) + ")"
            + " RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up";
    private static final String FACT_UPDATED = FACT_COLUMNS.substring("loan_id, as_of_date, ".length());
    private static final String UPSERT_FACTS = "WITH up AS (INSERT INTO loan_fact (" + FACT_COLUMNS + ") SELECT " + FACT_COLUMNS
            + " FROM facts_staging WHERE load_id = ?"
            + " ON CONFLICT (loan_id, as_of_date) DO UPDATE SET (" + FACT_UPDATED + ", loaded_at) = (" + excluded(FACT_UPDATED)
            + ", now()) WHERE (" + qualified("loan_fact", FACT_UPDATED) + ") IS DISTINCT FROM (" + excluded(FACT_UPDATED) + ")"
            + " RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up";

    /** SQLSTATEs of the merge that mean "the rows contradict each other or the book", explained afterwards. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String AFFECTS_ROW_TWICE = "21000";

    private final DataSource dataSource;
    private final AuditLog audit;

    @Inject
    FactsLoader(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /**
     * Starts a load (no I/O yet); the caller feeds rows in stream order and ends with {@link Load#finish} or
     * {@link Load#abort}.
     */
    public Load open() {
        return new Load(UUID.randomUUID());
    }

    /** Deletes what loads of dead processes staged (they never reach finish or abort). */
    void removeOrphanedLoads() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM facts_staging WHERE staged_at < clock_timestamp() - make_interval(hours => ?)")) {
            delete.setInt(1, ORPHAN_AFTER_HOURS);
            int removed = delete.executeUpdate();
            if (removed > 0) {
                LOG.warnf("Removed %d staged fact rows of loads whose process died (older than %d h)", removed, ORPHAN_AFTER_HOURS);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot sweep facts_staging", e);
        }
    }

    /** One load in progress. Not thread-safe: rows arrive one after the other. */
    public final class Load {

        private final UUID id;
        private final long started = System.nanoTime();
        /** The open COPY of the current batch and its connection. */
        private Connection copyConnection;
        private PgCopy copy;
        private final List<Indexed> consistency = new ArrayList<>();
        private int batchRows;
        private int received;
        private boolean staged;
        private boolean done;

        private Load(UUID id) {
            this.id = id;
        }

        /** Takes row {@code index} (checked on its own by the caller) and checks its book data against itself. */
        public void accept(int index, FactsRow row) {
            received++;
            if (row.loan() != null && consistency.size() < MAX_VIOLATIONS) {
                Violations violations = new Violations();
                LoanService.checkConsistency(row.loan(), "loans[" + index + "].loan.", violations);
                try {
                    violations.throwIfAny();
                } catch (InvalidArgumentException invalid) {
                    invalid.violations().forEach(v -> consistency.add(new Indexed(index, 1, v)));
                }
            }
            append(index, row);
            if (++batchRows >= BATCH_ROWS) {
                flush();
            }
        }

        /** Merges the load and records it; a load that changes nothing (a retry) leaves no audit entry either. */
        public LoadResult finish(String actor, String reason) {
            flush();
            if (!consistency.isEmpty()) {
                throw refused(duplicates());
            }
            long mergeStart = System.nanoTime();
            LoadResult result;
            try {
                result = QuarkusTransaction.requiringNew().timeout(MERGE_TIMEOUT_SECONDS).call(() -> merge(actor, reason));
            } catch (MergeRefused refused) {
                throw refused(explainMerge());
            }
            done = true;
            staged = false; // the merge deleted them in its own transaction
            removeOrphanedLoads();
            LOG.infof("Facts load %s: %d rows, %d facts inserted, %d updated; streamed and staged %d ms, merged %d ms", id,
                    received, result.factsInserted(), result.factsUpdated(), (mergeStart - started) / 1_000_000,
                    (System.nanoTime() - mergeStart) / 1_000_000);
            return result;
        }

        /** Forgets the load: deletes whatever it staged. Safe to call more than once, and after finish. */
        public void abort() {
            cancelBatch();
            if (staged) {
                staged = false;
                try (Connection c = dataSource.getConnection()) {
                    deleteStaged(c);
                } catch (SQLException e) {
                    // The orphan sweep of a later load removes the rows.
                    LOG.warnf(e, "Could not delete the staged rows of facts load %s%s", id, done ? "" : " (refused or abandoned)");
                }
            }
        }

        private LoadResult merge(String actor, String reason) throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                long[] loans;
                long[] facts;
                try {
                    loans = countInsertsAndUpdates(c, UPSERT_LOANS);
                    facts = countInsertsAndUpdates(c, UPSERT_FACTS);
                } catch (SQLException e) {
                    if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState()) || AFFECTS_ROW_TWICE.equals(e.getSQLState())) {
                        throw new MergeRefused(); // explained after the rollback, on a connection of its own
                    }
                    throw e;
                }
                deleteStaged(c);
                LoadResult result = new LoadResult(received, facts[0], facts[1], received - facts[0] - facts[1], loans[0], loans[1]);
                if (result.factsInserted() + result.factsUpdated() + result.loansRegistered() + result.loansUpdated() > 0) {
                    audit.recordAs(actor, reason, "FACTS_LOADED", "", Map.of("rows", result.rowsReceived(), "facts_inserted",
                            result.factsInserted(), "facts_updated", result.factsUpdated(), "loans_registered",
                            result.loansRegistered(), "loans_updated", result.loansUpdated()));
                }
                return result;
            }
        }

        private void deleteStaged(Connection c) throws SQLException {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM facts_staging WHERE load_id = ?")) {
                delete.setObject(1, id);
                delete.executeUpdate();
            }
        }

        private long[] countInsertsAndUpdates(Connection c, String sql) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] { rs.getLong(1), rs.getLong(2) };
                }
            }
        }

        /** The refusal with the first violations in row order (a row's repeat before its own book-data mistakes). */
        private InvalidArgumentException refused(List<Indexed> found) {
            List<Indexed> all = new ArrayList<>(found);
            all.addAll(consistency);
            all.sort(Comparator.comparingInt(Indexed::row).thenComparingInt(Indexed::rank));
            abort();
            if (all.isEmpty()) {
                throw new IllegalStateException("the merge of facts load " + id + " failed for a reason not found again");
            }
            return new InvalidArgumentException(all.stream().limit(MAX_VIOLATIONS).map(Indexed::violation).toList());
        }

        /** Why the merge failed: rows repeating a loan and date, else facts of loans neither registered nor carried. */
        private List<Indexed> explainMerge() {
            List<Indexed> found = duplicates();
            return found.isEmpty() ? unknownLoans() : found;
        }

        private List<Indexed> duplicates() {
            return query("""
                    SELECT row_index, loan_id, as_of_date, first FROM (
                        SELECT row_index, loan_id, as_of_date, min(row_index) OVER (PARTITION BY loan_id, as_of_date) AS first
                        FROM facts_staging WHERE load_id = ?) s
                    WHERE row_index <> first ORDER BY row_index LIMIT %d""".formatted(MAX_VIOLATIONS),
                    rs -> new FieldViolation("loans[" + rs.getInt(1) + "].as_of", "repeats loan " + rs.getString(2) + " on "
                            + rs.getObject(3, LocalDate.class) + " of loans[" + rs.getInt(4) + "]"));
        }

        private List<Indexed> unknownLoans() {
            return query("""
                    SELECT s.row_index, s.loan_id FROM facts_staging s
                    WHERE s.load_id = ? AND NOT EXISTS (SELECT 1 FROM loan l WHERE l.loan_id = s.loan_id)
                      AND NOT EXISTS (SELECT 1 FROM facts_staging b WHERE b.load_id = s.load_id AND b.loan_id = s.loan_id
                                      AND b.borrower_customer_number IS NOT NULL)
                    ORDER BY s.row_index LIMIT %d""".formatted(MAX_VIOLATIONS),
                    rs -> new FieldViolation("loans[" + rs.getInt(1) + "].loan_id",
                            "loan '" + rs.getString(2) + "' is not registered; send its book data in `loan`"));
        }

        private List<Indexed> query(String sql, RowMapper mapper) {
            if (!staged) {
                return List.of();
            }
            List<Indexed> found = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Indexed(rs.getInt(1), 0, mapper.map(rs)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot check the facts load", e);
            }
            return found;
        }

        private void append(int index, FactsRow row) {
            LoanFacts f = row.facts();
            Loan l = row.loan();
            try {
                if (copy == null) {
                    staged = true;
                    copyConnection = dataSource.getConnection();
                    copy = PgCopy.open(copyConnection, "facts_staging", STAGED_COLUMNS);
                }
                copy.row(id, index, f.loanId(), f.asOf(), f.outstandingBalance(), row.collateralValue(), f.daysPastDuePrincipal(),
                        f.daysPastDueInterest(), f.restructuredOn(), f.restructuredForFinancialDifficulty(), f.observationEnd(),
                        f.nonPerformingBeforeRestructuring(), f.creditImpaired(), f.eclRatio(), f.bankruptcyLiquidation(),
                        f.significantExternalDowngrade(), f.debtEvasion(), f.overdueElsewhereShare(), f.arrearsClearedOn(),
                        f.consecutiveOnTimePeriods(), l == null ? null : l.borrowerCustomerNumber, l == null ? null : l.borrowerKind,
                        l == null ? null : l.product, l == null ? null : l.branchCode, l == null ? null : l.currency,
                        l == null ? null : l.principal, l == null ? null : l.outstandingBalance, l == null ? null : l.originationDate,
                        l == null ? null : l.maturityDate, l == null ? null : l.collateralKind, l == null ? null : l.collateralValue,
                        l == null ? null : l.guaranteed);
            } catch (SQLException | PgCopy.CopyFailedException e) {
                cancelBatch();
                throw new IllegalStateException("cannot stage the facts load", e);
            }
        }

        /** Ends the batch's COPY: its rows commit into the staging table. */
        private void flush() {
            if (copy == null) {
                return;
            }
            try {
                copy.finish();
            } catch (SQLException | PgCopy.CopyFailedException e) {
                throw new IllegalStateException("cannot stage the facts load", e);
            } finally {
                cancelBatch();
            }
        }

        /** Abandons the open batch, if any (a finished COPY has nothing left to cancel), and gives its connection back. */
        private void cancelBatch() {
            batchRows = 0;
            if (copy == null) {
                return;
            }
            try {
                copy.close();
                copyConnection.close();
            } catch (SQLException e) {
                LOG.debugf(e, "Closing the COPY connection of facts load %s", id);
            } finally {
                copy = null;
                copyConnection = null;
            }
        }
    }

    /** A violation and the row it concerns; rank orders a row's own violations (repeat first). */
    private record Indexed(int row, int rank, FieldViolation violation) {
    }

    @FunctionalInterface
    private interface RowMapper {
        FieldViolation map(ResultSet rs) throws SQLException;
    }

    /** The merge met rows that contradict each other or the book; nothing was written. */
    private static final class MergeRefused extends RuntimeException {
        MergeRefused() {
            super(null, null, false, false);
        }
    }

    private static String excluded(String columns) {
        return qualified("excluded", columns);
    }

    private static String qualified(String table, String columns) {
        return table + "." + columns.replace(", ", ", " + table + ".");
    }
}
