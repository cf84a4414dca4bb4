package bankrisk.tiering.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import bankrisk.tiering.db.Jdbc;

/**
 * The customers at risk of a month, computed once and read from a database cursor in the transaction that computed
 * them ({@link ProjectionService#openRisks}). Holds a pooled connection until closed: close it in a finally block.
 */
public final class RiskCursor implements AutoCloseable {

    private final Connection connection;
    private final ProjectionService.Scan scan;
    private boolean closed;

    RiskCursor(Connection connection, ProjectionService.Scan scan) {
        this.connection = connection;
        this.scan = scan;
    }

    /** How many customers are at risk. */
    public long total() {
        return scan.total();
    }

    public String currency() {
        return scan.scheme().baseCurrency();
    }

    public int schemeVersion() {
        return scan.scheme().version();
    }

    /** Every risk, in the list's order, to {@code sink}. */
    public void forEach(Consumer<TierRisk> sink) {
        try {
            scan.read(connection, 0, Long.MAX_VALUE, sink);
        } catch (SQLException failure) {
            throw new Jdbc.DatabaseException(failure);
        }
    }

    /** Ends the read transaction (its temporary table goes with it) and returns the connection to the pool. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release(connection);
        }
    }

    static void release(Connection connection) {
        try (connection) {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // A broken connection: the pool discards it; nothing was written.
        }
    }
}
