package bankrisk.loanrisk.grading;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.fx.Conversion;
import bankrisk.loanrisk.loan.BorrowerKind;

/**
 * Reads what the Java grader needs: for one loan, its borrower's book with everything around it in one statement;
 * for a borrower or (in tests) the whole book, the latest facts on or before a date of every loan with a balance,
 * the grades of a snapshot and the approved overrides in force.
 */
@ApplicationScoped
public class BookReader {

    /*
     * One loan's grading inputs (see borrowerBook). Every lookup is by key, whatever the statistics say: the loan by
     * its id, the borrower's loans by loan_borrower_idx, and per loan (LATERAL ... LIMIT 1, which the planner does not
     * flatten into a join that could scan) its latest facts, snapshot rows and override.
     */
    private static final String BORROWER_BOOK = """
            WITH p AS (SELECT CAST(? AS varchar) AS loan_id, CAST(? AS date) AS as_of, CAST(? AS varchar) AS jurisdiction),
            target AS (SELECT l.loan_id, l.borrower_customer_number FROM loan l JOIN p ON l.loan_id = p.loan_id),
            rs AS (SELECT r.* FROM rule_set r JOIN p ON r.jurisdiction = p.jurisdiction AND r.effective_from <= p.as_of
                   ORDER BY r.effective_from DESC LIMIT 1),
            rules AS (SELECT count(*) AS rule_count FROM rule r JOIN rs ON r.rule_set_id = rs.rule_set_id),
            snap AS (SELECT s.snapshot_id, s.rule_set_version FROM snapshot s JOIN p ON s.as_of_date = p.as_of),
            prev AS (SELECT s.snapshot_id FROM snapshot s JOIN p ON s.as_of_date < p.as_of ORDER BY s.as_of_date DESC LIMIT 1),
            book AS (
                SELECT f.*, l.borrower_customer_number, l.borrower_kind, l.currency, %1$s AS fx_rate, %2$s
                FROM target t
                CROSS JOIN p
                JOIN loan l ON l.borrower_customer_number = t.borrower_customer_number
                JOIN LATERAL (
                    SELECT * FROM loan_fact lf WHERE lf.loan_id = l.loan_id AND lf.as_of_date <= p.as_of
                    ORDER BY lf.as_of_date DESC LIMIT 1) f ON true
                LEFT JOIN %3$s rx ON %4$s
                WHERE f.outstanding_balance > 0)
            SELECT rs.rule_set_id, ru.rule_count,
                   snap.snapshot_id AS stored_snapshot_id, snap.rule_set_version AS stored_rule_set_version,
                   sg.category AS stored_category, sg.rule_floor AS stored_rule_floor, sg.reason_codes AS stored_reason_codes,
                   b.*, pg.category AS previous_category, ov.category AS override_category
            FROM target t
            CROSS JOIN p
            LEFT JOIN rs ON true
            LEFT JOIN rules ru ON true
            LEFT JOIN snap ON true
            LEFT JOIN LATERAL (
                SELECT g.category, g.rule_floor, g.reason_codes FROM snapshot_grade g
                WHERE g.snapshot_id = snap.snapshot_id AND g.loan_id = t.loan_id LIMIT 1) sg ON true
            LEFT JOIN prev ON true
            LEFT JOIN book b ON true
            LEFT JOIN LATERAL (
                SELECT g.category FROM snapshot_grade g
                WHERE g.snapshot_id = prev.snapshot_id AND g.loan_id = b.loan_id LIMIT 1) pg ON true
            LEFT JOIN LATERAL (
                SELECT o.category FROM override_proposal o
                WHERE o.loan_id = b.loan_id AND o.status = 'APPROVED' AND o.effective_from <= p.as_of
                ORDER BY o.effective_from DESC, o.proposal_id DESC LIMIT 1) ov ON true
            ORDER BY b.loan_id""";

    private final String borrowerBook;

    private final DataSource dataSource;
    private final RuleSets ruleSets;

    @Inject
    BookReader(DataSource dataSource, RuleSets ruleSets, LoanRiskConfig config) {
        this.dataSource = dataSource;
        this.ruleSets = ruleSets;
        this.borrowerBook = BORROWER_BOOK.formatted(Conversion.rateSql("l.currency", "p.as_of", config.reportingCurrency()),
                Restructurings.selectedAs("rx"), Restructurings.latestEvents("(SELECT as_of FROM p)"), Restructurings.applies("f", "rx"));
    }

