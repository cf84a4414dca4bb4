package bankrisk.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Where the repository, the PostgreSQL server and the logs are (system properties set by failsafe in the pom). */
public final class E2eSettings {

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

    /** Drops (ending any leftover sessions of an aborted earlier run) and creates empty databases. */
    public static void recreateDatabases(String... databases) throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            for (String database : databases) {
                if (!database.matches("[a-z_]+_e2e[a-z_]*")) {
                    throw new IllegalArgumentException("refusing to drop " + database + ": not an e2e database");
                }
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }
}
