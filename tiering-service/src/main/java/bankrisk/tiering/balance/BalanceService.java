package bankrisk.tiering.balance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.platform.audit.AuditLog;
import bankrisk.platform.db.PgCopy;
import bankrisk.tiering.db.Jdbc;

/**
 * Loads end-of-day balances. A load streams its rows as they arrive into one COPY into {@code balance_staging} under
 * its own id (the database inserts while the next message is read; the rows commit only when the stream ended
 * valid), then is merged into {@code balance} when the whole load proved valid; an invalid or abandoned load cancels
 * its COPY, so nothing of it is ever visible. So a load is all or nothing, memory stays bounded by PgCopy's buffer, and a
 * retried load replaces rather than adds. The merge is a plain INSERT when the load's dates hold no balance yet and
 * its keys are unique (the usual load of new days); otherwise, or when that INSERT meets a key, an upsert in which
 * the last row of a key in the load wins. The merge and its audit entry ({@code BALANCES_LOADED}) commit together.
 * A load has at most {@code tiering.load.max-rows-per-stream} rows, a unary put at most
 * {@code tiering.put-balances.max-rows}.
 */
@ApplicationScoped
public class BalanceService {

    /** Violations reported for one load at most; the rest are only counted. */
    static final int MAX_REPORTED_VIOLATIONS = 100;
    /** A load this large changes the table's statistics enough to refresh them (the month-end plan depends on them). */
    static final long ANALYZE_AFTER_ROWS = 100_000;
    public static final String LOADED = "BALANCES_LOADED";
    /** PostgreSQL's unique_violation: the plain INSERT of a merge met a key that exists or repeats. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Logger LOG = Logger.getLogger(BalanceService.class);

    private final Jdbc jdbc;
    private final Clock clock;
    private final int mergeTimeoutSeconds;
    private final long maxRowsPerStream;
    private final int maxRowsPerPut;
    private final int orphanAfterHours;
    private final AuditLog audit;

    @Inject
    public BalanceService(Jdbc jdbc, Clock clock, AuditLog audit,
            @ConfigProperty(name = "tiering.load.merge-timeout-seconds", defaultValue = "1800") int mergeTimeoutSeconds,
            @ConfigProperty(name = "tiering.load.max-rows-per-stream", defaultValue = "10000000") long maxRowsPerStream,
            @ConfigProperty(name = "tiering.put-balances.max-rows", defaultValue = "10000") int maxRowsPerPut,
            @ConfigProperty(name = "tiering.load.orphan-after-hours", defaultValue = "24") int orphanAfterHours) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.mergeTimeoutSeconds = mergeTimeoutSeconds;
        this.maxRowsPerStream = maxRowsPerStream;
        this.maxRowsPerPut = maxRowsPerPut;
        this.orphanAfterHours = orphanAfterHours;
    }

    /** Starts a load; the caller feeds rows in order and ends with {@link Load#finish()} or {@link Load#abort()}. */
    public Load open() {
        // Bulk loads sweep what dead loads staged; PutBalances, the small hot call, does not scan staging.
        removeOrphanedLoads();
        return new Load(UUID.randomUUID(), maxRowsPerStream,
                "the stream has more than " + maxRowsPerStream + " rows (tiering.load.max-rows-per-stream); "
                        + "split the load into several streams", false);
    }

