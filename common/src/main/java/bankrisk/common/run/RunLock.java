package bankrisk.common.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import bankrisk.common.error.RunInProgressException;

/**
 * Makes a month-end run exclusive across every replica that shares the database: a PostgreSQL session-level advisory
 * lock keyed by a 64-bit hash (SHA-256) of {@code namespace + run key}, taken with {@code pg_try_advisory_lock} so a
 * second caller never queues behind a long run. The holder names its session {@code bankrisk-run:<job id>}
 * ({@code application_name}), so a caller that does not get the lock reads the running job's id from
 * {@code pg_locks} joined to {@code pg_stat_activity} and gets a {@link RunInProgressException} carrying it.
 *
 * <p>Hold the lock around the run's whole transaction (acquire before it begins, close after it commits): the next
 * caller then finds the committed result. The lock lives on its own pooled connection, outside the run's
 * transaction; a replica that dies loses its session and with it the lock, so no stale lock survives a crash.
 */
public final class RunLock implements AutoCloseable {

    static final String APPLICATION_NAME_PREFIX = "bankrisk-run:";
    private static final int ATTEMPTS = 5;

    private final Connection connection;
    private final long key;
    private final String jobId;
    private final String previousApplicationName;

    private RunLock(Connection connection, long key, String jobId, String previousApplicationName) {
        this.connection = connection;
        this.key = key;
        this.jobId = jobId;
        this.previousApplicationName = previousApplicationName;
    }

    /**
     * Takes the lock of {@code namespace}/{@code runKey} for a new job, or throws {@link RunInProgressException}
     * with the id of the job holding it.
     */
    public static RunLock acquire(DataSource dataSource, String namespace, String runKey) {
        long key = key(namespace, runKey);
        String jobId = UUID.randomUUID().toString();
        String holder = "";
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Connection connection = dataSource.getConnection();
                boolean locked = false;
                try {
                    String previous = setApplicationName(connection, APPLICATION_NAME_PREFIX + jobId);
                    locked = tryLock(connection, key);
                    if (locked) {
                        return new RunLock(connection, key, jobId, previous);
                    }
                    setApplicationName(connection, previous);
                    holder = holder(connection, key);
                } finally {
                    if (!locked) {
                        connection.close();
                    }
                }
                if (!holder.isEmpty()) {
                    break;
                }
                // The holder finished between our attempt and the look-up: try again, we may get the lock now.
                Thread.sleep(20L * attempt);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the run lock of " + namespace + " " + runKey, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the run lock of " + namespace + " " + runKey, e);
        }
        throw new RunInProgressException(namespace + " " + runKey, holder);
    }

    /** The id of the job that holds the lock, new for every run. */
    public String jobId() {
        return jobId;
    }

    /** Releases the lock and gives the connection back to the pool as it was. */
    @Override
    public void close() {
        try (connection) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
            }
            setApplicationName(connection, previousApplicationName);
        } catch (SQLException e) {
            throw new IllegalStateException("could not release the run lock of job " + jobId, e);
        }
    }

    static long key(String namespace, String runKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((namespace + "\u0000" + runKey).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (hash[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Sets this session's application_name; returns the previous one. */
    private static String setApplicationName(Connection connection, String name) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(
                "SELECT current_setting('application_name'), set_config('application_name', ?, false)")) {
            set.setString(1, name);
            try (ResultSet row = set.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /** The job id of the session holding {@code key} in this database; empty when nobody holds it any more. */
    private static String holder(Connection connection, long key) throws SQLException {
        // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT a.application_name
                  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid = (?::bigint)::oid AND l.objid = (?::bigint)::oid""")) {
            select.setLong(1, key >>> 32);
            select.setLong(2, key & 0xffffffffL);
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && row.getString(1) != null && row.getString(1).startsWith(APPLICATION_NAME_PREFIX)) {
                    return row.getString(1).substring(APPLICATION_NAME_PREFIX.length());
                }
                return "";
            }
        }
    }
}
