package bankrisk.platform.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.platform.db.PgCopy;

/**
 * What a service supplies to the staged-load skeleton ({@link StagedLoads}) for one load: the rows' name in field
 * paths, the row limit, the staging table, the checks a row needs beyond its own fields, how a row is written to the
 * staging COPY, and the merge SQL. One instance serves one load, so it may keep what it learns from the rows (e.g.
 * their date range) for its merge. Everything else — connections, the transaction, COPY, violations and their cap,
 * retries, the caller check before the commit, clean-up — is the skeleton's.
 */
public abstract class LoadTarget<R, T> {

    private final String rows;
    private final RowLimit rowLimit;
    private final Staging staging;

    /**
     * @param rows the repeated request field the rows come in ({@code "loans"}): rows are named {@code loans[i]}
     * @param rowLimit the most rows a streamed load may carry (a load of one request has its own limit, checked by
     *        the service)
     * @param staging the temporary table the rows are staged in
     */
    protected LoadTarget(String rows, RowLimit rowLimit, Staging staging) {
        this.rows = rows;
        this.rowLimit = rowLimit;
        this.staging = staging;
    }

    public final String rows() {
        return rows;
    }

    public final RowLimit rowLimit() {
        return rowLimit;
    }

    public final Staging staging() {
        return staging;
    }

    /**
     * Checks a row whose own fields were read without violation against rules that look at more than one field or at
     * the clock (e.g. a date in the future), adding violations under {@code path}.
     */
    public abstract void check(R row, RowPath path, Violations violations);

    /** Writes a valid row to the staging COPY, its fields in the order of the staging table's columns. */
    public abstract void stage(PgCopy copy, long index, R row);

    /**
     * Merges the staged rows into the service's tables in one deterministic key order (two loads of the same keys
     * then wait for each other instead of deadlocking), records the audit entry through {@link Merge#audit} and
     * returns the load's result. Runs in the load's transaction, after every row was staged; the skeleton undoes and
     * runs it again when it meets a deadlock or a serialisation failure.
     */
    public abstract T merge(Merge merge) throws SQLException;

    /**
     * Why a merge failed, as violations of rows, when the failure means that the rows contradict each other or the
     * stored data (a key twice, a reference to nothing); empty for any other failure. Runs on the staged rows after
     * the merge's changes were undone; the load is then refused with these violations.
     */
    public List<FieldViolation> explain(SQLException failure, Connection connection) throws SQLException {
        return List.of();
    }

    /** Work after the commit, on the load's connection in auto-commit (e.g. refreshing the table's statistics). */
    public void afterCommit(Connection connection, T result) throws SQLException {
    }
}
