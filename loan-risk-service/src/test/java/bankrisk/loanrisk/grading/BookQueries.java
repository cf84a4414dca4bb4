package bankrisk.loanrisk.grading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads of the whole book for tests: the Java interpreter ({@link Grader}) graded over them is the independent check
 * of the SQL classification, and a load's stored facts are asserted through them. The service itself reads one
 * borrower at a time ({@link BookReader#borrowerBook}).
 */
@ApplicationScoped
public class BookQueries {

    private final DataSource dataSource;

    @Inject
    BookQueries(DataSource dataSource) {
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
                    facts.add(BookReader.facts(rs, rs.getBigDecimal("outstanding_balance"))); // the test books are in CNY
                }
            }
            return facts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read loan facts", e);
        }
    }

    /** Grades of a snapshot (null id: none), for the upgrade discipline. */
    public Map<String, Category> snapshotGrades(UUID snapshotId) {
        Map<String, Category> grades = new HashMap<>();
        if (snapshotId != null) {
            read("SELECT loan_id, category FROM snapshot_grade WHERE snapshot_id = ?", snapshotId, grades);
        }
        return grades;
    }

    /** The approved override in force on {@code asOf} per loan: the latest effective one. */
    public Map<String, Category> approvedOverrides(LocalDate asOf) {
        Map<String, Category> overrides = new HashMap<>();
        read("SELECT DISTINCT ON (loan_id) loan_id, category FROM override_proposal"
                + " WHERE status = 'APPROVED' AND effective_from <= ?"
                + " ORDER BY loan_id, effective_from DESC, proposal_id DESC", asOf, overrides);
        return overrides;
    }

    private void read(String sql, Object param, Map<String, Category> into) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
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
