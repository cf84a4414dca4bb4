package bankrisk.tiering.balance;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.postgresql.PGConnection;

import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.platform.audit.AuditLog;
import bankrisk.tiering.db.Jdbc;

/**
 * Loads end-of-day balances. A load is staged in batches with COPY into {@code balance_staging} under its own id,
 * then merged into {@code balance} by one upsert (the last row of a key in the load wins) when the whole load
 * proved valid; an invalid or abandoned load only deletes its staged rows. So a load is all or nothing, memory stays
 * bounded by one batch, and a retried load replaces rather than adds. The merge and its audit entry
 * ({@code BALANCES_LOADED}) commit together. A load has at most {@code tiering.load.max-rows-per-stream} rows, a
 * unary put at most {@code tiering.put-balances.max-rows}.
 */
@ApplicationScoped
public class BalanceService {

    /** Violations reported for one load at most; the rest are only counted. */
    static final int MAX_REPORTED_VIOLATIONS = 100;
    /** A load this large changes the table's statistics enough to refresh them (the month-end plan depends on them). */
    static final long ANALYZE_AFTER_ROWS = 100_000;
    public static final String LOADED = "BALANCES_LOADED";
    private static final Logger LOG = Logger.getLogger(BalanceService.class);

    private final Jdbc jdbc;
    private final Clock clock;
    private final int batchSize;
    private final int mergeTimeoutSeconds;
    private final long maxRowsPerStream;
    private final int maxRowsPerPut;
    private final int orphanAfterHours;
    private final AuditLog audit;

    @Inject
    public BalanceService(Jdbc jdbc, Clock clock, AuditLog audit,
            @ConfigProperty(name = "tiering.load.batch-size", defaultValue = "10000") int batchSize,
            @ConfigProperty(name = "tiering.load.merge-timeout-seconds", defaultValue = "1800") int mergeTimeoutSeconds,
            @ConfigProperty(name = "tiering.load.max-rows-per-stream", defaultValue = "10000000") long maxRowsPerStream,
            @ConfigProperty(name = "tiering.put-balances.max-rows", defaultValue = "10000") int maxRowsPerPut,
            @ConfigProperty(name = "tiering.load.orphan-after-hours", defaultValue = "24") int orphanAfterHours) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.batchSize = batchSize;
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
                        + "split the load into several streams");
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

    /** Loads a few rows at once with the semantics of a streamed load. */
    public LoadResult put(List<RowOrViolations> rows) {
        if (rows.size() > maxRowsPerPut) {
            throw new InvalidArgumentException("balances", "has " + rows.size() + " rows; at most " + maxRowsPerPut
                    + " per call (tiering.put-balances.max-rows): use LoadBalances for more");
        }
        Load load = new Load(UUID.randomUUID(), Long.MAX_VALUE, "");
        try {
            rows.forEach(r -> load.accept(r.row(), r.violations()));
            return load.finish();
        } finally {
            load.abort();
        }
    }

    /** A row read from a request, or why it could not be read (its field violations). */
    public record RowOrViolations(BalanceRow row, List<FieldViolation> violations) {
    }

    /** One load in progress. Not thread-safe: rows arrive one after the other. */
    public final class Load {

        private final UUID id;
        private final long maxRows;
        private final String tooLong;
        private final long started = System.nanoTime();
        private final List<BalanceRow> batch = new ArrayList<>();
        private final List<FieldViolation> violations = new ArrayList<>();
        private long received;
        private long invalidRows;
        private boolean staged;
        private boolean done;

        private Load(UUID id, long maxRows, String tooLong) {
            this.id = id;
            this.maxRows = maxRows;
            this.tooLong = tooLong;
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
            List<FieldViolation> all = new ArrayList<>(problems);
            if (row != null && row.date().isAfter(LocalDate.now(clock))) {
                all.add(new FieldViolation("balances[" + index + "].balance_date", "must not be in the future"));
            }
            if (!all.isEmpty() || row == null) {
                invalidRows++;
                for (FieldViolation violation : all) {
                    if (violations.size() < MAX_REPORTED_VIOLATIONS) {
                        violations.add(violation);
                    }
                }
                batch.clear();
                return;
            }
            if (invalidRows > 0) {
                return; // the load will be rejected: stop staging, keep reading to report every mistake
            }
            batch.add(row);
            if (batch.size() >= batchSize) {
                flush();
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
            flush();
            long mergeStart = System.nanoTime();
            LoadResult result = jdbc.inTransaction(mergeTimeoutSeconds, connection -> merge(connection));
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

        /** Forgets the load: deletes whatever it staged. Safe to call more than once. */
        public void abort() {
            batch.clear();
            if (staged && !done) {
                jdbc.withConnection(connection -> deleteStaged(connection));
                staged = false;
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            long firstSeq = received - batch.size();
            StringBuilder text = new StringBuilder(batch.size() * 80);
            for (int i = 0; i < batch.size(); i++) {
                BalanceRow row = batch.get(i);
                // Identifiers are letters, digits, '-' and '_' and amounts plain decimals: nothing needs escaping.
                text.append(id).append('\t').append(firstSeq + i).append('\t').append(row.accountId()).append('\t')
                        .append(row.date()).append('\t').append(row.customerNumber()).append('\t')
                        .append(row.assetType().name()).append('\t').append(row.currency()).append('\t')
                        .append(row.balance().toPlainString()).append('\n');
            }
            batch.clear();
            staged = true;
            jdbc.withConnection(connection -> {
                try {
                    return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY balance_staging "
                            + "(load_id, seq, account_id, balance_date, customer_number, asset_type, currency, balance) "
                            + "FROM STDIN", new StringReader(text.toString()));
                } catch (java.io.IOException impossible) {
                    throw new IllegalStateException(impossible);
                }
            });
        }

        private LoadResult merge(Connection connection) throws SQLException {
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
                    SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),
                           min(balance_date), max(balance_date)
                    FROM written""")) {
                upsert.setObject(1, id);
                try (ResultSet counts = upsert.executeQuery()) {
                    counts.next();
                    LoadResult result = new LoadResult(received, counts.getLong(1), counts.getLong(2));
                    deleteStaged(connection);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("received", result.received());
                    details.put("inserted", result.inserted());
                    details.put("replaced", result.replaced());
                    details.put("first_date", counts.getDate(3).toLocalDate());
                    details.put("last_date", counts.getDate(4).toLocalDate());
                    audit.record(LOADED, "", details);
                    return result;
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
