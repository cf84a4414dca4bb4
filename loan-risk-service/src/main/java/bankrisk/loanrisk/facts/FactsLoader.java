package bankrisk.loanrisk.facts;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import bankrisk.common.error.Violations;
import bankrisk.loanrisk.grading.LoanFacts;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.LoanService;
import bankrisk.platform.audit.AuditLog;

/**
 * Writes a validated facts load in one transaction: COPY into temporary staging tables, then one upsert per table
 * ({@code INSERT … SELECT … ON CONFLICT … DO UPDATE … WHERE changed}), so that re-sending the same rows changes
 * nothing and is counted as unchanged.
 */
@ApplicationScoped
public class FactsLoader {

    private static final String FACT_COLUMNS = "loan_id, as_of_date, outstanding_balance, collateral_value, "
            + "days_past_due_principal, days_past_due_interest, restructured_on, restructured_for_financial_difficulty, "
            + "observation_end, non_performing_before_restructuring, credit_impaired, ecl_ratio, bankruptcy_liquidation, "
            + "significant_external_downgrade, debt_evasion, overdue_elsewhere_share, arrears_cleared_on, "
            + "consecutive_on_time_periods";
    private static final String LOAN_COLUMNS = "loan_id, borrower_customer_number, borrower_kind, product, branch_code, "
            + "currency, principal, outstanding_balance, origination_date, maturity_date, collateral_kind, collateral_value, "
            + "guaranteed";

    private final DataSource dataSource;
    private final AuditLog audit;

    @Inject
    FactsLoader(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /**
     * Checks what ties rows together (each row was checked on its own), then writes all rows or none. A load that
     * changes nothing (a retry) leaves no audit entry either, so a retried stream leaves the state of one load.
     */
    @Transactional
    public LoadResult load(List<FactsRow> rows, String actor, String reason) {
        Violations violations = new Violations();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            FactsRow row = rows.get(i);
            Integer first = seen.putIfAbsent(row.facts().loanId() + "@" + row.facts().asOf(), i);
            if (first != null) {
                violations.add("loans[" + i + "].as_of", "repeats loan " + row.facts().loanId() + " on " + row.facts().asOf()
                        + " of loans[" + first + "]");
            }
            if (row.loan() != null) {
                LoanService.checkConsistency(row.loan(), "loans[" + i + "].loan.", violations);
            }
        }
        violations.throwIfAny();
        try (Connection c = dataSource.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE stage_loan (row_index INTEGER, LIKE loan INCLUDING DEFAULTS) ON COMMIT DROP");
                st.execute("CREATE TEMP TABLE stage_fact (row_index INTEGER, LIKE loan_fact INCLUDING DEFAULTS) ON COMMIT DROP");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY stage_loan (row_index, " + LOAN_COLUMNS + ") FROM STDIN", new StringReader(loanCopyText(rows)));
            copy.copyIn("COPY stage_fact (row_index, " + FACT_COLUMNS + ") FROM STDIN", new StringReader(factCopyText(rows)));
            long[] loans = upsertLoans(c);
            rejectUnknownLoans(c);
            long[] facts = upsertFacts(c);
            LoadResult result = new LoadResult(rows.size(), facts[0], facts[1], rows.size() - facts[0] - facts[1], loans[0],
                    loans[1]);
            if (result.factsInserted() + result.factsUpdated() + result.loansRegistered() + result.loansUpdated() == 0) {
                return result;
            }
            audit.recordAs(actor, reason, "FACTS_LOADED", "", Map.of("rows", result.rowsReceived(), "facts_inserted",
                    result.factsInserted(), "facts_updated", result.factsUpdated(), "loans_registered", result.loansRegistered(),
                    "loans_updated", result.loansUpdated()));
            return result;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("facts load failed", e);
        }
    }

    private static long[] upsertLoans(Connection c) throws SQLException {
        String update = "borrower_customer_number, borrower_kind, product, branch_code, currency, principal, "
                + "outstanding_balance, origination_date, maturity_date, collateral_kind, collateral_value, guaranteed";
        String excluded = "excluded." + update.replace(", ", ", excluded.");
        return countInsertsAndUpdates(c, "WITH up AS (INSERT INTO loan (" + LOAN_COLUMNS + ") SELECT DISTINCT ON (loan_id) " + LOAN_COLUMNS
                + " FROM stage_loan ORDER BY loan_id, row_index DESC ON CONFLICT (loan_id) DO UPDATE SET (" + update + ") = (" + excluded + ")"
                + " WHERE (loan." + update.replace(", ", ", loan.") + ") IS DISTINCT FROM (" + excluded + ")"
                + " RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up");
    }

    private static long[] upsertFacts(Connection c) throws SQLException {
        String update = FACT_COLUMNS.substring("loan_id, as_of_date, ".length());
        String excluded = "excluded." + update.replace(", ", ", excluded.");
        return countInsertsAndUpdates(c, "WITH up AS (INSERT INTO loan_fact (" + FACT_COLUMNS + ") SELECT " + FACT_COLUMNS
                + " FROM stage_fact ON CONFLICT (loan_id, as_of_date) DO UPDATE SET (" + update + ", loaded_at) = (" + excluded
                + ", now()) WHERE (loan_fact." + update.replace(", ", ", loan_fact.") + ") IS DISTINCT FROM (" + excluded + ")"
                + " RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up");
    }

    private static long[] countInsertsAndUpdates(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    /** Facts of a loan that is neither registered nor carried with its book data fail the whole load. */
    private static void rejectUnknownLoans(Connection c) throws SQLException {
        Violations violations = new Violations();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.row_index, s.loan_id FROM stage_fact s
                WHERE NOT EXISTS (SELECT 1 FROM loan l WHERE l.loan_id = s.loan_id)
                ORDER BY s.row_index LIMIT 100""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                violations.add("loans[" + rs.getInt(1) + "].loan_id",
                        "loan '" + rs.getString(2) + "' is not registered; send its book data in `loan`");
            }
        }
        violations.throwIfAny();
    }

    private static String loanCopyText(List<FactsRow> rows) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            Loan l = rows.get(i).loan();
            if (l != null) {
                line(out, i, l.loanId, l.borrowerCustomerNumber, l.borrowerKind, l.product, l.branchCode, l.currency, l.principal,
                        l.outstandingBalance, l.originationDate, l.maturityDate, l.collateralKind, l.collateralValue, l.guaranteed);
            }
        }
        return out.toString();
    }

    private static String factCopyText(List<FactsRow> rows) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            LoanFacts f = rows.get(i).facts();
            line(out, i, f.loanId(), f.asOf(), f.outstandingBalance(), rows.get(i).collateralValue(), f.daysPastDuePrincipal(),
                    f.daysPastDueInterest(), f.restructuredOn(), f.restructuredForFinancialDifficulty(), f.observationEnd(),
                    f.nonPerformingBeforeRestructuring(), f.creditImpaired(), f.eclRatio(), f.bankruptcyLiquidation(),
                    f.significantExternalDowngrade(), f.debtEvasion(), f.overdueElsewhereShare(), f.arrearsClearedOn(),
                    f.consecutiveOnTimePeriods());
        }
        return out.toString();
    }

    /**
     * One line of COPY text format. Values are identifiers (letters, digits, '-', '_'), numbers, dates and booleans,
     * all checked before, so none needs escaping; null is \N.
     */
    private static void line(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            out.append(v == null ? "\\N" : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
        }
        out.append('\n');
    }
}
