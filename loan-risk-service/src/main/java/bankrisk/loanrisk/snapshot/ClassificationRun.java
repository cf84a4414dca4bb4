package bankrisk.loanrisk.snapshot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.grading.RuleSet;
import bankrisk.loanrisk.grading.RuleSets;
import bankrisk.platform.audit.AuditLog;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Grades the whole book on one date in one set-based statement and stores the result as an immutable snapshot, all
 * in one transaction: readers see the snapshot only once it is complete. The statement is the SQL twin of
 * {@link bankrisk.loanrisk.grading.Grader}; both read the same rule rows.
 */
@ApplicationScoped
public class ClassificationRun {

    /** What the run reports while it works. */
    public record Progress(Stage stage, long loansGraded, String ruleSetVersion, SnapshotHeader snapshot, boolean alreadyExisted) {
    }

    public enum Stage {
        STARTED,
        GRADED,
        COMPLETED
    }

    /**
     * Every rule kind the interpreter knows, as one CASE over (book row b, rule r, params p). Public so that the
     * benchmark's bare reference statement grades with the very same rules.
     */
    public static final String RULE_HOLDS = """
            CASE r.kind
                WHEN 'DPD_OVER' THEN b.dpd > r.threshold
                WHEN 'CREDIT_IMPAIRED' THEN b.credit_impaired
                WHEN 'CREDIT_IMPAIRED_ECL_AT_LEAST' THEN b.credit_impaired AND b.ecl_ratio >= r.threshold
                WHEN 'OVERDUE_ELSEWHERE_SHARE_OVER' THEN b.borrower_kind = 'NON_RETAIL' AND b.overdue_elsewhere_share > r.threshold
                WHEN 'BANKRUPTCY_LIQUIDATION' THEN b.bankruptcy_liquidation
                WHEN 'DEBT_EVASION' THEN b.debt_evasion
                WHEN 'EXTERNAL_DOWNGRADE' THEN b.significant_external_downgrade
                WHEN 'RESTRUCTURED_IN_OBSERVATION' THEN b.restructured_for_financial_difficulty
                    AND p.as_of BETWEEN b.restructured_on AND b.observation_end
                WHEN 'RESTRUCTURED_FROM_NON_PERFORMING' THEN b.restructured_for_financial_difficulty
                    AND p.as_of BETWEEN b.restructured_on AND b.observation_end AND b.non_performing_before_restructuring
                ELSE false
            END""";

