package bankrisk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** COPY text encoding against PostgreSQL itself: what goes in comes back, whatever the characters. */
class PgCopyTest {

    private static final String URL = System.getenv().getOrDefault("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

    @Test
    void escapesAndNonAsciiTextRoundTripExactly() throws SQLException {
        List<String> texts = List.of("plain", "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "普惠金融 一级",
                "mixed 中文\t\\ and 😀 emoji\n", "", "x".repeat(300_000));
        try (Connection connection = DriverManager.getConnection(URL, "postgres", System.getenv().getOrDefault("PGPASSWORD", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE copy_check (id INTEGER PRIMARY KEY, text VARCHAR, amount NUMERIC(20, 2))");
            try (PgCopy copy = PgCopy.open(connection, "copy_check", "id, text, amount")) {
                for (int i = 0; i < texts.size(); i++) {
                    copy.row(i, texts.get(i), new BigDecimal("1234.5" + i));
                }
                copy.row(texts.size(), null, null);
                assertThat(copy.finish()).isEqualTo(texts.size() + 1);
            }
            List<String> back = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT text, amount FROM copy_check ORDER BY id")) {
                while (rows.next()) {
                    back.add(rows.getString(1) + "|" + rows.getBigDecimal(2));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                expected.add(texts.get(i) + "|" + new BigDecimal("1234.5" + i));
            }
            expected.add("null|null");
            assertThat(back).isEqualTo(expected);
        }
    }
}
