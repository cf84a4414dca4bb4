package bankrisk.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * What a service's database holds, table by table: row count and the MD5 of the rows as text in text order. Two
 * equal fingerprints mean no row was added, changed or removed (sequences are not tables: a refused insert may use
 * one). The hostile-input, retry and audit tests of every service compare them before and after.
 */
public final class TableFingerprints {

    private TableFingerprints() {
    }

    /** Every table of the service's schema. */
    public static Map<String, String> all(DataSource dataSource) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return of(dataSource, tables.toArray(String[]::new));
    }

    public static Map<String, String> of(DataSource dataSource, String... tables) throws SQLException {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text"
                        + " COLLATE \"C\")), '') FROM " + table + " t")) {
                    rs.next();
                    fingerprints.put(table, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        }
        return fingerprints;
    }

    /** Rows of {@code table} matching {@code where} (a fixed condition written by the test). */
    public static long count(DataSource dataSource, String table, String where) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Temporary tables named {@code name} in any session of the database. A load stages its rows in one that lives only
     * in the load's transaction, so none is left once every load has ended, whatever its end.
     */
    public static long temporaryTables(DataSource dataSource, String name) throws SQLException {
        return count(dataSource, "pg_class", "relpersistence = 't' AND relkind = 'r' AND relname = '" + name + "'");
    }
}