    /** Deletes what loads of dead processes staged (they never reach finish or abort); returns the rows removed. */
    public int removeOrphanedLoads() {
        return jdbc.withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM balance_staging WHERE staged_at < clock_timestamp() - make_interval(hours => ?)")) {
                delete.setInt(1, orphanAfterHours);
                int removed = delete.executeUpdate();
                if (removed > 0) {
                    LOG.warnf("Removed %d staged balance rows of loads whose process died (older than %d h)", removed,
                            orphanAfterHours);
                }
                return removed;
            }
        });
    }

    /**
     * Loads a few rows at once with the semantics of a streamed load, in one transaction on one connection (the rows
     * are staged inside the merge's transaction).
     */
    public LoadResult put(List<RowOrViolations> rows) {
        if (rows.size() > maxRowsPerPut) {
            throw new InvalidArgumentException("balances", "has " + rows.size() + " rows; at most " + maxRowsPerPut
                    + " per call (tiering.put-balances.max-rows): use LoadBalances for more");
        }
        Load load = new Load(UUID.randomUUID(), Long.MAX_VALUE, "", true);
        try {
            rows.forEach(r -> load.accept(r.row(), r.violations()));
            return load.finish();
        } finally {
            load.abort();
        }
    }

    private record IndexedRow(long index, BalanceRow row) {
    }

    /** A row read from a request, or why it could not be read (its field violations). */
    public record RowOrViolations(BalanceRow row, List<FieldViolation> violations) {
    }

    /** One load in progress. Not thread-safe: rows arrive one after the other. */
    public final class Load {

        private final UUID id;
        private final String idText;
        private final long maxRows;
        private final String tooLong;
        /**
         * Rows of a unary put, staged inside the merge's transaction: one connection for the whole call, and nothing
         * committed to clean up if the merge fails (a put failing because the database is gone answers at once).
         */
        private final List<IndexedRow> held;
        private final long started = System.nanoTime();
        private final List<FieldViolation> violations = new ArrayList<>();
        private long received;
        private long invalidRows;
        private LocalDate firstDate;
        private LocalDate lastDate;
        /** The open COPY of this load and its connection, from the first valid row until the stream ends. */
        private Connection copyConnection;
        private PgCopy copy;
        private boolean staged;
        private boolean done;

        private Load(UUID id, long maxRows, String tooLong, boolean holdRows) {
            this.id = id;
            this.idText = id.toString();
            this.maxRows = maxRows;
            this.tooLong = tooLong;
            this.held = holdRows ? new ArrayList<>() : null;
        }

        /** Index the next row will have in error paths (rows counted across the whole stream). */
        public long nextIndex() {
            return received;
        }

        /**
         * Takes the next row. {@code problems} are the violations found while reading it (row null when it could
         * not be read); the date is checked against the business clock here. A row beyond the limit ends the load
         * at once (what was staged is deleted) with the violations found so far.
         */
        public void accept(BalanceRow row, List<FieldViolation> problems) {
            long index = received++;
            if (index >= maxRows) {
                violations.add(new FieldViolation("balances[" + index + "]", tooLong));
                abort();
                throw new InvalidArgumentException(violations);
            }
            boolean future = row != null && row.date().isAfter(LocalDate.now(clock));
            if (row == null || !problems.isEmpty() || future) {
                invalidRows++;
                problems.forEach(this::report);
                if (future) {
                    report(new FieldViolation("balances[" + index + "].balance_date", "must not be in the future"));
                }
                cancelCopy(); // the load will be rejected: stop staging, keep reading to report every mistake
                return;
            }
            if (invalidRows > 0) {
                return;
            }
            if (held != null) {
                held.add(new IndexedRow(index, row));
            } else {
                stage(index, row);
            }
            if (firstDate == null || row.date().isBefore(firstDate)) {
                firstDate = row.date();
            }
            if (lastDate == null || row.date().isAfter(lastDate)) {
                lastDate = row.date();
            }
        }

        private void report(FieldViolation violation) {
            if (violations.size() < MAX_REPORTED_VIOLATIONS) {
                violations.add(violation);
            }
        }

        /** Merges the load when every row was valid; fails with every violation (and stores nothing) otherwise. */
        public LoadResult finish() {
            if (received == 0) {
                throw new InvalidArgumentException("balances", "the load carried no rows");
            }
            if (invalidRows > 0) {
                if (invalidRows > violations.size()) {
                    violations.add(new FieldViolation("balances", invalidRows + " of " + received
                            + " rows are invalid; the first " + MAX_REPORTED_VIOLATIONS + " violations are listed"));
                }
                abort();
                throw new InvalidArgumentException(violations);
            }
            endCopy();
            long mergeStart = System.nanoTime();
            LoadResult result = jdbc.inTransaction(mergeTimeoutSeconds, connection -> {
                stageHeld(connection);
                return merge(connection);
            });
            done = true;
            staged = false;
            long mergeMillis = (System.nanoTime() - mergeStart) / 1_000_000;
            if (received >= ANALYZE_AFTER_ROWS) {
                jdbc.withConnection(connection -> {
                    try (var analyze = connection.createStatement()) {
                        return analyze.execute("ANALYZE balance");
                    }
                });
            }
            LOG.infof("Balance load %s: %d rows received, %d inserted, %d replaced; merge %d ms, total %d ms", id,
                    received, result.inserted(), result.replaced(), mergeMillis, (System.nanoTime() - started) / 1_000_000);
            return result;
        }

        /** Forgets the load: cancels its COPY or deletes what it staged. Safe to call more than once. */
        public void abort() {
            cancelCopy();
            if (staged && !done) {
                jdbc.withConnection(connection -> deleteStaged(connection));
                staged = false;
            }
        }

        /** Hands the row to the load's COPY (opened on the first row); the database inserts while the stream goes on. */
        private synchronized void stage(long index, BalanceRow row) {
            try {
                if (copy == null) {
                    copyConnection = jdbc.open();
                    copy = openStagingCopy(copyConnection);
                }
                copyRow(copy, index, row);
            } catch (SQLException failure) {
                cancelCopy();
                throw new Jdbc.DatabaseException(failure);
            } catch (PgCopy.CopyFailedException failure) {
                cancelCopy();
                throw new Jdbc.DatabaseException(failure.sqlException());
            }
        }

        /** A put's rows, copied into staging on the merge's own connection. */
        private void stageHeld(Connection connection) throws SQLException {
            if (held == null) {
                return;
            }
            try (PgCopy heldCopy = openStagingCopy(connection)) {
                for (IndexedRow row : held) {
                    copyRow(heldCopy, row.index(), row.row());
                }
                heldCopy.finish();
            } catch (PgCopy.CopyFailedException failure) {
                throw failure.sqlException();
            }
        }

        private static PgCopy openStagingCopy(Connection connection) throws SQLException {
            return PgCopy.open(connection, "balance_staging",
                    "load_id, seq, account_id, balance_date, customer_number, asset_type, currency, balance");
        }

        private void copyRow(PgCopy target, long index, BalanceRow row) {
            target.row(idText, index, row.accountId(), row.date(), row.customerNumber(), row.assetType().name(),
                    row.currency(), row.balance());
        }

        /** Commits the staged rows (the COPY is one statement) and gives the connection back. */
        private synchronized void endCopy() {
            if (copy == null) {
                return;
            }
            try {
                copy.finish();
                staged = true;
            } catch (SQLException failure) {
                throw new Jdbc.DatabaseException(failure);
            } finally {
                copy = null;
                closeCopyConnection();
            }
        }

        /** Abandons the COPY: the database discards every row it took. */
        private synchronized void cancelCopy() {
            if (copy == null) {
                return;
            }
            try {
                copy.close();
            } finally {
                copy = null;
                closeCopyConnection();
            }
        }

        private void closeCopyConnection() {
            try {
                copyConnection.close();
            } catch (SQLException failure) {
                LOG.debugf(failure, "Closing the COPY connection of balance load %s", id);
            } finally {
                copyConnection = null;
            }
        }

        private LoadResult merge(Connection connection) throws SQLException {
            LoadResult result = insertIfNew(connection);
            if (result == null) {
                result = upsert(connection);
            }
            deleteStaged(connection);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("received", result.received());
            details.put("inserted", result.inserted());
            details.put("replaced", result.replaced());
            details.put("first_date", firstDate);
            details.put("last_date", lastDate);
            audit.record(LOADED, "", details);
            return result;
        }

        /**
         * The merge of a load of new days: no balance in its date range yet, so every row is new unless a key repeats
         * in the load or a concurrent load wrote it first; then the INSERT meets the key and is undone (null).
         */
        private LoadResult insertIfNew(Connection connection) throws SQLException {
            try (PreparedStatement existing = Jdbc.bind(connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM balance WHERE balance_date BETWEEN ? AND ?)"),
                    Jdbc.date(firstDate), Jdbc.date(lastDate)); ResultSet any = existing.executeQuery()) {
                any.next();
                if (any.getBoolean(1)) {
                    return null;
                }
            }
            // In SQL: the pool refuses Connection.rollback(Savepoint) on a connection enlisted in a transaction.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SAVEPOINT insert_if_new");
            }
            try (PreparedStatement insert = Jdbc.bind(connection.prepareStatement("""
                    INSERT INTO balance (account_id, balance_date, customer_number, asset_type, currency, balance)
                    SELECT account_id, balance_date, customer_number, asset_type, currency, balance
                    FROM balance_staging
                    WHERE load_id = ?"""), id)) {
                return new LoadResult(received, insert.executeLargeUpdate(), 0);
            } catch (SQLException failure) {
                if (!UNIQUE_VIOLATION.equals(failure.getSQLState())) {
                    throw failure;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK TO SAVEPOINT insert_if_new");
                }
                return null;
            }
        }

        private LoadResult upsert(Connection connection) throws SQLException {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    WITH source AS (
                        SELECT DISTINCT ON (account_id, balance_date)
                               account_id, balance_date, customer_number, asset_type, currency, balance
                        FROM balance_staging
                        WHERE load_id = ?
                        ORDER BY account_id, balance_date, seq DESC
                    ), written AS (
                        INSERT INTO balance (account_id, balance_date, customer_number, asset_type, currency, balance)
                        SELECT account_id, balance_date, customer_number, asset_type, currency, balance FROM source
                        ON CONFLICT (account_id, balance_date) DO UPDATE
                            SET customer_number = EXCLUDED.customer_number, asset_type = EXCLUDED.asset_type,
                                currency = EXCLUDED.currency, balance = EXCLUDED.balance
                        RETURNING (xmax = 0) AS inserted, balance_date
                    )
                    SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)
                    FROM written""")) {
                upsert.setObject(1, id);
                try (ResultSet counts = upsert.executeQuery()) {
                    counts.next();
                    return new LoadResult(received, counts.getLong(1), counts.getLong(2));
                }
            }
        }

        private int deleteStaged(Connection connection) throws SQLException {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM balance_staging WHERE load_id = ?")) {
                delete.setObject(1, id);
                return delete.executeUpdate();
            }
        }
    }
}
