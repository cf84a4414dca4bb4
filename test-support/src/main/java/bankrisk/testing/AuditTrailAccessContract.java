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
import java.util.ArrayList;
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

    /**
     * One definition in every service (issue 18, item 6): the same columns, index, triggers and trigger function,
     * whatever migration history the service's database went through. The columns come from each service's own first
     * migration; the rest from platform's R__audit_event_append_only.sql, which every service runs. This list is the
     * definition the three services are compared against; a drift in any of them fails that service's suite.
     */
    @Test
    void theTrailHasTheDefinitionEveryServiceShares() throws SQLException {
        assertThat(rows("""
                SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = 'audit_event'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attname""")).containsExactly(
                "action character varying(64) NOT NULL",
                "actor character varying(256) NOT NULL",
                "details jsonb NOT NULL DEFAULT '{}'::jsonb",
                "event_id bigint NOT NULL DEFAULT nextval('audit_event_event_id_seq'::regclass)",
                "occurred_at timestamp with time zone NOT NULL DEFAULT clock_timestamp()",
                "reason character varying(1000) NOT NULL DEFAULT ''::character varying",
                "subject character varying(200) NOT NULL DEFAULT ''::character varying");
        assertThat(rows("""
                SELECT regexp_replace(pg_get_indexdef(i.indexrelid), ' ON \\S+', ' ON audit_event')
                FROM pg_index i WHERE i.indrelid = 'audit_event'::regclass ORDER BY 1""")).containsExactly(
                "CREATE INDEX audit_event_subject_idx ON audit_event USING btree (subject, event_id)",
                "CREATE UNIQUE INDEX audit_event_pkey ON audit_event USING btree (event_id)");
        assertThat(rows("""
                SELECT regexp_replace(pg_get_triggerdef(t.oid), ' ON \\S+', ' ON audit_event')
                FROM pg_trigger t WHERE t.tgrelid = 'audit_event'::regclass AND NOT t.tgisinternal ORDER BY t.tgname"""))
                .containsExactly(
                        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT"
                                + " EXECUTE FUNCTION audit_event_append_only()",
                        "CREATE TRIGGER audit_event_no_update_or_delete BEFORE DELETE OR UPDATE ON audit_event FOR EACH ROW"
                                + " EXECUTE FUNCTION audit_event_append_only()");
        assertThat(rows("SELECT regexp_replace(prosrc, '\\s+', ' ', 'g') FROM pg_proc WHERE proname = 'audit_event_append_only'"))
                .containsExactly(" BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP"
                        + " USING ERRCODE = 'insufficient_privilege'; END; ");
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

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
