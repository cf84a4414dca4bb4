package bankrisk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail out of the service's reach (issue 20, item 8), proved in every service against its real database:
 * connected as the service's own login (the test profile's datasource, as in production), every way of rewriting
 * history is refused by PostgreSQL's privileges with {@code insufficient_privilege}: changing, removing or emptying
 * entries, disabling, dropping or replacing the triggers that keep the table append-only, dropping or altering the
 * table, taking the owner's role or privileges, and writing an entry with a number or time of its own choosing. What
 * it may do still works: read the trail and append an entry, numbered and timed by the database. The owner itself
 * (the migrations' login) is still held by the triggers.
 */
public abstract class AuditTrailAccessContract {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    protected DataSource dataSource;

    private String owner;
    private String triggerFunction;
    private String trigger;

    @BeforeEach
    void readTheSchema() throws SQLException {
        try (Connection connection = SchemaOwner.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT pg_get_userbyid(c.relowner), t.tgfoid::regprocedure, t.tgname
                        FROM pg_class c JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
                        WHERE c.oid = 'audit_event'::regclass ORDER BY t.tgname LIMIT 1""")) {
            assertThat(row.next()).as("audit_event and its triggers").isTrue();
            owner = row.getString(1);
            triggerFunction = row.getString(2);
            trigger = row.getString(3);
        }
    }

    @Test
    void theServicesLoginOwnsNothingAndIsNotASuperuser() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT current_user, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
                               (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
                               (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid)
                        FROM pg_roles r WHERE r.rolname = current_user""")) {
            row.next();
            assertThat(row.getString(1)).as("the service's login").isNotEqualTo(owner);
            assertThat(List.of(row.getBoolean(2), row.getBoolean(3), row.getBoolean(4))).containsOnly(false);
            assertThat(row.getLong(5) + row.getLong(6)).as("tables, sequences and functions it owns").isZero();
        }
    }

    @Test
    void theServicesLoginIsRefusedEveryWayOfRewritingHistory() throws SQLException {
        long entries = count("SELECT count(*) FROM audit_event");
        List<String> rewrites = List.of(
                "UPDATE audit_event SET actor = 'mallory'",
                "UPDATE audit_event SET occurred_at = occurred_at - interval '1 year'",
                "DELETE FROM audit_event",
                "TRUNCATE audit_event",
                "ALTER TABLE audit_event DISABLE TRIGGER " + trigger,
                "ALTER TABLE audit_event DISABLE TRIGGER ALL",
                "DROP TRIGGER " + trigger + " ON audit_event",
                "CREATE TRIGGER let_me BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION " + triggerFunction.replace("()", "") + "()",
                "CREATE OR REPLACE FUNCTION " + triggerFunction + " RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "DROP FUNCTION " + triggerFunction + " CASCADE",
                "DROP TABLE audit_event",
                "ALTER TABLE audit_event RENAME TO audit_event_old",
                "ALTER TABLE audit_event ADD COLUMN forged boolean",
                "ALTER TABLE audit_event OWNER TO current_user",
                "CREATE TABLE audit_event_shadow (LIKE audit_event)",
                "SET ROLE " + owner,
                // Back-dating, or slipping an entry in between two others: number and time are the database's.
                "INSERT INTO audit_event (occurred_at, actor, action) VALUES (TIMESTAMPTZ '2020-01-01 00:00:00+08', 'mallory', 'BACKDATED')",
                "INSERT INTO audit_event (event_id, actor, action) VALUES (1, 'mallory', 'SLIPPED_IN')",
                "SELECT setval(pg_get_serial_sequence('audit_event', 'event_id'), 1)");
        for (String rewrite : rewrites) {
            assertThatThrownBy(() -> asTheService(rewrite)).as(rewrite).isInstanceOfSatisfying(SQLException.class,
                    refused -> assertThat(refused.getSQLState()).as(rewrite + ": " + refused.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        }

        // Granting itself more is a no-op (PostgreSQL only warns: the login holds no grant option).
        asTheService("GRANT UPDATE, DELETE, TRUNCATE, TRIGGER ON audit_event TO current_user");
        assertThat(count("SELECT count(*) FROM (VALUES ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('TRIGGER'), ('REFERENCES')) p(p)"
                + " WHERE has_table_privilege('audit_event', p)")).as("privileges to change the trail").isZero();
        assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(entries);
        assertThat(count("SELECT count(*) FROM audit_event WHERE actor = 'mallory'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass AND NOT tgisinternal"
                + " AND tgenabled = 'O'")).as("triggers in force").isEqualTo(2);
    }

    @Test
    void theServicesLoginReadsAndAppendsEntriesNumberedAndTimedByTheDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO audit_event (actor, action, subject, reason, details)"
                        + " VALUES ('contract-test', 'CONTRACT_CHECKED', 'contract/1', 'issue 20', '{}')");
                try (ResultSet row = statement.executeQuery("SELECT event_id, occurred_at FROM audit_event"
                        + " WHERE action = 'CONTRACT_CHECKED'")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getLong(1)).isPositive();
                    assertThat(row.getTimestamp(2).toInstant()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
                }
            } finally {
                connection.rollback(); // leaves the trail as the other tests count it
            }
        }
    }

    @Test
    void evenTheOwnerIsHeldByTheTriggers() throws SQLException {
        // An entry for the row triggers to guard (a table without rows has nothing for them to refuse).
        asTheService("INSERT INTO audit_event (actor, action, subject) VALUES ('contract-test', 'CONTRACT_CHECKED', 'contract/2')");
        for (String change : List.of("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event", "TRUNCATE audit_event")) {
            assertThatThrownBy(() -> SchemaOwner.execute(change)).as(change).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    private void asTheService(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
