package bankrisk.loanrisk.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The append-only audit trail. Writes join the caller's transaction, so an event exists exactly when what it
 * records was committed; the table refuses UPDATE, DELETE and TRUNCATE (trigger in V2).
 */
@ApplicationScoped
public class AuditTrail {

    /** A page of events and the size of the whole (filtered) list. */
    public record Page(List<AuditEvent> events, long total) {
    }

    private final DataSource dataSource;

    @Inject
    AuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String kind, String loanId, Map<String, ?> details) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_event (actor, kind, loan_id, details) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setString(1, actor);
            ps.setString(2, kind);
            ps.setString(3, loanId);
            ps.setString(4, json(details));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the audit trail", e);
        }
    }

    /** Newest first; {@code loanId} null for every event. */
    public Page list(String loanId, long offset, int size) {
        String where = loanId == null ? "" : " WHERE loan_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM audit_event" + where);
                PreparedStatement page = c.prepareStatement("SELECT event_id, occurred_at, actor, kind, loan_id, details::text"
                        + " FROM audit_event" + where + " ORDER BY event_id DESC OFFSET ? LIMIT ?")) {
            int i = 1;
            if (loanId != null) {
                count.setString(1, loanId);
                page.setString(i++, loanId);
            }
            page.setLong(i++, offset);
            page.setInt(i, size);
            long total;
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(2);
                    events.add(new AuditEvent(rs.getLong(1), at.toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
            return new Page(events, total);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        }
    }

    /** A flat JSON object of strings and numbers, keys sorted (details are small and built by this service). */
    static String json(Map<String, ?> details) {
        return new TreeMap<>(details).entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + (e.getValue() instanceof Number n ? n.toString() : quote(String.valueOf(e.getValue()))))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
