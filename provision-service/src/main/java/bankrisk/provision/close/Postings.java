package bankrisk.provision.close;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.money.Amounts;
import bankrisk.platform.audit.AuditLog;
import bankrisk.provision.audit.Requester;
import bankrisk.provision.journal.Journal;
import bankrisk.provision.journal.JournalEntry;
import bankrisk.provision.journal.JournalService;
import bankrisk.provision.journal.Posting;
import bankrisk.provision.run.ApprovalStatus;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.RunRepository;

/**
 * The posting ledger: an approved run's journal booked exactly once, and an approved reversal of it.
 *
 * <p>A run's journal is the delta against the <em>last posted</em> run of the same book (policy code and reporting
 * currency), never a run the caller names, so the ledger holds each change of allowance once. Posting takes, in this
 * order, a transaction-scoped advisory lock of the book (two postings of one book never compute their deltas against
 * the same predecessor), a shared lock of the period (closing it waits for postings in flight, and a posting after the
 * close sees it) and the run's row; the posting, its lines, the run's new state and the audit entry commit together or
 * not at all, so a crash mid-posting leaves nothing. A second or concurrent post of the run finds it POSTED:
 * FAILED_PRECONDITION, nothing written. The posting date is the run's as-of date; a closed period refuses it.
 */
@ApplicationScoped
public class Postings {

    public static final String RESOURCE = "posting";
    static final String RUN_POSTED = "RUN_POSTED";
    static final String REVERSAL_POSTED = "REVERSAL_POSTED";
    static final String PERIOD_CLOSED = "PERIOD_CLOSED";

    private final DataSource dataSource;
    private final RunRepository runs;
    private final RunApprovals approvals;
    private final JournalService journals;
    private final AuditLog audit;

