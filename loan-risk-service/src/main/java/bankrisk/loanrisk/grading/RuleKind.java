package bankrisk.loanrisk.grading;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

import bankrisk.loanrisk.loan.BorrowerKind;

/**
 * What a rule tests, and the one home of what each kind means: every kind carries its predicate twice, side by side,
 * as SQL for the portfolio run ({@code ClassificationRun} generates its CASE from {@link #sqlCase}) and as Java for
 * {@link Grader}. A kind cannot be declared without its SQL (the constructor takes it), and {@code RuleKindTest} fails
 * when a kind lacks the Java predicate of its scope; the equality tests (GraderTest, ClassificationAtScaleTest) prove
 * that the two renderings agree.
 *
 * <p>SQL names, as the run's statements bind them: a loan-level predicate reads the book row {@code b} (loan_fact's
 * columns, {@code dpd}, {@code borrower_kind}), the rule {@code r} ({@code r.threshold}) and the parameters {@code p}
 * ({@code p.as_of}); a debtor-level predicate reads the debtor's sums {@code d} ({@code d.npl}, {@code d.total}, in
 * the reporting currency) and the rule {@code r}.
 */
public enum RuleKind {
    /** The larger of principal and interest days past due is strictly more than the threshold (days). */
    DPD_OVER("b.dpd > r.threshold") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return BigDecimal.valueOf(f.daysPastDue()).compareTo(threshold) > 0;
        }
    },
    /** The asset is credit-impaired. */
    CREDIT_IMPAIRED("b.credit_impaired") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return f.creditImpaired();
        }
    },
    /** Credit-impaired and the expected credit loss is at least the threshold (fraction of the book balance). */
    CREDIT_IMPAIRED_ECL_AT_LEAST("b.credit_impaired AND b.ecl_ratio >= r.threshold") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return f.creditImpaired() && f.eclRatio() != null && f.eclRatio().compareTo(threshold) >= 0;
        }
    },
    /**
     * Non-retail borrower whose debt at other banks overdue more than 90 days is strictly more than the threshold.
     * The share is a ratio the feed reports (from the credit bureau, whose amounts are all in CNY); a ratio has no
     * currency, so nothing is converted here.
     */
    OVERDUE_ELSEWHERE_SHARE_OVER("b.borrower_kind = 'NON_RETAIL' AND b.overdue_elsewhere_share > r.threshold") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return f.borrowerKind() == BorrowerKind.NON_RETAIL && f.overdueElsewhereShare() != null
                    && f.overdueElsewhereShare().compareTo(threshold) > 0;
        }
    },
    /** The borrower is in bankruptcy liquidation. */
    BANKRUPTCY_LIQUIDATION("b.bankruptcy_liquidation") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return f.bankruptcyLiquidation();
        }
    },
    /** The borrower evades bank debt. */
    DEBT_EVASION("b.debt_evasion") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return f.debtEvasion();
        }
    },
    /** Significant downgrade of the borrower's external rating. */
    EXTERNAL_DOWNGRADE("b.significant_external_downgrade") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return f.significantExternalDowngrade();
        }
    },
    /**
     * Restructured for financial difficulty and the as-of date is inside the observation period: from the
     * restructuring date to the last day of the observation period.
     */
    RESTRUCTURED_IN_OBSERVATION(
            "b.restructured_for_financial_difficulty AND p.as_of BETWEEN b.restructured_on AND b.observation_end") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return inObservation(asOf, f);
        }
    },
    /** As above, and the loan was non-performing before the restructuring. */
    RESTRUCTURED_FROM_NON_PERFORMING("b.restructured_for_financial_difficulty"
            + " AND p.as_of BETWEEN b.restructured_on AND b.observation_end AND b.non_performing_before_restructuring") {
        @Override
        public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
            return inObservation(asOf, f) && f.nonPerformingBeforeRestructuring();
        }
    },
    /**
     * Debtor-centred: a non-retail borrower's non-performing share of its claims at the bank (by balance in the
     * reporting currency, before this rule) is strictly more than the threshold; every claim of the borrower gets the
     * floor. Compared without division: npl > threshold × total.
     */
    DEBTOR_CONTAGION_SHARE_OVER(Scope.DEBTOR, "d.npl > r.threshold * d.total") {
        @Override
        public boolean holdsForDebtor(BigDecimal threshold, BigDecimal nonPerforming, BigDecimal total) {
            return nonPerforming.compareTo(threshold.multiply(total)) > 0;
        }
    };

    /** What a kind's predicate reads: one loan's facts, or a borrower's sums over its non-retail claims. */
    public enum Scope {
        LOAN,
        DEBTOR
    }

    private final Scope scope;
    private final String sql;

    RuleKind(String sql) {
        this(Scope.LOAN, sql);
    }

    RuleKind(Scope scope, String sql) {
        this.scope = scope;
        this.sql = sql;
    }

    public Scope scope() {
        return scope;
    }

    /** True for the kinds that read the borrower's whole book rather than one loan. */
    public boolean isDebtorLevel() {
        return scope == Scope.DEBTOR;
    }

    /** The SQL predicate of this kind, over the names of its scope (see the class comment). */
    public String sql() {
        return sql;
    }

    /** The Java predicate of a loan-level kind: whether the rule with {@code threshold} holds for {@code f} on {@code asOf}. */
    public boolean holds(BigDecimal threshold, LocalDate asOf, LoanFacts f) {
        throw new UnsupportedOperationException(this + " is a " + scope + "-level kind: it does not hold for one loan");
    }

    /** The Java predicate of a debtor-level kind, over the borrower's non-performing and total balances. */
    public boolean holdsForDebtor(BigDecimal threshold, BigDecimal nonPerforming, BigDecimal total) {
        throw new UnsupportedOperationException(this + " is a " + scope + "-level kind: it reads one loan, not a debtor");
    }

    /**
     * One CASE over {@code r.kind} with the SQL predicate of every kind of {@code scope}; the kinds of the other scope
     * are listed as {@code false} (they never hold at this level), and any other kind — a row the enum does not know —
     * fails the statement with an error naming it ({@code invalid input syntax for type boolean: "unknown rule kind X"})
     * instead of being silently ignored.
     */
    public static String sqlCase(Scope scope) {
        return Arrays.stream(values())
                .map(k -> "    WHEN '" + k.name() + "' THEN " + (k.scope == scope ? "(" + k.sql + ")" : "false"))
                .collect(Collectors.joining("\n", "CASE r.kind\n", "\n    ELSE CAST('unknown rule kind ' || r.kind AS boolean)\nEND"));
    }

    /** A restructured asset keeps its floor from the restructuring date to the last day of its observation period. */
    static boolean inObservation(LocalDate asOf, LoanFacts f) {
        return f.restructuredOn() != null && f.restructuredForFinancialDifficulty() && !asOf.isBefore(f.restructuredOn())
                && f.observationEnd() != null && !asOf.isAfter(f.observationEnd());
    }
}
