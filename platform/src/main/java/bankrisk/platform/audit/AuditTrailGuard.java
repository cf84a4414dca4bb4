package bankrisk.platform.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * A service never runs with a database login that could rewrite its audit trail. At start, after the migrations,
 * it asks PostgreSQL what its own login may do to {@code audit_event} and refuses to start when that login is a
 * superuser, owns the table (or may act as its owner), may update, delete, truncate, trigger or reference it, may
 * choose an entry's number or time, or may create objects in the schema: only a login that neither owns the table nor
 * is a superuser is held by the database (README, Security). The two logins come from the deployment
 * ({@code deploy/postgres/service-database.sql}); {@code bankrisk.db.require-restricted-login=false} is for dev mode
 * on a throwaway database only.
 */
@ApplicationScoped
public class AuditTrailGuard {

    private static final Logger LOG = Logger.getLogger(AuditTrailGuard.class);

    private static final String WHAT_THE_LOGIN_MAY_DO = """
            SELECT current_user, r.rolsuper, pg_has_role(current_user, c.relowner, 'MEMBER'),
                   has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE'),
                   has_table_privilege(c.oid, 'TRUNCATE'), has_table_privilege(c.oid, 'TRIGGER'),
                   has_table_privilege(c.oid, 'REFERENCES'),
                   has_column_privilege(c.oid, 'event_id', 'INSERT') OR has_column_privilege(c.oid, 'occurred_at', 'INSERT'),
                   has_schema_privilege(c.relnamespace, 'CREATE'),
                   has_table_privilege(c.oid, 'SELECT') AND has_column_privilege(c.oid, 'actor', 'INSERT')
            FROM pg_class c, pg_roles r
            WHERE c.oid = to_regclass('audit_event') AND r.rolname = current_user""";

    private final DataSource dataSource;
    private final boolean required;

    @Inject
    AuditTrailGuard(DataSource dataSource,
            @ConfigProperty(name = "bankrisk.db.require-restricted-login", defaultValue = "true") boolean required) {
        this.dataSource = dataSource;
        this.required = required;
    }

    void check(@Observes StartupEvent started) {
        if (!required) {
            LOG.warn("bankrisk.db.require-restricted-login=false: the service's database login is not checked and may be"
                    + " able to rewrite the audit trail (dev mode only)");
            return;
        }
        List<String> problems = new ArrayList<>();
        String login;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(WHAT_THE_LOGIN_MAY_DO)) {
            if (!row.next()) {
                throw new IllegalStateException("audit_event does not exist: the migrations have not run against this database");
            }
            login = row.getString(1);
            String[] powers = { null, "is a superuser", "owns audit_event (or may act as its owner)", "may UPDATE audit_event",
                    "may DELETE from audit_event", "may TRUNCATE audit_event", "may create triggers on audit_event",
                    "may reference audit_event", "may choose an entry's event_id or occurred_at",
                    "may create objects in the schema" };
            for (int column = 2; column <= 10; column++) {
                if (row.getBoolean(column)) {
                    problems.add(powers[column - 1]);
                }
            }
            if (!row.getBoolean(11)) {
                problems.add("may not read and append to audit_event (its privileges were not granted: run the migrations)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check what the service's database login may do: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start: the database login " + login + " " + String.join(", ", problems)
                    + ". Connect as a login of its own (DB_USER) that migrations do not use (DB_MIGRATION_USER owns the schema);"
                    + " deploy/postgres/service-database.sql creates both. See README, Security.");
        }
        LOG.infof("Database login %s: owns nothing, reads and appends to the audit trail only", login);
    }
}
