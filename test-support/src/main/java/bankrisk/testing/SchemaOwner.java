package bankrisk.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The schema owner's login (the one migrations run as: {@code quarkus.flyway.username}), for the few test steps the
 * service's own login may not do: emptying tables between tests ({@code TRUNCATE}), breaking the audit table on
 * purpose to prove a change and its entry fail together. Read from the running test profile's configuration.
 */
public final class SchemaOwner {

    private SchemaOwner() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getOptionalValue("quarkus.flyway.password", String.class).orElse(""));
    }

    /** Runs each statement as the schema owner. */
    public static void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
