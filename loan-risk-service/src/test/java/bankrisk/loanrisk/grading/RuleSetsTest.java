package bankrisk.loanrisk.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bankrisk.testing.SchemaOwner;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rule sets are immutable in the database (V5), which is what lets {@link RuleSets#byId} keep them in memory: the
 * kept set is the one read, and one whose number of rules differs is read again.
 */
@QuarkusTest
class RuleSetsTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

    @Inject
    RuleSets ruleSets;
    @Inject
    DataSource dataSource;

    @Test
    void aRuleSetReadByIdIsTheOneInForceAndIsKept() throws SQLException {
        RuleSet inForce = ruleSets.inForce(AS_OF);
        long id = idOf(inForce.version());
        int rules = inForce.rules().size();
        assertThat(rules).as("rules of the seeded rule set").isGreaterThan(5);

        RuleSet byId = ruleSets.byId(id, rules);
        assertThat(byId).isEqualTo(inForce);
        assertThat(ruleSets.byId(id, rules)).isSameAs(byId);

        // A different number of rules than the kept set has: read again (equal here, as the table did not change).
        RuleSet reread = ruleSets.byId(id, rules + 1);
        assertThat(reread).isNotSameAs(byId).isEqualTo(inForce);
    }

    @Test
    void rulesAndRuleSetsAreNeverUpdatedDeletedOrTruncated() {
        for (String change : new String[] { "UPDATE rule SET threshold = threshold", "DELETE FROM rule",
                "UPDATE rule_set SET upgrade_min_on_time_periods = 0", "DELETE FROM rule_set", "TRUNCATE rule",
                "TRUNCATE rule_set CASCADE" }) {
            // The triggers hold even the schema owner; the service's own login may not TRUNCATE at all.
            assertThatThrownBy(() -> SchemaOwner.execute(change)).as(change)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("append-only"));
            assertThatThrownBy(() -> execute(change)).as(change).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getMessage()).containsAnyOf("append-only", "permission denied"));
        }
    }

    private long idOf(String version) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rule_set_id FROM rule_set WHERE version = '" + version + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
