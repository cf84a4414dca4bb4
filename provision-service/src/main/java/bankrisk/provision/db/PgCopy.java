package bankrisk.provision.db;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk insert through PostgreSQL's COPY on the caller's (transactional) connection: rows are encoded in COPY's text
 * format into a buffer that is sent in chunks, so memory stays bounded however many rows pass. Closing an unfinished
 * copy cancels it; the caller's transaction then rolls back.
 */
public final class PgCopy implements AutoCloseable {

    private static final int FLUSH_CHARS = 1 << 17;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);

    private PgCopy(CopyIn copy) {
        this.copy = copy;
    }

    public static PgCopy open(Connection connection, String table, String columns) throws SQLException {
        return new PgCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
    }

    /** Appends one row; fields are written with {@code toPlainString()} for decimals, {@code toString()} otherwise. */
    public void row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            Object field = fields[i];
            if (field == null) {
                buffer.append("\\N");
            } else {
                escape(field instanceof BigDecimal decimal ? decimal.toPlainString() : field.toString());
            }
        }
        buffer.append('\n');
        if (buffer.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    /** Sends what is buffered and ends the copy; returns the number of rows PostgreSQL stored. */
    public long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // The transaction rolls back anyway; the original failure is the one to report.
            }
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        }
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }

    /** A COPY failure raised while rows are appended (e.g. a duplicate key), carrying the SQL error. */
    public static final class CopyFailedException extends RuntimeException {

        public CopyFailedException(SQLException cause) {
            super(cause);
        }

        public SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