    /**
     * Everything grading {@code loanId} on {@code asOf} reads, in one round trip and one consistent view: the rule set
     * of {@code jurisdiction} in force, the borrower's book (latest facts with a balance), each of
     * its loans' grade in the latest snapshot before {@code asOf} and approved override in force, and the loan's row in
     * the snapshot of {@code asOf}. Balances are converted into the reporting currency at the rate of {@code asOf}, as
     * the portfolio run does ({@link Conversion}): FAILED_PRECONDITION FX_RATE_MISSING when a loan of the borrower is in
     * a currency without one. Empty when the loan does not exist. The rule set travels as its id and number of
     * rules, its content comes from {@link RuleSets#byId} (in memory after the first call).
     */
    public Optional<BorrowerBook> borrowerBook(String loanId, LocalDate asOf, String jurisdiction) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(borrowerBook)) {
            ps.setString(1, loanId);
            ps.setObject(2, asOf);
            ps.setString(3, jurisdiction);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long ruleSetId = rs.getLong("rule_set_id");
                RuleSet ruleSet = rs.wasNull() ? null : ruleSets.byId(ruleSetId, rs.getInt("rule_count"));
                BorrowerBook.Stored stored = null;
                if (rs.getObject("stored_category") != null) {
                    stored = new BorrowerBook.Stored(rs.getObject("stored_snapshot_id", UUID.class),
                            rs.getString("stored_rule_set_version"), Category.ofRank(rs.getInt("stored_category")),
                            Category.ofRank(rs.getInt("stored_rule_floor")),
                            List.of((String[]) rs.getArray("stored_reason_codes").getArray()));
                }
                List<LoanFacts> facts = new ArrayList<>();
                Map<String, Category> previous = new HashMap<>();
                Map<String, Category> overrides = new HashMap<>();
                Set<String> missingRates = new TreeSet<>();
                // No loan_id: the borrower has no loan with a balance on that date (the only row then).
                while (rs.getString("loan_id") != null) {
                    BigDecimal rate = rs.getBigDecimal("fx_rate");
                    if (rate == null) {
                        missingRates.add(rs.getString("currency"));
                        rate = BigDecimal.ONE; // never used: the read fails below
                    }
                    LoanFacts f = Restructurings.apply(facts(rs, Conversion.toReporting(rs.getBigDecimal("outstanding_balance"), rate)), rs);
                    facts.add(f);
                    putCategory(previous, f.loanId(), rs, "previous_category");
                    putCategory(overrides, f.loanId(), rs, "override_category");
                    if (!rs.next()) {
                        break;
                    }
                }
                if (!missingRates.isEmpty()) {
                    throw Conversion.missingRate(missingRates, asOf);
                }
                return Optional.of(new BorrowerBook(ruleSet, facts, previous, overrides, stored));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the borrower's book", e);
        }
    }

    private static void putCategory(Map<String, Category> into, String loanId, ResultSet rs, String column) throws SQLException {
        int rank = rs.getInt(column);
        if (!rs.wasNull()) {
            into.put(loanId, Category.ofRank(rank));
        }
    }

    /**
     * One loan_fact row (with the loan's borrower columns, by column name) as the interpreter's input, with its
     * balance already in the reporting currency.
     */
    static LoanFacts facts(ResultSet rs, BigDecimal reportingBalance) throws SQLException {
        return new LoanFacts(rs.getString("loan_id"), rs.getString("borrower_customer_number"),
                BorrowerKind.valueOf(rs.getString("borrower_kind")), rs.getObject("as_of_date", LocalDate.class),
                reportingBalance, rs.getInt("days_past_due_principal"),
                rs.getInt("days_past_due_interest"), rs.getObject("restructured_on", LocalDate.class),
                rs.getBoolean("restructured_for_financial_difficulty"), rs.getObject("observation_end", LocalDate.class),
                rs.getBoolean("non_performing_before_restructuring"), rs.getBoolean("credit_impaired"),
                rs.getBigDecimal("ecl_ratio"), rs.getBoolean("bankruptcy_liquidation"),
                rs.getBoolean("significant_external_downgrade"), rs.getBoolean("debt_evasion"),
                rs.getBigDecimal("overdue_elsewhere_share"), rs.getObject("arrears_cleared_on", LocalDate.class),
                rs.getInt("consecutive_on_time_periods"));
    }
}
