package bankrisk.common.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The two logins of a service's database: the schema owner, which the migrations run as, and the service's own
 * login, which owns nothing and may only read and append to the audit trail. {@link #apply} gives a database these
 * logins by running {@code deploy/postgres/service-database.sql}, the script every deployment path runs
 * ({@code scripts/create-databases.sh}, docker-compose's init script), for the tools that make databases from Java:
 * the demo ({@code ./run.sh}) and the end-to-end tests.
 */
public record ServiceLogins(String owner, String ownerPassword, String service, String servicePassword) {

    /** Where the script is, relative to the repository. */
    public static final Path SCRIPT = Path.of("deploy", "postgres", "service-database.sql");

    /**
     * The logins local runs and tests use for a service's database, named after the service its name starts with
     * ({@code tiering_e2e} is tiering's): {@code tiering_owner} and {@code tiering_app}, each with its name as password
     * (as {@code scripts/create-databases.sh} makes them; never a deployment's).
     */
    public static ServiceLogins local(String database) {
        for (String service : new String[] { "tiering", "loan_risk", "provision" }) {
            if (database.startsWith(service)) {
                return new ServiceLogins(service + "_owner", service + "_owner", service + "_app", service + "_app");
            }
        }
        throw new IllegalArgumentException(database + " is not a service's database (tiering*, loan_risk*, provision*)");
    }

    /** The service's configuration of both logins (environment variables). */
    public Map<String, String> environment() {
        return Map.of("DB_USER", service, "DB_PASSWORD", servicePassword, "DB_MIGRATION_USER", owner, "DB_MIGRATION_PASSWORD",
                ownerPassword);
    }

    /**
     * Runs the script of {@code repository} over {@code admin}, a superuser's connection to the service's database:
     * creates the logins if missing, makes the owner own the database and its schema.
     */
    public void apply(Connection admin, Path repository) throws SQLException, IOException {
        String script = Files.readString(repository.resolve(SCRIPT), StandardCharsets.UTF_8);
        try (PreparedStatement settings = admin.prepareStatement("SELECT set_config('bankrisk.owner', ?, false),"
                + " set_config('bankrisk.owner_password', ?, false), set_config('bankrisk.service', ?, false),"
                + " set_config('bankrisk.service_password', ?, false)")) {
            settings.setString(1, owner);
            settings.setString(2, ownerPassword);
            settings.setString(3, service);
            settings.setString(4, servicePassword);
            settings.execute();
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute(script);
        }
    }
}
