package bankrisk.tiering.balance;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.platform.db.PgCopy;
import bankrisk.platform.load.LoadTarget;
import bankrisk.platform.load.Merge;
import bankrisk.platform.load.RowLimit;
import bankrisk.platform.load.Staging;

/**
 * One balance load's part in the staged-load skeleton: rows staged as they arrive, then merged into {@code balance}.
 * The merge is a plain INSERT when the load's dates hold no balance yet (the usual load of new days); otherwise, or
 * when that INSERT meets a key (a key twice in the load, or a concurrent load wrote it first), an upsert in which the
 * last row of a key in the load wins. Both write in key order (account, date), so concurrent loads of the same keys
 * wait for each other instead of deadlocking. The merge and its audit entry ({@code BALANCES_LOADED}) commit
 * together.
 */
final class BalanceLoad extends LoadTarget<BalanceRow, LoadResult> {

    /** A load this large changes the table's statistics enough to refresh them (the month-end plan depends on them). */
    static final long ANALYZE_AFTER_ROWS = 100_000;
    /** PostgreSQL's unique_violation: the plain INSERT of a merge met a key that exists or repeats. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Staging STAGING = new Staging("staged_balance", "seq BIGINT", "account_id VARCHAR(64)",
            "balance_date DATE", "customer_number VARCHAR(32)", "asset_type VARCHAR(24)", "currency CHAR(3)",
            "balance NUMERIC(20, 2)");
    private static final String COLUMNS = "account_id, balance_date, customer_number, asset_type, currency, balance";

    private final Clock clock;
    private LocalDate firstDate;
    private LocalDate lastDate;

    BalanceLoad(Clock clock, RowLimit limit) {
        super("balances", limit, STAGING);
        this.clock = clock;
    }

    @Override
    public void check(BalanceRow row, RowPath path, Violations violations) {
        violations.require(!row.date().isAfter(LocalDate.now(clock)), path.field("balance_date"), "must not be in the future");
    }

    @Override
    public void stage(PgCopy copy, long index, BalanceRow row) {
        copy.row(index, row.accountId(), row.date(), row.customerNumber(), row.assetType().name(), row.currency(),
                row.balance());
        if (firstDate == null || row.date().isBefore(firstDate)) {
            firstDate = row.date();
        }
        if (lastDate == null || row.date().isAfter(lastDate)) {
            lastDate = row.date();
        }
    }

    @Override
    public LoadResult merge(Merge merge) throws SQLException {
        LoadResult result = insertIfNew(merge.connection(), merge.rows());
        if (result == null) {
            result = upsert(merge.connection(), merge.rows());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("received", result.received());
        details.put("inserted", result.inserted());
        details.put("replaced", result.replaced());
        details.put("first_date", firstDate);
        details.put("last_date", lastDate);
        merge.audit(BalanceService.LOADED, "", details);
        return result;
    }

    @Override
    public void afterCommit(Connection connection, LoadResult result) throws SQLException {
        if (result.received() >= ANALYZE_AFTER_ROWS) {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE balance");
            }
        }
    }

    /**
     * The merge of a load of new days: no balance in its date range yet, so every row is new unless a key repeats in
     * the load or a concurrent load wrote it first; then the INSERT meets the key and is undone (null).
     */
    private LoadResult insertIfNew(Connection connection, long received) throws SQLException {
        try (PreparedStatement existing = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM balance WHERE balance_date BETWEEN ? AND ?)")) {
            existing.setDate(1, Date.valueOf(firstDate));
            existing.setDate(2, Date.valueOf(lastDate));
            try (ResultSet any = existing.executeQuery()) {
                any.next();
                if (any.getBoolean(1)) {
                    return null;
                }
            }
        }
        execute(connection, "SAVEPOINT insert_if_new");
        try (Statement insert = connection.createStatement()) {
            return new LoadResult(received, insert.executeLargeUpdate("INSERT INTO balance (" + COLUMNS + ") SELECT " + COLUMNS
                    + " FROM staged_balance ORDER BY account_id, balance_date"), 0);
        } catch (SQLException failure) {
            if (!UNIQUE_VIOLATION.equals(failure.getSQLState())) {
                throw failure;
            }
            execute(connection, "ROLLBACK TO SAVEPOINT insert_if_new");
            return null;
        }
    }

    private static LoadResult upsert(Connection connection, long received) throws SQLException {
        try (Statement upsert = connection.createStatement(); ResultSet counts = upsert.executeQuery("""
                WITH source AS (
                    SELECT DISTINCT ON (account_id, balance_date) %1$s
                    FROM staged_balance
                    ORDER BY account_id, balance_date, seq DESC
                ), written AS (
                    INSERT INTO balance (%1$s)
                    SELECT %1$s FROM source
                    ON CONFLICT (account_id, balance_date) DO UPDATE
                        SET customer_number = EXCLUDED.customer_number, asset_type = EXCLUDED.asset_type,
                            currency = EXCLUDED.currency, balance = EXCLUDED.balance
                    RETURNING (xmax = 0) AS inserted
                )
                SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)
                FROM written""".formatted(COLUMNS))) {
            counts.next();
            return new LoadResult(received, counts.getLong(1), counts.getLong(2));
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
