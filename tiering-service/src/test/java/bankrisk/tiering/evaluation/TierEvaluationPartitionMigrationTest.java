package bankrisk.tiering.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V9 turns {@code tier_evaluation} into a table partitioned by month. Run on a database of its own that holds the
 * schema of V8 with evaluated months (one with customers, one without): afterwards every evaluated month has its
 * partition, every row is where it was, and the keys, indexes and foreign key still hold.
 */
class TierEvaluationPartitionMigrationTest {

    private static final String SERVER = System.getenv().getOrDefault("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tiering_test")
            .replaceFirst("/[^/?]*(\\?.*)?$", "/");
    private static final String DATABASE = "tiering_migration_test";
    // An administrator of the test server (it creates and drops the test's database), as scripts/create-databases.sh.
    private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PGPASSWORD", "");

    @BeforeAll
    static void v8WithTwoEvaluatedMonths() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE);
        admin("CREATE DATABASE " + DATABASE);
        flyway("8").migrate();
        execute("""
                INSERT INTO tier_scheme (version, name, effective_month, base_currency, downgrade_grace_months)
                    VALUES (1, 'retail', DATE '2024-01-01', 'CNY', 1) ON CONFLICT DO NOTHING; -- V3 may seed one
                INSERT INTO value_class_scheme (version, effective_month) VALUES (1, DATE '2024-01-01') ON CONFLICT DO NOTHING;
                INSERT INTO evaluation_run (month, scheme_version, value_class_scheme_version, customers)
                    VALUES (DATE '2024-01-01', 1, 1, 2), (DATE '2024-02-01', 1, 1, 0);
                INSERT INTO tier_evaluation (month, customer_number, average_balance, qualified_rank, tier_rank, tier_code,
                        previous_tier_code, previous_tier_rank, grace_held, months_below, scheme_version, value_class)
                    VALUES (DATE '2024-01-01', 'C-1', 50000.00, 1, 1, 'XINRAN', NULL, 0, false, 0, 1, 'A'),
                           (DATE '2024-01-01', 'C-2', 49999.99, 0, 0, NULL, NULL, 0, false, 0, 1, 'B');
                """);
        flyway(null).migrate();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void everyEvaluatedMonthHasItsPartitionAndEveryRowIsKept() throws SQLException {
        assertThat(strings("SELECT c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'tier_evaluation'::regclass ORDER BY 1"))
                .containsExactly("tier_evaluation_2024_01 FOR VALUES IN ('2024-01-01')",
                        "tier_evaluation_2024_02 FOR VALUES IN ('2024-02-01')");
        assertThat(strings("SELECT customer_number || ' ' || average_balance || ' ' || coalesce(tier_code, '-') || ' '"
                + " || value_class FROM tier_evaluation_2024_01 ORDER BY 1"))
                .containsExactly("C-1 50000.00 XINRAN A", "C-2 49999.99 - B");
        assertThat(strings("SELECT relname FROM pg_class WHERE relname LIKE 'tier_evaluation_unpartitioned%'")).isEmpty();
    }

    @Test
    void keysIndexesAndTheForeignKeyStillHold() throws SQLException {
        assertThat(strings("SELECT indexname FROM pg_indexes WHERE tablename = 'tier_evaluation' ORDER BY 1"))
                .containsExactly("tier_evaluation_by_customer", "tier_evaluation_by_tier", "tier_evaluation_pkey");
        assertThatThrownBy(() -> execute("""
                INSERT INTO tier_evaluation (month, customer_number, average_balance, qualified_rank, tier_rank,
                        previous_tier_rank, grace_held, months_below, scheme_version, value_class)
                    VALUES (DATE '2024-01-01', 'C-1', 1.00, 0, 0, 0, false, 0, 1, 'A')"""))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        assertThatThrownBy(() -> execute("DELETE FROM evaluation_run WHERE month = DATE '2024-01-01'"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    }

    private static Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(SERVER + DATABASE, USER, PASSWORD).locations("classpath:db/migration")
                .placeholders(Map.of("service_login", "tiering_app"));
        return (target == null ? configuration : configuration.target(target)).load();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, USER, PASSWORD);
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
