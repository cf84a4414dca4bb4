package bankrisk.loanrisk.facts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.loanrisk.grading.LoanFacts;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.LoanService;
import bankrisk.platform.db.PgCopy;
import bankrisk.platform.load.LoadTarget;
import bankrisk.platform.load.Merge;
import bankrisk.platform.load.RowLimit;
import bankrisk.platform.load.Staging;

/**
 * One facts load's part in the staged-load skeleton: rows staged as they arrive, then merged by one upsert per table
 * ({@code INSERT … SELECT … ON CONFLICT … DO UPDATE … WHERE changed}), loans first, each in key order: re-sending the
 * same rows changes nothing and is counted as unchanged, and concurrent loads of the same keys wait for each other
 * instead of deadlocking. What ties rows together is checked set-based by the merge itself (a loan and date twice,
 * facts of an unknown loan make it fail) and only then explained row by row.
 */
final class FactsLoad extends LoadTarget<FactsRow, LoadResult> {

    /**
     * A load refused for what ties its rows together reports this many violations at most: they travel in the call's
     * trailers (each three times: message, status details, its message), which a gRPC client accepts up to 8 KiB.
     */
    static final int MAX_VIOLATIONS = 20;
    static final String LOADED = "FACTS_LOADED";

    private static final String FACT_COLUMNS = "loan_id, as_of_date, outstanding_balance, collateral_value, "
            + "days_past_due_principal, days_past_due_interest, restructured_on, restructured_for_financial_difficulty, "
            + "observation_end, non_performing_before_restructuring, credit_impaired, ecl_ratio, bankruptcy_liquidation, "
            + "significant_external_downgrade, debt_evasion, overdue_elsewhere_share, arrears_cleared_on, "
            + "consecutive_on_time_periods";
    /** The book data as staged; staged as loan_* where loan_fact has a column of the same name. */
    private static final String STAGED_LOAN_COLUMNS = "borrower_customer_number, borrower_kind, product, branch_code, "
            + "currency, principal, loan_outstanding_balance, origination_date, maturity_date, collateral_kind, "
            + "loan_collateral_value, guaranteed, contractual_interest_rate, repayment_method, undrawn_commitment, "
            + "category_at_origination";
    private static final String LOAN_UPDATED = "borrower_customer_number, borrower_kind, product, branch_code, currency, "
            + "principal, outstanding_balance, origination_date, maturity_date, collateral_kind, collateral_value, guaranteed, "
            + "contractual_interest_rate, repayment_method, undrawn_commitment, category_at_origination";
    private static final Staging STAGING = new Staging("staged_facts",
            "row_index INTEGER",
            // The dated facts, as in loan_fact.
            "loan_id VARCHAR(40)", "as_of_date DATE", "outstanding_balance NUMERIC(20, 2)", "collateral_value NUMERIC(20, 2)",
            "days_past_due_principal INTEGER", "days_past_due_interest INTEGER", "restructured_on DATE",
            "restructured_for_financial_difficulty BOOLEAN", "observation_end DATE", "non_performing_before_restructuring BOOLEAN",
            "credit_impaired BOOLEAN", "ecl_ratio NUMERIC(9, 8)", "bankruptcy_liquidation BOOLEAN",
            "significant_external_downgrade BOOLEAN", "debt_evasion BOOLEAN", "overdue_elsewhere_share NUMERIC(9, 8)",
            "arrears_cleared_on DATE", "consecutive_on_time_periods INTEGER",
            // The book data, when the row carries it (all null otherwise); the loan's own balance and collateral value.
            "borrower_customer_number VARCHAR(32)", "borrower_kind VARCHAR(16)", "product VARCHAR(32)", "branch_code VARCHAR(32)",
            "currency CHAR(3)", "principal NUMERIC(20, 2)", "loan_outstanding_balance NUMERIC(20, 2)", "origination_date DATE",
            "maturity_date DATE", "collateral_kind VARCHAR(32)", "loan_collateral_value NUMERIC(20, 2)", "guaranteed BOOLEAN",
            "contractual_interest_rate NUMERIC(9, 8)", "repayment_method VARCHAR(16)", "undrawn_commitment NUMERIC(20, 2)",
            "category_at_origination SMALLINT",
            // The currency of the row's facts amounts: the loan's, checked against the book by the merge.
            "fact_currency CHAR(3)");

