package bankrisk.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import bankrisk.common.db.ServiceLogins;

/** Where the repository, the PostgreSQL server and the logs are (system properties set by failsafe in the pom). */
public final class E2eSettings {

    /** The server's administrator: makes the databases and reads them as an auditor would (the services use their own logins). */
    public static final String DB_USER = "postgres";

    private E2eSettings() {
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("bankrisk.repo.root", "..")).toAbsolutePath().normalize();
    }

    public static Path logDirectory() {
        return Path.of(System.getProperty("bankrisk.e2e.logs", "target/e2e-logs"));
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + System.getProperty("bankrisk.e2e.db.host", "127.0.0.1") + ":"
                + System.getProperty("bankrisk.e2e.db.port", "5432") + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), DB_USER, "");
    }

    /** The single number {@code sql} selects, read as an auditor would: straight from the service's database. */
    public static long count(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * What the other sessions of {@code database} are doing (a service's pool, or what a killed service left): each
     * non-idle one's state, the start of its statement and how long it has run.
     */
    public static String sessions(String database) {
        List<String> sessions = new ArrayList<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT state, left(regexp_replace(query, '\\s+', ' ', 'g'), 40),"
                        + " round(extract(epoch FROM clock_timestamp() - query_start)::numeric, 2) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'")) {
            while (rows.next()) {
                sessions.add(rows.getString(1) + " '" + rows.getString(2) + "…' for " + rows.getString(3) + " s");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sessions of " + database, e);
        }
        return sessions.toString();
    }

    /**
     * Drops (ending any leftover sessions of an aborted earlier run) and creates empty databases, each with its
     * service's two logins ({@link ServiceLogins#local}), as a deployment makes them.
     */
    public static void recreateDatabases(String... databases) throws SQLException, IOException {
        for (String database : databases) {
            if (!database.matches("[a-z_]+_e2e[a-z_]*")) {
                throw new IllegalArgumentException("refusing to drop " + database + ": not an e2e database");
            }
            try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
            try (Connection admin = connect(database)) {
                ServiceLogins.local(database).apply(admin, repoRoot());
            }
        }
    }
}
