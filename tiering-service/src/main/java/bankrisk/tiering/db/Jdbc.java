package bankrisk.tiering.db;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Plain JDBC for the set-based work (loads, month-end SQL, streaming reads): a connection in a new JTA transaction
 * (committed when the work returns, rolled back when it throws), or a bare connection for work that manages its own
 * commits (staging batches, cursors).
 */
@ApplicationScoped
public class Jdbc {

    /** Work on a connection that may throw SQL errors. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    @Inject
    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work in a new transaction of at most {@code timeoutSeconds}. */
    public <T> T inTransaction(int timeoutSeconds, Work<T> work) {
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> withConnection(work));
    }

    /** Runs the work in a new transaction of the default timeout. */
    public <T> T inTransaction(Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> withConnection(work));
    }

    /** Runs the work on a connection of its own, outside any transaction (auto-commit). */
    public <T> T withConnection(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException failure) {
            throw new DatabaseException(failure);
        }
    }

    /** A connection that the caller closes (cursors that outlive one method). */
    public Connection open() {
        try {
            return dataSource.getConnection();
        } catch (SQLException failure) {
            throw new DatabaseException(failure);
        }
    }

    public static Date date(LocalDate date) {
        return Date.valueOf(date);
    }

    /** A month is stored as its first day. */
    public static Date month(YearMonth month) {
        return Date.valueOf(month.atDay(1));
    }

    public static YearMonth month(Date firstDay) {
        return YearMonth.from(firstDay.toLocalDate());
    }

    /** Binds parameters in order. */
    public static PreparedStatement bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** An SQL failure nobody can act on: the mapper reports it as INTERNAL without its text. */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super(cause);
        }
    }
}