    private static final String UPSERT_LOANS = "WITH up AS (INSERT INTO loan (loan_id, " + LOAN_UPDATED + ")"
            + " SELECT DISTINCT ON (loan_id) loan_id, " + STAGED_LOAN_COLUMNS + " FROM staged_facts"
            + " WHERE borrower_customer_number IS NOT NULL ORDER BY loan_id, row_index DESC"
            + " ON CONFLICT (loan_id) DO UPDATE SET (" + LOAN_UPDATED + ") = (" + excluded(LOAN_UPDATED) + ")"
            + " WHERE (" + qualified("loan", LOAN_UPDATED) + ") IS DISTINCT FROM (" + excluded(LOAN_UPDATED) + ")"
            + " RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up";
    private static final String FACT_UPDATED = FACT_COLUMNS.substring("loan_id, as_of_date, ".length());
    private static final String UPSERT_FACTS = "WITH up AS (INSERT INTO loan_fact (" + FACT_COLUMNS + ") SELECT " + FACT_COLUMNS
            + " FROM staged_facts ORDER BY loan_id, as_of_date"
            + " ON CONFLICT (loan_id, as_of_date) DO UPDATE SET (" + FACT_UPDATED + ", loaded_at) = (" + excluded(FACT_UPDATED)
            + ", now()) WHERE (" + qualified("loan_fact", FACT_UPDATED) + ") IS DISTINCT FROM (" + excluded(FACT_UPDATED) + ")"
            + " RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up";

    /** SQLSTATEs of the merge that mean "the rows contradict each other or the book", explained afterwards. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String AFFECTS_ROW_TWICE = "21000";

    FactsLoad(RowLimit limit) {
        super("loans", limit, STAGING);
    }

    /** The book data a row carries must agree with itself (its fields were each checked when read). */
    @Override
    public void check(FactsRow row, RowPath path, Violations violations) {
        if (row.loan() != null) {
            LoanService.checkConsistency(row.loan(), path.prefix() + "loan.", violations);
        }
    }

    @Override
    public void stage(PgCopy copy, long index, FactsRow row) {
        LoanFacts f = row.facts();
        Loan l = row.loan();
        copy.row(index, f.loanId(), f.asOf(), f.outstandingBalance(), row.collateralValue(), f.daysPastDuePrincipal(),
                f.daysPastDueInterest(), f.restructuredOn(), f.restructuredForFinancialDifficulty(), f.observationEnd(),
                f.nonPerformingBeforeRestructuring(), f.creditImpaired(), f.eclRatio(), f.bankruptcyLiquidation(),
                f.significantExternalDowngrade(), f.debtEvasion(), f.overdueElsewhereShare(), f.arrearsClearedOn(),
                f.consecutiveOnTimePeriods(), l == null ? null : l.borrowerCustomerNumber, l == null ? null : l.borrowerKind,
                l == null ? null : l.product, l == null ? null : l.branchCode, l == null ? null : l.currency,
                l == null ? null : l.principal, l == null ? null : l.outstandingBalance, l == null ? null : l.originationDate,
                l == null ? null : l.maturityDate, l == null ? null : l.collateralKind, l == null ? null : l.collateralValue,
                l == null ? null : l.guaranteed, l == null ? null : l.contractualInterestRate,
                l == null ? null : l.repaymentMethod, l == null ? null : l.undrawnCommitment,
                l == null ? null : l.categoryAtOrigination, row.currency());
    }

    /**
     * Book data that would change a registered loan's currency: its facts and events are amounts in that currency, so
     * a loan's currency never changes.
     */
    private static final String CURRENCY_CHANGES = """
            SELECT s.row_index, l.currency FROM staged_facts s JOIN loan l ON l.loan_id = s.loan_id
            WHERE s.currency <> l.currency ORDER BY s.row_index LIMIT %d""".formatted(MAX_VIOLATIONS);
    /** Facts whose amounts are not in their loan's currency (read after the loans of the load were merged). */
    private static final String FACTS_IN_OTHER_CURRENCY = """
            SELECT s.row_index, l.currency FROM staged_facts s JOIN loan l ON l.loan_id = s.loan_id
            WHERE s.fact_currency <> l.currency ORDER BY s.row_index LIMIT %d""".formatted(MAX_VIOLATIONS);

