package bankrisk.loanrisk.grading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.loanrisk.loan.BorrowerKind;

/**
 * Reads what the Java grader needs for one borrower (or, in tests, the whole book): the latest facts on or before a
 * date of every loan with a balance, the grades of a snapshot and the approved overrides in force.
 */
@ApplicationScoped
public class BookReader {

    private final DataSource dataSource;

    @Inject
    BookReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Latest facts on or before {@code asOf} of the borrower's loans (every loan when {@code borrower} is null). */
    public List<LoanFacts> factsOn(LocalDate asOf, String borrower) {
        String sql = """
                SELECT * FROM (
                    SELECT DISTINCT ON (f.loan_id) f.*, l.borrower_customer_number, l.borrower_kind
                    FROM loan_fact f JOIN loan l ON l.loan_id = f.loan_id
                    WHERE f.as_of_date <= ?""" + (borrower == null ? "" : " AND l.borrower_customer_number = ?") + """

                    ORDER BY f.loan_id, f.as_of_date DESC) latest
                WHERE outstanding_balance > 0 ORDER BY loan_id""";
        List<LoanFacts> facts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, asOf);
            if (borrower != null) {
                ps.setString(2, borrower);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    facts.add(new LoanFacts(rs.getString("loan_id"), rs.getString("borrower_customer_number"),
                            BorrowerKind.valueOf(rs.getString("borrower_kind")), rs.getObject("as_of_date", LocalDate.class),
                            rs.getBigDecimal("outstanding_balance"), rs.getInt("days_past_due_principal"),
                            rs.getInt("days_past_due_interest"), rs.getObject("restructured_on", LocalDate.class),
                            rs.getBoolean("restructured_for_financial_difficulty"), rs.getObject("observation_end", LocalDate.class),
                            rs.getBoolean("non_performing_before_restructuring"), rs.getBoolean("credit_impaired"),
                            rs.getBigDecimal("ecl_ratio"), rs.getBoolean("bankruptcy_liquidation"),
                            rs.getBoolean("significant_external_downgrade"), rs.getBoolean("debt_evasion"),
                            rs.getBigDecimal("overdue_elsewhere_share"), rs.getObject("arrears_cleared_on", LocalDate.class),
                            rs.getInt("consecutive_on_time_periods")));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read loan facts", e);
        }
    }

    /** Grades of a snapshot (null id: none), for the upgrade discipline. */
    public Map<String, Category> snapshotGrades(UUID snapshotId) {
        return snapshotGrades(snapshotId, null);
    }

    /** Grades of a snapshot for the given loans only (null: every loan); one loan's grade needs only its borrower's. */
    public Map<String, Category> snapshotGrades(UUID snapshotId, Collection<String> loanIds) {
        Map<String, Category> grades = new HashMap<>();
        if (snapshotId != null) {
            read("SELECT loan_id, category FROM snapshot_grade WHERE snapshot_id = ?"
                    + (loanIds == null ? "" : " AND loan_id = ANY (?)"), snapshotId, loanIds, grades);
        }
        return grades;
    }

    /** The approved override in force on {@code asOf} per loan: the latest effective one. */
    public Map<String, Category> approvedOverrides(LocalDate asOf) {
        return approvedOverrides(asOf, null);
    }

    /** The approved overrides in force on {@code asOf} of the given loans only (null: every loan). */
    public Map<String, Category> approvedOverrides(LocalDate asOf, Collection<String> loanIds) {
        Map<String, Category> overrides = new HashMap<>();
        read("SELECT DISTINCT ON (loan_id) loan_id, category FROM override_proposal"
                + " WHERE status = 'APPROVED' AND effective_from <= ?"
                + (loanIds == null ? "" : " AND loan_id = ANY (?)")
                + " ORDER BY loan_id, effective_from DESC, proposal_id DESC", asOf, loanIds, overrides);
        return overrides;
    }

    private void read(String sql, Object param, Collection<String> loanIds, Map<String, Category> into) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            if (loanIds != null) {
                ps.setArray(2, c.createArrayOf("varchar", loanIds.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.put(rs.getString(1), Category.ofRank(rs.getInt(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read grades", e);
        }
    }
}
