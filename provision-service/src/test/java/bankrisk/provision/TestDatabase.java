package bankrisk.provision;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/** What the tests read straight from PostgreSQL, as a user with psql would. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static long count(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Every table of the schema as "row count + md5 of its rows in order": two equal maps mean the database did not
     * change in between.
     */
    public static Map<String, String> fingerprint(DataSource dataSource, String... tables) {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>(List.of(tables));
            if (names.isEmpty()) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            for (String table : names) {
                try (ResultSet row = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                        + " FROM " + table + " t")) {
                    row.next();
                    fingerprints.put(table, row.getLong(1) + " rows, md5 " + row.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return fingerprints;
    }
}