    static final String GRADE_BOOK = """
            INSERT INTO snapshot_grade (snapshot_id, loan_id, borrower_customer_number, borrower_kind, product, branch_code,
                outstanding_balance, collateral_kind, collateral_value, category, rule_floor, days_past_due, reason_codes)
            WITH params AS (SELECT ?::uuid AS snapshot_id, ?::date AS as_of, ?::bigint AS rule_set_id, ?::uuid AS prev_snapshot),
            rs AS (SELECT r.* FROM rule_set r JOIN params p ON r.rule_set_id = p.rule_set_id),
            latest AS (
                SELECT DISTINCT ON (lf.loan_id) lf.*, greatest(lf.days_past_due_principal, lf.days_past_due_interest) AS dpd
                FROM loan_fact lf, params p
                WHERE lf.as_of_date <= p.as_of
                ORDER BY lf.loan_id, lf.as_of_date DESC
            ),
            book AS (
                SELECT f.*, l.borrower_customer_number AS borrower, l.borrower_kind, l.product, l.branch_code, l.collateral_kind
                FROM latest f JOIN loan l ON l.loan_id = f.loan_id
                WHERE f.outstanding_balance > 0
            ),
            loan_floor AS (
                SELECT b.loan_id, r.code, r.floor_category
                FROM book b CROSS JOIN params p JOIN rule r ON r.rule_set_id = p.rule_set_id
                WHERE r.kind <> 'DEBTOR_CONTAGION_SHARE_OVER' AND %s
            ),
            worst_loan_floor AS (SELECT loan_id, max(floor_category) AS floor FROM loan_floor GROUP BY loan_id),
            debtor_impaired AS (SELECT borrower, bool_or(credit_impaired) AS impaired FROM book GROUP BY borrower),
            prev AS (SELECT sg.loan_id, sg.category FROM snapshot_grade sg JOIN params p ON sg.snapshot_id = p.prev_snapshot),
            ovr AS (
                SELECT DISTINCT ON (o.loan_id) o.loan_id, o.category
                FROM override_proposal o, params p
                WHERE o.status = 'APPROVED' AND o.effective_from <= p.as_of
                ORDER BY o.loan_id, o.effective_from DESC, o.proposal_id DESC
            ),
            stage1 AS (
                SELECT b.loan_id, b.borrower, b.borrower_kind, b.outstanding_balance,
                       coalesce(wf.floor, 1) AS loan_rule_floor,
                       CASE WHEN pv.category >= 3 AND coalesce(wf.floor, 1) < 3 AND NOT (
                                b.dpd = 0 AND b.arrears_cleared_on IS NOT NULL
                                AND b.arrears_cleared_on + make_interval(months => rs.upgrade_min_months_since_clear) <= p.as_of
                                AND b.consecutive_on_time_periods >= rs.upgrade_min_on_time_periods
                                AND NOT coalesce(di.impaired, false))
                            THEN pv.category END AS held,
                       ov.category AS override
                FROM book b CROSS JOIN params p CROSS JOIN rs
                LEFT JOIN worst_loan_floor wf ON wf.loan_id = b.loan_id
                LEFT JOIN prev pv ON pv.loan_id = b.loan_id
                LEFT JOIN ovr ov ON ov.loan_id = b.loan_id
                LEFT JOIN debtor_impaired di ON di.borrower = b.borrower
            ),
            pre AS (
                SELECT s.*, greatest(s.loan_rule_floor, coalesce(s.held, 1), coalesce(s.override, 1)) AS pre_grade FROM stage1 s
            ),
            debtor AS (
                SELECT borrower, sum(outstanding_balance) AS total,
                       coalesce(sum(outstanding_balance) FILTER (WHERE pre_grade >= 3), 0) AS npl
                FROM pre WHERE borrower_kind = 'NON_RETAIL' GROUP BY borrower
            ),
            contagion AS (
                SELECT pr.loan_id, r.code, r.floor_category
                FROM debtor d
                JOIN pre pr ON pr.borrower = d.borrower AND pr.borrower_kind = 'NON_RETAIL'
                CROSS JOIN params p
                JOIN rule r ON r.rule_set_id = p.rule_set_id AND r.kind = 'DEBTOR_CONTAGION_SHARE_OVER'
                WHERE d.npl > r.threshold * d.total
            ),
            graded AS (
                SELECT pr.loan_id,
                       greatest(pr.pre_grade, coalesce(c.floor, 1)) AS category,
                       greatest(pr.loan_rule_floor, coalesce(c.floor, 1)) AS rule_floor
                FROM pre pr
                LEFT JOIN (SELECT loan_id, max(floor_category) AS floor FROM contagion GROUP BY loan_id) c ON c.loan_id = pr.loan_id
            ),
            all_floors AS (
                SELECT loan_id, code, floor_category FROM loan_floor
                UNION ALL SELECT loan_id, 'UPGRADE_NOT_YET_ALLOWED', held FROM pre WHERE held IS NOT NULL
                UNION ALL SELECT loan_id, 'OVERRIDE_APPROVED', override FROM pre WHERE override IS NOT NULL
                UNION ALL SELECT loan_id, code, floor_category FROM contagion
            ),
            reasons AS (
                SELECT a.loan_id, array_agg(a.code::text ORDER BY a.code COLLATE "C") AS codes
                FROM all_floors a JOIN graded g ON g.loan_id = a.loan_id AND a.floor_category = g.category
                GROUP BY a.loan_id
            )
            SELECT p.snapshot_id, b.loan_id, b.borrower, b.borrower_kind, b.product, b.branch_code, b.outstanding_balance,
                   b.collateral_kind, b.collateral_value, g.category, g.rule_floor, b.dpd, coalesce(rs2.codes, '{}')
            FROM book b CROSS JOIN params p
            JOIN graded g ON g.loan_id = b.loan_id
            LEFT JOIN reasons rs2 ON rs2.loan_id = b.loan_id
            """.formatted(RULE_HOLDS);

    private final DataSource dataSource;
    private final RuleSets ruleSets;
    private final Snapshots snapshots;
    private final AuditLog audit;
    private final LoanRiskConfig config;

    @Inject
    ClassificationRun(DataSource dataSource, RuleSets ruleSets, Snapshots snapshots, AuditLog audit, LoanRiskConfig config) {
        this.dataSource = dataSource;
        this.ruleSets = ruleSets;
        this.snapshots = snapshots;
        this.audit = audit;
        this.config = config;
    }

