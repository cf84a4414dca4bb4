package bankrisk.platform.db;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk insert through PostgreSQL's COPY on the caller's (transactional) connection: rows are encoded in COPY's text
 * format into a buffer that is sent in chunks, so memory stays bounded however many rows pass. Closing an unfinished
 * copy cancels it; the caller's transaction then rolls back.
 */
public final class PgCopy implements AutoCloseable {

    private static final int FLUSH_BYTES = 1 << 17;

    private final CopyIn copy;
    /** COPY text encoded straight to UTF-8 bytes (one pass per field, no intermediate strings). */
    private byte[] buffer = new byte[FLUSH_BYTES + 4096];
    private int length;

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
                put((byte) '\t');
            }
            Object field = fields[i];
            if (field == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else {
                escape(field instanceof BigDecimal decimal ? decimal.toPlainString() : field.toString());
            }
        }
        put((byte) '\n');
        if (length >= FLUSH_BYTES) {
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
        if (length == 0) {
            return;
        }
        try {
            copy.writeToCopy(buffer, 0, length);
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        }
        length = 0;
    }

    private void put(byte b) {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = b;
    }

    /** COPY's text escapes for backslash, tab, newline and carriage return; everything else as UTF-8. */
    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // No byte of a multi-byte UTF-8 sequence is below 0x80: escaping the bytes escapes the characters.
                for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    putEscaped(b);
                }
                return;
            }
            putEscaped((byte) c);
        }
    }

    private void putEscaped(byte b) {
        switch (b) {
            case '\\' -> put2('\\', '\\');
            case '\t' -> put2('\\', 't');
            case '\n' -> put2('\\', 'n');
            case '\r' -> put2('\\', 'r');
            default -> put(b);
        }
    }

    private void put2(char a, char b) {
        put((byte) a);
        put((byte) b);
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