    @Inject
    Postings(DataSource dataSource, RunRepository runs, RunApprovals approvals, JournalService journals, AuditLog audit) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.approvals = approvals;
        this.journals = journals;
        this.audit = audit;
    }

    /** APPROVED → POSTED: stores the journal against the book's last posted run. */
    @Transactional
    public JournalPosting post(long runId, Requester poster) {
        ProvisionRun run = runs.get(runId);
        lockBook(run);
        lockPeriodShared(run.inputs().asOf());
        ApprovalStatus status = approvals.lock(runId);
        if (status != ApprovalStatus.APPROVED) {
            String reason = switch (status) {
                case POSTED, REVERSAL_REQUESTED -> "RUN_ALREADY_POSTED";
                case REVERSED -> "RUN_REVERSED";
                case REJECTED -> "RUN_REJECTED";
                default -> "RUN_NOT_APPROVED";
            };
            throw RunApprovals.wrongState(runId, status, reason, "only an APPROVED run can be posted");
        }
        refuseClosedPeriod(run.inputs().asOf());
        ProvisionRun previous = lastPosted(run).map(runs::get).orElse(null);
        if (previous != null && !previous.inputs().asOf().isBefore(run.inputs().asOf())) {
            throw laterRunPosted(run, previous);
        }
        Journal journal = journals.journalAgainst(run, previous);
        List<PostingLine> lines = new ArrayList<>();
        for (JournalEntry entry : journal.entries()) {
            for (Posting posting : entry.postings()) {
                // A zero line books nothing (e.g. a write-off the allowance did not cover at all); the core ledger
                // rejects them.
                if (posting.debit().signum() != 0 || posting.credit().signum() != 0) {
                    lines.add(new PostingLine(lines.size() + 1, entry.entryId(), entry.kind().name(), entry.branchCode(),
                            posting.accountCode(), posting.accountName(), posting.debit(), posting.credit(), entry.description()));
                }
            }
        }
        long postingId = insert(JournalPosting.Kind.POSTING, run, previous == null ? 0 : previous.id(), 0, poster, lines);
        approvals.update(runId, "approval_status = 'POSTED'");
        audit.recordAs(poster.name(), poster.reason(), RUN_POSTED, "run/" + runId, Map.of("run_id", runId, "posting_id", postingId,
                "previous_run_id", previous == null ? 0 : previous.id(), "total_debit", journal.totalDebit().toPlainString(),
                "period", period(run.inputs().asOf())));
        return get(postingId);
    }

    /**
     * REVERSAL_REQUESTED → REVERSED, by someone other than the requester: books every line of the run's posting with
     * debit and credit swapped, dated like it, so the book's last posted run is again the one before.
     */
    @Transactional
    public JournalPosting approveReversal(long runId, Requester checker) {
        ProvisionRun run = runs.get(runId);
        lockBook(run);
        lockPeriodShared(run.inputs().asOf());
        ApprovalStatus status = approvals.lock(runId);
        ProvisionRun requested = runs.get(runId);
        if (status != ApprovalStatus.REVERSAL_REQUESTED) {
            throw RunApprovals.wrongState(runId, status, "REVERSAL_NOT_REQUESTED", "only a requested reversal can be approved");
        }
        RunApprovals.refuseSamePerson(runId, requested.lifecycle().reversalRequestedBy(), checker, "requested its reversal");
        refuseClosedPeriod(run.inputs().asOf());
        JournalPosting original = get(requested.lifecycle().postingId());
        List<PostingLine> lines = original.lines().stream()
                .map(line -> line.reversed("Reversal of posting " + original.id() + ": ")).toList();
        long reversalId = insert(JournalPosting.Kind.REVERSAL, run, 0, original.id(), checker, lines);
        approvals.update(runId, "approval_status = 'REVERSED'");
        audit.recordAs(checker.name(), checker.reason(), REVERSAL_POSTED, "run/" + runId, Map.of("run_id", runId,
                "posting_id", reversalId, "reverses_posting_id", original.id(), "period", period(run.inputs().asOf())));
        return get(reversalId);
    }

    /** Closes an accounting period: no posting dated in it is accepted afterwards. */
    @Transactional
    public void closePeriod(YearMonth period, Requester closer) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, periodLockKey(period.toString()));
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO closed_period (period, closed_by) VALUES (?, ?) ON CONFLICT (period) DO NOTHING")) {
                ps.setString(1, period.toString());
                ps.setString(2, closer.name());
                if (ps.executeUpdate() == 0) {
                    throw new FailedPreconditionException("PERIOD_CLOSED", "period " + period + " is already closed");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close period " + period, e);
        }
        audit.recordAs(closer.name(), closer.reason(), PERIOD_CLOSED, "period/" + period, Map.of("period", period.toString()));
    }

    public JournalPosting get(long postingId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, run_id, previous_run_id, reverses_id, posting_date, period, currency_code, posted_by, posted_at,"
                        + " total_debit, total_credit FROM provision_posting WHERE id = ?")) {
            ps.setLong(1, postingId);
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    throw new NotFoundException(RESOURCE, Long.toString(postingId));
                }
                return new JournalPosting(row.getLong(1), JournalPosting.Kind.valueOf(row.getString(2)), row.getLong(3),
                        row.getLong(4), row.getLong(5), row.getObject(6, LocalDate.class), row.getString(7), row.getString(8),
                        row.getString(9), row.getObject(10, OffsetDateTime.class), Amounts.round(row.getBigDecimal(11)),
                        Amounts.round(row.getBigDecimal(12)), lines(c, postingId));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read posting " + postingId, e);
        }
    }

    private static List<PostingLine> lines(Connection c, long postingId) throws SQLException {
        List<PostingLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line_no, entry_id, entry_kind, branch_code, account_code, account_name,"
                + " debit, credit, description FROM provision_posting_line WHERE posting_id = ? ORDER BY line_no")) {
            ps.setLong(1, postingId);
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    lines.add(new PostingLine(row.getInt(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                            row.getString(6), Amounts.round(row.getBigDecimal(7)), Amounts.round(row.getBigDecimal(8)), row.getString(9)));
                }
            }
        }
        return lines;
    }

    private long insert(JournalPosting.Kind kind, ProvisionRun run, long previousRunId, long reversesId, Requester who,
            List<PostingLine> lines) {
        BigDecimal debit = lines.stream().map(PostingLine::debit).reduce(Amounts.ZERO, BigDecimal::add);
        BigDecimal credit = lines.stream().map(PostingLine::credit).reduce(Amounts.ZERO, BigDecimal::add);
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO provision_posting (kind, run_id, previous_run_id, reverses_id,"
                    + " posting_date, period, currency_code, posted_by, total_debit, total_credit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " RETURNING id")) {
                ps.setString(1, kind.name());
                ps.setLong(2, run.id());
                ps.setObject(3, previousRunId == 0 ? null : previousRunId);
                ps.setObject(4, reversesId == 0 ? null : reversesId);
                ps.setObject(5, run.inputs().asOf());
                ps.setString(6, period(run.inputs().asOf()));
                ps.setString(7, run.inputs().currencyCode());
                ps.setString(8, who.name());
                ps.setBigDecimal(9, debit);
                ps.setBigDecimal(10, credit);
                try (ResultSet row = ps.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO provision_posting_line (posting_id, line_no, entry_id, entry_kind,"
                    + " branch_code, account_code, account_name, debit, credit, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PostingLine line : lines) {
                    ps.setLong(1, id);
                    ps.setInt(2, line.lineNo());
                    ps.setString(3, line.entryId());
                    ps.setString(4, line.entryKind());
                    ps.setString(5, line.branchCode());
                    ps.setString(6, line.accountCode());
                    ps.setString(7, line.accountName());
                    ps.setBigDecimal(8, line.debit());
                    ps.setBigDecimal(9, line.credit());
                    ps.setString(10, line.description());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the posting of run " + run.id(), e);
        }
    }

    /** The book's run posted last (POSTED, or POSTED with a reversal pending), other than {@code run}. */
    private Optional<Long> lastPosted(ProvisionRun run) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM provision_run"
                + " WHERE policy_code = ? AND currency_code = ? AND approval_status IN ('POSTED', 'REVERSAL_REQUESTED') AND id <> ?"
                + " ORDER BY as_of DESC, id DESC LIMIT 1")) {
            ps.setString(1, run.inputs().policyCode());
            ps.setString(2, run.inputs().currencyCode());
            ps.setLong(3, run.id());
            try (ResultSet row = ps.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the book's last posting", e);
        }
    }

    private void lockBook(ProvisionRun run) {
        advisoryLock("pg_advisory_xact_lock", "provision/book " + run.inputs().policyCode() + " " + run.inputs().currencyCode());
    }

    private void lockPeriodShared(LocalDate date) {
        advisoryLock("pg_advisory_xact_lock_shared", periodLockKey(period(date)));
    }

    private void advisoryLock(String function, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtextextended(?, 0))")) {
            ps.setString(1, key);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock " + key, e);
        }
    }

    private void refuseClosedPeriod(LocalDate date) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT closed_by, closed_at FROM closed_period WHERE period = ?")) {
            ps.setString(1, period(date));
            try (ResultSet row = ps.executeQuery()) {
                if (row.next()) {
                    throw new FailedPreconditionException("PERIOD_CLOSED", "period " + period(date) + " was closed by "
                            + row.getString(1) + " at " + row.getObject(2, OffsetDateTime.class) + "; it accepts no posting dated " + date);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read closed periods", e);
        }
    }

    private static FailedPreconditionException laterRunPosted(ProvisionRun run, ProvisionRun previous) {
        return new FailedPreconditionException("LATER_RUN_POSTED", "run " + previous.id() + " of the same book (as of "
                + previous.inputs().asOf() + ") is already posted; run " + run.id() + " (as of " + run.inputs().asOf()
                + ") cannot be booked before it: reverse it first");
    }

    private static String periodLockKey(String period) {
        return "provision/period " + period;
    }

    static String period(LocalDate date) {
        return YearMonth.from(date).toString();
    }
}