    /**
     * Runs the classification of {@code asOf}, or returns the existing snapshot of that date. Concurrent runs of
     * the same date wait for each other (advisory lock) and the second returns the first one's snapshot.
     */
    @Transactional
    // A million loans take about a minute here; the default 60 s transaction timeout would roll the run back.
    @TransactionConfiguration(timeout = 3600)
    public SnapshotHeader classify(LocalDate asOf, String actor, String reason, Consumer<Progress> progress) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(4004, ?::date - DATE '2000-01-01')")) {
                lock.setObject(1, asOf);
                lock.execute();
            }
            var existing = snapshots.byAsOf(c, asOf);
            if (existing.isPresent()) {
                progress.accept(new Progress(Stage.COMPLETED, existing.get().loanCount(), existing.get().ruleSetVersion(),
                        existing.get(), true));
                return existing.get();
            }
            RuleSet ruleSet = ruleSets.inForce(asOf);
            progress.accept(new Progress(Stage.STARTED, 0, ruleSet.version(), null, false));
            long ruleSetId = ruleSetId(c, ruleSet.version());
            UUID previous = snapshots.latestBefore(c, asOf).map(SnapshotHeader::snapshotId).orElse(null);
            UUID snapshotId = UUID.randomUUID();
            long graded;
            try (PreparedStatement ps = c.prepareStatement(GRADE_BOOK)) {
                ps.setObject(1, snapshotId);
                ps.setObject(2, asOf);
                ps.setLong(3, ruleSetId);
                ps.setObject(4, previous);
                graded = ps.executeUpdate();
            }
            progress.accept(new Progress(Stage.GRADED, graded, ruleSet.version(), null, false));
            SnapshotHeader header = seal(c, snapshotId, asOf, ruleSet.version());
            if (previous != null) {
                auditGradeChanges(c, actor, reason, previous, snapshotId);
            }
            audit.recordAs(actor, reason, "SNAPSHOT_CREATED", "", Map.of("snapshot_id", snapshotId.toString(), "as_of", asOf.toString(),
                    "loan_count", header.loanCount(), "rule_set_version", ruleSet.version(), "fingerprint", header.fingerprint()));
            return header;
        } catch (SQLException e) {
            throw new IllegalStateException("classification run failed", e);
        }
    }

    /** Reads the graded rows back in loan-id order (bounded memory), fingerprints and totals them, writes the header. */
    private SnapshotHeader seal(Connection c, UUID snapshotId, LocalDate asOf, String ruleSetVersion) throws SQLException {
        MessageDigest sha256 = sha256();
        long[] count = { 0 };
        BigDecimal[] total = { BigDecimal.ZERO };
        snapshots.forEachGrade(c, snapshotId, row -> {
            sha256.update(row.fingerprintLine().getBytes(StandardCharsets.UTF_8));
            count[0]++;
            total[0] = total[0].add(row.outstandingBalance());
        });
        String fingerprint = HexFormat.of().formatHex(sha256.digest());
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO snapshot (snapshot_id, as_of_date, rule_set_version, loan_count, total_balance, currency, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, snapshotId);
            ps.setObject(2, asOf);
            ps.setString(3, ruleSetVersion);
            ps.setLong(4, count[0]);
            ps.setBigDecimal(5, total[0]);
            ps.setString(6, config.reportingCurrency());
            ps.setString(7, fingerprint);
            ps.executeUpdate();
        }
        return snapshots.byAsOf(c, asOf).orElseThrow();
    }

    /**
     * One GRADE_CHANGED event per loan whose grade differs from the previous snapshot's, set-based (the one write to
     * the audit table that bypasses {@code AuditLog}, for volume; same columns, subject as {@code Loan.auditSubject}).
     */
    private static void auditGradeChanges(Connection c, String actor, String reason, UUID previous, UUID current)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_event (actor, action, subject, reason, details)
                SELECT ?, 'GRADE_CHANGED', 'loan/' || n.loan_id, ?, jsonb_build_object(
                    'snapshot_id', n.snapshot_id::text, 'previous_snapshot_id', p.snapshot_id::text,
                    'from', (ARRAY['NORMAL','SPECIAL_MENTION','SUBSTANDARD','DOUBTFUL','LOSS'])[p.category],
                    'to', (ARRAY['NORMAL','SPECIAL_MENTION','SUBSTANDARD','DOUBTFUL','LOSS'])[n.category],
                    'reason_codes', array_to_string(n.reason_codes, ','))
                FROM snapshot_grade n JOIN snapshot_grade p ON p.snapshot_id = ? AND p.loan_id = n.loan_id
                WHERE n.snapshot_id = ? AND p.category <> n.category
                ORDER BY n.loan_id""")) {
            ps.setString(1, actor);
            ps.setString(2, reason);
            ps.setObject(3, previous);
            ps.setObject(4, current);
            ps.executeUpdate();
        }
    }

    private static long ruleSetId(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_set_id FROM rule_set WHERE version = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
