package bankrisk.loanrisk.grading;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.NotFoundException;
import bankrisk.loanrisk.config.LoanRiskConfig;

/**
 * Reads rule sets (versioned data) from the database. Rule sets are immutable (V5: never updated or deleted, so a set
 * only grows by inserted rules), which lets {@link #byId} keep them in memory keyed by id and number of rules.
 */
@ApplicationScoped
public class RuleSets {

    private static final String HEADER = """
            SELECT rule_set_id, version, jurisdiction, effective_from, upgrade_min_on_time_periods,
                   upgrade_min_months_since_clear
            FROM rule_set""";

    private final DataSource dataSource;
    private final LoanRiskConfig config;
    /** Rule sets read by id; a handful in a bank's lifetime. */
    private final Map<Long, RuleSet> cache = new ConcurrentHashMap<>();

    @Inject
    RuleSets(DataSource dataSource, LoanRiskConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The latest rule set of the configured jurisdiction in force on {@code asOf}. */
    public RuleSet inForce(LocalDate asOf) {
        return inForce(config.jurisdiction(), asOf).orElseThrow(() -> noneInForce(config.jurisdiction(), asOf));
    }

    /** NOT_FOUND: no rule set of {@code jurisdiction} is in force on {@code asOf}. */
    public static NotFoundException noneInForce(String jurisdiction, LocalDate asOf) {
        return new NotFoundException("rule set", jurisdiction + " in force on " + asOf);
    }

    public Optional<RuleSet> inForce(String jurisdiction, LocalDate asOf) {
        return read(HEADER + " WHERE jurisdiction = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1",
                jurisdiction, asOf);
    }

    /**
     * The rule set {@code id}, which has {@code ruleCount} rules: from memory when the one kept there has as many
     * (it cannot differ otherwise, see V5), else read again and kept.
     */
    public RuleSet byId(long id, int ruleCount) {
        RuleSet kept = cache.get(id);
        if (kept != null && kept.rules().size() == ruleCount) {
            return kept;
        }
        RuleSet read = read(HEADER + " WHERE rule_set_id = ?", id)
                .orElseThrow(() -> new IllegalStateException("rule set " + id + " vanished although rule sets are immutable"));
        cache.put(id, read);
        return read;
    }

    private Optional<RuleSet> read(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement header = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                header.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = header.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                String version = rs.getString(2);
                LocalDate from = rs.getObject(4, LocalDate.class);
                int periods = rs.getInt(5);
                int months = rs.getInt(6);
                return Optional.of(new RuleSet(version, rs.getString(3), from, periods, months, rules(c, id)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read rule sets", e);
        }
    }

    private static List<Rule> rules(Connection c, long ruleSetId) throws SQLException {
        List<Rule> rules = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code, kind, threshold, floor_category, source FROM rule WHERE rule_set_id = ? ORDER BY code")) {
            ps.setLong(1, ruleSetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal threshold = rs.getBigDecimal(3);
                    rules.add(new Rule(rs.getString(1), RuleKind.valueOf(rs.getString(2)), threshold,
                            Category.ofRank(rs.getInt(4)), rs.getString(5)));
                }
            }
        }
        return rules;
    }
}
