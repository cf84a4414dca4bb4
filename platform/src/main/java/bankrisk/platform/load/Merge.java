package bankrisk.platform.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;

/** What a merge works with: the load's connection (its transaction holds the staged rows), its size and its actor. */
public final class Merge {

    private final Connection connection;
    private final long rows;
    private final Actor actor;
    private final AuditLog audit;

    Merge(Connection connection, long rows, Actor actor, AuditLog audit) {
        this.connection = connection;
        this.rows = rows;
        this.actor = actor;
        this.audit = audit;
    }

    /** The load's connection, in the load's transaction. */
    public Connection connection() {
        return connection;
    }

    /** Rows the load received (all valid, all staged). */
    public long rows() {
        return rows;
    }

    /** Records the load in the audit log, in the load's transaction: the entry exists exactly when the load commits. */
    public void audit(String action, String subject, Map<String, ?> details) throws SQLException {
        audit.recordOn(connection, actor, action, subject, details);
    }
}