    /** Merges the load and records it; a load that changes nothing (a retry) leaves no audit entry either. */
    @Override
    public LoadResult merge(Merge merge) throws SQLException {
        refuse(query(merge.connection(), CURRENCY_CHANGES, rs -> new FieldViolation(new RowPath("loans", rs.getInt(1))
                .field("loan.principal.currency_code"), "must stay the loan's currency " + rs.getString(2)
                        + ": a loan's facts and events are amounts in it")));
        long[] loans = countInsertsAndUpdates(merge.connection(), UPSERT_LOANS);
        refuse(query(merge.connection(), FACTS_IN_OTHER_CURRENCY, rs -> new FieldViolation(new RowPath("loans", rs.getInt(1))
                .field("outstanding_balance.currency_code"), "must be the loan's currency " + rs.getString(2))));
        long[] facts = countInsertsAndUpdates(merge.connection(), UPSERT_FACTS);
        long received = merge.rows();
        LoadResult result = new LoadResult(received, facts[0], facts[1], received - facts[0] - facts[1], loans[0], loans[1]);
        if (result.factsInserted() + result.factsUpdated() + result.loansRegistered() + result.loansUpdated() > 0) {
            merge.audit(LOADED, "", Map.of("rows", result.rowsReceived(), "facts_inserted", result.factsInserted(),
                    "facts_updated", result.factsUpdated(), "loans_registered", result.loansRegistered(), "loans_updated",
                    result.loansUpdated()));
        }
        return result;
    }

    /** Why the merge failed: rows repeating a loan and date, else facts of loans neither registered nor carried. */
    @Override
    public List<FieldViolation> explain(SQLException failure, Connection connection) throws SQLException {
        if (!FOREIGN_KEY_VIOLATION.equals(failure.getSQLState()) && !AFFECTS_ROW_TWICE.equals(failure.getSQLState())) {
            return List.of();
        }
        List<FieldViolation> found = duplicates(connection);
        if (found.isEmpty()) {
            found = unknownLoans(connection);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("the merge of a facts load failed for a reason not found again", failure);
        }
        return found;
    }

    private static void refuse(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidArgumentException(violations);
        }
    }

    private static List<FieldViolation> duplicates(Connection connection) throws SQLException {
        return query(connection, """
                SELECT row_index, loan_id, as_of_date, first FROM (
                    SELECT row_index, loan_id, as_of_date, min(row_index) OVER (PARTITION BY loan_id, as_of_date) AS first
                    FROM staged_facts) s
                WHERE row_index <> first ORDER BY row_index LIMIT %d""".formatted(MAX_VIOLATIONS),
                rs -> new FieldViolation(new RowPath("loans", rs.getInt(1)).field("as_of"), "repeats loan " + rs.getString(2)
                        + " on " + rs.getObject(3, LocalDate.class) + " of " + new RowPath("loans", rs.getInt(4))));
    }

    private static List<FieldViolation> unknownLoans(Connection connection) throws SQLException {
        return query(connection, """
                SELECT s.row_index, s.loan_id FROM staged_facts s
                WHERE NOT EXISTS (SELECT 1 FROM loan l WHERE l.loan_id = s.loan_id)
                  AND NOT EXISTS (SELECT 1 FROM staged_facts b WHERE b.loan_id = s.loan_id
                                  AND b.borrower_customer_number IS NOT NULL)
                ORDER BY s.row_index LIMIT %d""".formatted(MAX_VIOLATIONS),
                rs -> new FieldViolation(new RowPath("loans", rs.getInt(1)).field("loan_id"),
                        "loan '" + rs.getString(2) + "' is not registered; send its book data in `loan`"));
    }

    private static List<FieldViolation> query(Connection connection, String sql, RowMapper mapper) throws SQLException {
        List<FieldViolation> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(mapper.map(rs));
            }
        }
        return found;
    }

    private static long[] countInsertsAndUpdates(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    @FunctionalInterface
    private interface RowMapper {
        FieldViolation map(ResultSet rs) throws SQLException;
    }

    private static String excluded(String columns) {
        return qualified("excluded", columns);
    }

    private static String qualified(String table, String columns) {
        return table + "." + columns.replace(", ", ", " + table + ".");
    }
}
