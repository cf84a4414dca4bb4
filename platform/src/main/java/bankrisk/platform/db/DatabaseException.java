package bankrisk.platform.db;

import java.sql.SQLException;

/**
 * An SQL failure the caller cannot act on by changing its request. The one gRPC error mapping reads its cause: a lost
 * connection or a pool without a free connection is UNAVAILABLE, a deadlock ABORTED, anything else INTERNAL.
 */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super(cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
