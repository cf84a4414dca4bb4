package bankrisk.platform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bankrisk.common.error.CallerGoneException;
import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.ResourceExhaustedException;
import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.common.security.Actor;
import bankrisk.platform.db.DatabaseException;
import bankrisk.platform.db.PgCopy;

/**
 * The staged-load skeleton against PostgreSQL itself, with a small target (key, value) merged into a table of the
 * test: what commits and what does not, the caller check before the commit, retries, refusals, and that every path
 * gives its connection back.
 */
class StagedLoadTest {

    private static final String URL = System.getenv().getOrDefault("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final Actor ACTOR = new Actor("loader-1", "test");

    private final CountingDataSource dataSource = new CountingDataSource();
    private final LongAdder streamedRows = new LongAdder();
    private final AtomicInteger released = new AtomicInteger();

    @BeforeEach
    void createTable() throws SQLException {
        execute("DROP TABLE IF EXISTS staged_load_test", "CREATE TABLE staged_load_test (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    }

    @AfterEach
    void dropTable() throws SQLException {
        execute("DROP TABLE IF EXISTS staged_load_test");
    }

    @Test
    void aFinishedLoadCommitsWholeAndLeavesNoStagingTable() throws SQLException {
        StagedLoad<Integer, Long> load = load(new Target());
        for (int k = 1; k <= 3; k++) {
            int key = k;
            load.accept((path, violations) -> key);
        }

        assertThat(load.finish(() -> true)).isEqualTo(3);
        assertThat(rows()).isEqualTo(3);
        assertThat(stagingTables()).isZero();
        assertEnded();
    }

    @Test
    void aLoadWhoseCallerLeftBeforeTheCommitStoresNothing() throws SQLException {
        StagedLoad<Integer, Long> load = load(new Target());
        load.accept((path, violations) -> 1);
        AtomicInteger asked = new AtomicInteger();

        // Still there when the merge starts, gone when it would commit.
        assertThatThrownBy(() -> load.finish(() -> asked.incrementAndGet() == 1)).isInstanceOf(CallerGoneException.class);
        assertThat(asked).hasValue(2);
        assertThat(rows()).isZero();
        assertEnded();
    }

    @Test
    void aMergeThatMeetsADeadlockIsUndoneAndRunAgain() throws SQLException {
        Target target = new Target();
        target.deadlocks = 2;
        StagedLoad<Integer, Long> load = load(target);
        load.accept((path, violations) -> 1);

        assertThat(load.finish(() -> true)).isEqualTo(1);
        assertThat(target.merges).isEqualTo(3);
        assertThat(rows()).isEqualTo(1);
        assertEnded();
    }

    @Test
    void aDeadlockThatOutlastsTheAttemptsEndsTheLoadWithTheDeadlock() throws SQLException {
        Target target = new Target();
        target.deadlocks = 3;
        StagedLoad<Integer, Long> load = load(target);
        load.accept((path, violations) -> 1);

        assertThatThrownBy(() -> load.finish(() -> true)).isInstanceOfSatisfying(DatabaseException.class,
                failure -> assertThat(failure.sqlException().getSQLState()).isEqualTo("40P01"));
        assertThat(target.merges).isEqualTo(3);
        assertThat(rows()).isZero();
        assertEnded();
    }

    @Test
    void aMergeFailureTheTargetExplainsRefusesTheLoadNamingTheRows() throws SQLException {
        StagedLoad<Integer, Long> load = load(new Target());
        load.accept((path, violations) -> 7);
        load.accept((path, violations) -> 7);

        assertThatThrownBy(() -> load.finish(() -> true)).isInstanceOfSatisfying(InvalidArgumentException.class,
                refused -> assertThat(refused.violations()).containsExactly(new FieldViolation("items[1].k", "repeats items[0]")));
        assertThat(rows()).isZero();
        assertEnded();
    }

    @Test
    void invalidRowsAreAllReadAndTheFirstHundredViolationsListed() throws SQLException {
        StagedLoad<Integer, Long> load = load(new Target());
        load.accept((path, violations) -> 1);
        for (int i = 0; i < 150; i++) {
            load.accept((path, violations) -> {
                violations.add(path.field("k"), "must be positive");
                return -1;
            });
        }
        assertThat(dataSource.open).as("the connection goes back at the first invalid row").hasValue(0);

        assertThatThrownBy(() -> load.finish(() -> true)).isInstanceOfSatisfying(InvalidArgumentException.class, refused -> {
            assertThat(refused.violations()).hasSize(101);
            assertThat(refused.violations().get(0)).isEqualTo(new FieldViolation("items[1].k", "must be positive"));
            assertThat(refused.violations().get(100)).isEqualTo(
                    new FieldViolation("items", "150 of 151 rows are invalid; the first 100 violations are listed"));
        });
        assertThat(rows()).isZero();
        assertEnded();
    }

    @Test
    void theRowOverTheLimitEndsTheLoadAsTheTargetAnswers() throws SQLException {
        StagedLoad<Integer, Long> first = load(new Target(new RowLimit(1, "test.max-rows", RowLimit.Answer.RESOURCE_EXHAUSTED)));
        first.accept((path, violations) -> 1);
        assertThatThrownBy(() -> first.accept((path, violations) -> 2)).isInstanceOf(ResourceExhaustedException.class)
                .hasMessage("the stream has more than 1 rows (test.max-rows); split the load into several streams");
        assertEnded();

        StagedLoad<Integer, Long> second = load(new Target(new RowLimit(1, "test.max-rows", RowLimit.Answer.INVALID_ARGUMENT)));
        second.accept((path, violations) -> 1);
        assertThatThrownBy(() -> second.accept((path, violations) -> 2)).isInstanceOfSatisfying(InvalidArgumentException.class,
                refused -> assertThat(refused.violations()).containsExactly(new FieldViolation("items[1]",
                        "the stream has more than 1 rows (test.max-rows); split the load into several streams")));
        assertThat(rows()).isZero();
        assertThat(dataSource.open).hasValue(0);
    }

    @Test
    void aStagingThatCannotStartGivesItsConnectionBack() {
        StagedLoad<Integer, Long> load = load(new Target(new RowLimit(1_000, "test.max-rows", RowLimit.Answer.RESOURCE_EXHAUSTED),
                new Staging("staged_items", "k NO_SUCH_TYPE")));

        assertThatThrownBy(() -> load.accept((path, violations) -> 1)).isInstanceOf(DatabaseException.class);
        assertEnded();
    }

    @Test
    void anEmptyLoadIsInvalidAndAnAbortedOneEndsOnce() {
        StagedLoad<Integer, Long> empty = load(new Target());
        assertThatThrownBy(() -> empty.finish(() -> true)).isInstanceOfSatisfying(InvalidArgumentException.class,
                refused -> assertThat(refused.violations()).containsExactly(new FieldViolation("items", "the stream carried no rows")));
        assertEnded();

        StagedLoad<Integer, Long> aborted = load(new Target());
        aborted.accept((path, violations) -> 1);
        aborted.abort();
        aborted.abort();
        aborted.accept((path, violations) -> 2); // a row arriving after the end is ignored
        assertThat(dataSource.open).hasValue(0);
        assertThat(released).hasValue(2);
    }

    private StagedLoad<Integer, Long> load(Target target) {
        return new StagedLoad<>(target, ACTOR, dataSource, new Settings(), null, streamedRows, released::incrementAndGet);
    }

    private void assertEnded() {
        assertThat(dataSource.open).as("connections not given back").hasValue(0);
        assertThat(released).as("the load's slot goes back once").hasValue(1);
    }

    private long rows() throws SQLException {
        return count("SELECT count(*) FROM staged_load_test");
    }

    private long stagingTables() throws SQLException {
        return count("SELECT count(*) FROM pg_class WHERE relpersistence = 't' AND relname = 'staged_items'");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", System.getenv().getOrDefault("PGPASSWORD", ""));
    }

    /** Keys staged as they come, merged by one INSERT in key order; a key twice fails the merge and is explained. */
    private static final class Target extends LoadTarget<Integer, Long> {
        int deadlocks;
        int merges;

        Target() {
            this(new RowLimit(1_000, "test.max-rows", RowLimit.Answer.RESOURCE_EXHAUSTED),
                    new Staging("staged_items", "i BIGINT", "k INTEGER"));
        }

        Target(RowLimit limit) {
            this(limit, new Staging("staged_items", "i BIGINT", "k INTEGER"));
        }

        Target(RowLimit limit, Staging staging) {
            super("items", limit, staging);
        }

        @Override
        public void check(Integer row, RowPath path, Violations violations) {
        }

        @Override
        public void stage(PgCopy copy, long index, Integer row) {
            copy.row(index, row);
        }

        @Override
        public Long merge(Merge merge) throws SQLException {
            merges++;
            try (Statement st = merge.connection().createStatement()) {
                long inserted = st.executeLargeUpdate(
                        "INSERT INTO staged_load_test (k, v) SELECT k, 'v' || i FROM staged_items ORDER BY k");
                if (deadlocks-- > 0) {
                    throw new SQLException("deadlock detected", "40P01");
                }
                return inserted;
            }
        }

        @Override
        public List<FieldViolation> explain(SQLException failure, Connection connection) throws SQLException {
            if (!"23505".equals(failure.getSQLState())) {
                return List.of();
            }
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT max(i), min(i) FROM staged_items GROUP BY k HAVING count(*) > 1")) {
                rs.next();
                return List.of(new FieldViolation(new RowPath("items", rs.getLong(1)).field("k"),
                        "repeats " + new RowPath("items", rs.getLong(2))));
            }
        }
    }

    private static final class Settings implements LoadSettings {
        @Override
        public int maxConcurrent() {
            return 4;
        }

        @Override
        public Duration idleTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int mergeAttempts() {
            return 3;
        }

        @Override
        public Duration mergeTimeout() {
            return Duration.ofMinutes(1);
        }

        @Override
        public String workMem() {
            return "8MB";
        }
    }

    /** A DataSource that counts the connections it handed out and that were not closed yet. */
    private static final class CountingDataSource implements DataSource {
        final AtomicInteger open = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = connect();
            open.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && !real.isClosed()) {
                            open.decrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException failure) {
                            throw failure.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
