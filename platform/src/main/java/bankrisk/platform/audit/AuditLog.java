package bankrisk.platform.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import bankrisk.common.security.Actor;

/**
 * The append-only audit log of a service: who (the verified caller, passed in as an {@link Actor}), when (the database clock), what (an action
 * and the thing it concerns, with details) and why (the caller's stated reason). A write joins the caller's
 * transaction, so an entry exists exactly when the change it records was committed. The table
 * ({@code audit_event}, created by each service's migration) refuses UPDATE, DELETE and TRUNCATE by trigger.
 */
@ApplicationScoped
public class AuditLog {

    /** One entry as stored. */
    public record Entry(long eventId, Instant occurredAt, String actor, String action, String subject, String reason,
            String detailsJson) {
    }

    /** Which entries to list; a null field matches everything. */
    public record Filter(String subject, String action, String actor) {
    }

    /** A page of entries, newest first, and the size of the whole filtered list. */
    public record Page(List<Entry> entries, long total) {
    }

    private final DataSource dataSource;

    @Inject
    AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a change made by {@code actor}, for the reason they gave. Who acts is passed in, read once where the
     * call arrived ({@code Caller.actor()} in the adapter): the log never reads the gRPC context itself, which is not
     * there on the worker threads a month-end run or a stream's end runs on.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, String subject, Map<String, ?> details) {
        recordAs(actor.name(), actor.reason(), action, subject, details);
    }

    /** Records a change made on behalf of {@code actor} (e.g. a scheduled job), not of the current caller. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(String actor, String reason, String action, String subject, Map<String, ?> details) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, actor, reason, action, subject, details);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the audit log", e);
        }
    }

    /**
     * Records a change in the transaction of {@code connection}, for work that manages its own transaction on one
     * connection (a bulk load stages and merges on it): the entry commits or rolls back with the change.
     */
    public void recordOn(Connection connection, Actor actor, String action, String subject, Map<String, ?> details)
            throws SQLException {
        insert(connection, actor.name(), actor.reason(), action, subject, details);
    }

    private static void insert(Connection c, String actor, String reason, String action, String subject,
            Map<String, ?> details) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (actor, action, subject, reason, details)"
                + " VALUES (?, ?, ?, ?, ?::jsonb)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, subject == null ? "" : subject);
            ps.setString(4, reason == null ? "" : reason);
            ps.setString(5, json(details));
            ps.executeUpdate();
        }
    }

    public Page list(Filter filter, long offset, int size) {
        List<String> conditions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        addCondition("subject", filter.subject(), conditions, values);
        addCondition("action", filter.action(), conditions, values);
        addCondition("actor", filter.actor(), conditions, values);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM audit_event" + where);
                PreparedStatement page = c.prepareStatement("SELECT event_id, occurred_at, actor, action, subject, reason,"
                        + " details::text FROM audit_event" + where + " ORDER BY event_id DESC OFFSET ? LIMIT ?")) {
            for (int i = 0; i < values.size(); i++) {
                count.setString(i + 1, values.get(i));
                page.setString(i + 1, values.get(i));
            }
            page.setLong(values.size() + 1, offset);
            page.setInt(values.size() + 2, size);
            long total;
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return new Page(entries, total);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
    }

    private static void addCondition(String column, String value, List<String> conditions, List<String> values) {
        if (value != null && !value.isEmpty()) {
            conditions.add(column + " = ?");
            values.add(value);
        }
    }

    /** A flat JSON object of strings, numbers and booleans, keys sorted (details are small and built by the service). */
    static String json(Map<String, ?> details) {
        return new TreeMap<>(details).entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + (e.getValue() instanceof Number || e.getValue() instanceof Boolean
                        ? String.valueOf(e.getValue()) : quote(String.valueOf(e.getValue()))))
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
