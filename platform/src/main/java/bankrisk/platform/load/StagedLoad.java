package bankrisk.platform.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import bankrisk.common.error.CallerGoneException;
import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.ResourceExhaustedException;
import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;
import bankrisk.platform.db.DatabaseException;
import bankrisk.platform.db.PgCopy;

/**
 * One load in progress, all of it in one transaction on one connection: the first valid row opens the connection,
 * creates the staging table ({@code ON COMMIT DROP}) and starts a COPY into it, which takes every further row as it
 * arrives (memory stays bounded by PgCopy's buffer); the end of the rows ends the COPY, the target merges, and the
 * transaction commits only if the caller still waits. A refused, failed, cancelled or abandoned load rolls back, and
 * the staging table goes with it: nothing of the load is ever visible, nothing is left to clean up. Rows arrive one
 * after the other; {@link #abort()} may come from any thread.
 */
public final class StagedLoad<R, T> implements Load<T> {

    /** Violations reported for one load at most; the rest are counted in a last line. */
    static final int MAX_REPORTED_VIOLATIONS = 100;
    /** serialization_failure and deadlock_detected: the merge is undone and may simply run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final Logger LOG = Logger.getLogger(StagedLoad.class);

    private final LoadTarget<R, T> target;
    private final Actor actor;
    private final DataSource dataSource;
    private final LoadSettings settings;
    private final AuditLog audit;
    private final long maxRows;
    private final String source;
    /** Rows taken by every streamed load of the service (null for the load of one request). */
    private final LongAdder streamedRows;
    private final Runnable release;
    private final long started = System.nanoTime();
    private final List<FieldViolation> violations = new ArrayList<>();
    private long received;
    private long invalidRows;
    private long unreported;
    private Connection connection;
    private PgCopy copy;
    private boolean committed;
    private boolean ended;

    StagedLoad(LoadTarget<R, T> target, Actor actor, DataSource dataSource, LoadSettings settings, AuditLog audit,
            LongAdder streamedRows, Runnable release) {
        this.target = target;
        this.actor = actor;
        this.dataSource = dataSource;
        this.settings = settings;
        this.audit = audit;
        this.maxRows = streamedRows != null ? target.rowLimit().maxRows() : Long.MAX_VALUE;
        this.source = streamedRows != null ? "stream" : "request";
        this.streamedRows = streamedRows;
        this.release = release;
    }

    /**
     * Takes the next row: reads it under its path ({@code loans[<index across the whole call>]}), checks it, stages
     * it. After the first invalid row nothing more is staged (the load will be refused and its connection is given
     * back at once), but every row is still read, so that the refusal lists the mistakes of the whole load. The row
     * over the stream's limit ends the load at once.
     */
    public synchronized void accept(RowReader<R> reader) {
        if (ended) {
            return; // aborted meanwhile (idle timeout, cancel): the call has already failed
        }
        RowPath path = new RowPath(target.rows(), received++);
        if (streamedRows != null) {
            streamedRows.increment();
        }
        if (path.index() >= maxRows) {
            abort();
            RowLimit limit = target.rowLimit();
            if (limit.answer() == RowLimit.Answer.RESOURCE_EXHAUSTED) {
                throw new ResourceExhaustedException(limit.key(), limit.message());
            }
            violations.add(new FieldViolation(path.toString(), limit.message()));
            throw new InvalidArgumentException(violations);
        }
        Violations found = new Violations();
        R row = reader.read(path, found);
        if (found.isEmpty()) {
            target.check(row, path, found);
        }
        if (!found.isEmpty()) {
            invalidRows++;
            report(found.list());
            closeConnection();
            return;
        }
        if (invalidRows == 0) {
            stage(path.index(), row);
        }
    }

    @Override
    public synchronized T finish(BooleanSupplier callerWaiting) {
        try {
            if (ended) {
                throw new IllegalStateException("the load has already ended");
            }
            if (invalidRows > 0) {
                throw refusal();
            }
            if (received == 0) {
                throw new InvalidArgumentException(target.rows(), "the " + source + " carried no rows");
            }
            requireCaller(callerWaiting);
            long mergeStarted;
            T result;
            int attempts;
            try {
                copy.finish();
                copy = null;
                mergeStarted = System.nanoTime();
                setLocal("statement_timeout", settings.mergeTimeout().toMillis() + "ms");
                Attempt<T> merged = merge();
                result = merged.result();
                attempts = merged.attempts();
                requireCaller(callerWaiting); // the caller may have left while the merge ran
                connection.commit();
                committed = true;
            } catch (SQLException failure) {
                throw new DatabaseException(failure);
            } catch (PgCopy.CopyFailedException failure) {
                throw new DatabaseException(failure.sqlException());
            }
            long mergeMillis = (System.nanoTime() - mergeStarted) / 1_000_000;
            afterCommit(result);
            LOG.infof("%s load of %s: %d rows, %s; streamed and staged %d ms, merged %d ms%s", target.rows(), actor.name(),
                    received, result, (mergeStarted - started) / 1_000_000, mergeMillis,
                    attempts > 1 ? " (" + attempts + " attempts)" : "");
            return result;
        } finally {
            end();
        }
    }

    @Override
    public void abort() {
        synchronized (this) {
            end();
        }
    }

    private void stage(long index, R row) {
        try {
            if (connection == null) {
                open();
            }
            target.stage(copy, index, row);
        } catch (SQLException failure) {
            end();
            throw new DatabaseException(failure);
        } catch (PgCopy.CopyFailedException failure) {
            end();
            throw new DatabaseException(failure.sqlException());
        }
    }

    /** One connection, one transaction, the staging table in it and the COPY that fills it. */
    private void open() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        setLocal("work_mem", settings.workMem());
        setLocal("statement_timeout", "0"); // the COPY lasts as long as the stream; the idle timeout bounds a silent one
        try (Statement create = connection.createStatement()) {
            create.execute(target.staging().create());
        }
        copy = PgCopy.open(connection, target.staging().table(), target.staging().names());
    }

    private void setLocal(String setting, String value) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            set.setString(1, setting);
            set.setString(2, value);
            set.execute();
        }
    }

    private record Attempt<T>(T result, int attempts) {
    }

    /**
     * The target's merge under a savepoint: a deadlock or serialisation failure is undone and tried again (after a
     * short random pause, so that two colliding loads do not collide again), up to the configured attempts; then the
     * failure goes to the caller, who sees ABORTED and may retry. A failure the target explains as bad rows refuses
     * the load with those rows.
     */
    private Attempt<T> merge() throws SQLException {
        Merge merge = new Merge(connection, received, actor, audit);
        for (int attempt = 1;; attempt++) {
            execute("SAVEPOINT merge");
            try {
                T result = target.merge(merge);
                execute("RELEASE SAVEPOINT merge");
                return new Attempt<>(result, attempt);
            } catch (SQLException failure) {
                undo(failure);
                if (failure.getSQLState() != null && RETRYABLE.contains(failure.getSQLState())
                        && attempt < settings.mergeAttempts()) {
                    LOG.infof("%s load of %s: merge attempt %d met %s; trying again", target.rows(), actor.name(), attempt,
                            failure.getSQLState());
                    pause(attempt);
                    continue;
                }
                List<FieldViolation> explained = target.explain(failure, connection);
                if (!explained.isEmpty()) {
                    throw new InvalidArgumentException(explained);
                }
                throw failure;
            }
        }
    }

    private void undo(SQLException failure) throws SQLException {
        try {
            execute("ROLLBACK TO SAVEPOINT merge");
        } catch (SQLException broken) {
            broken.addSuppressed(failure);
            throw broken;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void requireCaller(BooleanSupplier callerWaiting) {
        if (!callerWaiting.getAsBoolean()) {
            LOG.infof("%s load of %s: the caller left after %d rows, before the commit; rolled back", target.rows(),
                    actor.name(), received);
            throw new CallerGoneException("the call was cancelled before the load committed; nothing of it is stored");
        }
    }

    /** Refreshing statistics and the like: the load is committed, so a failure here is only logged. */
    private void afterCommit(T result) {
        try {
            connection.setAutoCommit(true);
            target.afterCommit(connection, result);
        } catch (SQLException failure) {
            LOG.warnf(failure, "%s load of %s committed; the work after its commit failed", target.rows(), actor.name());
        }
    }

    private void report(List<FieldViolation> found) {
        for (FieldViolation violation : found) {
            if (violations.size() < MAX_REPORTED_VIOLATIONS) {
                violations.add(violation);
            } else {
                unreported++;
            }
        }
    }

    private InvalidArgumentException refusal() {
        List<FieldViolation> listed = new ArrayList<>(violations);
        if (unreported > 0) {
            listed.add(new FieldViolation(target.rows(), invalidRows + " of " + received + " rows are invalid; the first "
                    + MAX_REPORTED_VIOLATIONS + " violations are listed"));
        }
        return new InvalidArgumentException(listed);
    }

    /** Ends the load: whatever was not committed is rolled back, the connection and the concurrency slot go back. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            closeConnection();
        } finally {
            release.run();
        }
    }

    /** Cancels the COPY, rolls back what was not committed (the staging table with it) and gives the connection back. */
    private void closeConnection() {
        if (copy != null) {
            copy.close();
            copy = null;
        }
        if (connection == null) {
            return;
        }
        try {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException failure) {
            // A broken connection: the pool learns so from this very failure and discards it on close.
            LOG.debugf(failure, "Rolling back %s load of %s", target.rows(), actor.name());
        } finally {
            try {
                connection.close();
            } catch (SQLException failure) {
                LOG.debugf(failure, "Closing the connection of %s load of %s", target.rows(), actor.name());
            }
            connection = null;
        }
    }
}
