package bankrisk.provision.close;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.security.Identities;
import bankrisk.platform.audit.AuditLog;
import bankrisk.provision.audit.Requester;
import bankrisk.provision.run.ApprovalStatus;
import bankrisk.provision.run.ProvisionRun;
import bankrisk.provision.run.RunRepository;

/**
 * Maker-checker over a run (four eyes: whatever changes a booked figure is proposed by one person and approved by
 * another): {@code finance} submits a computed run, a different person with {@code finance-approver} approves or
 * rejects it; a posted run's reversal is requested by {@code finance} and approved by a different
 * {@code finance-approver}, which posts it ({@link Postings#approveReversal}). People are compared with {@link Identities}, so
 * holding both roles never lets one approve one's own submission. Each step locks the run's row, so of two
 * concurrent deciders exactly one finds the state it needs, and writes its audit entry in the same transaction.
 */
@ApplicationScoped
public class RunApprovals {

    static final String RUN_SUBMITTED = "RUN_SUBMITTED";
    static final String RUN_APPROVED = "RUN_APPROVED";
    static final String RUN_REJECTED = "RUN_REJECTED";
    static final String REVERSAL_REQUESTED = "REVERSAL_REQUESTED";
    static final String REVERSAL_REJECTED = "REVERSAL_REJECTED";

    private final DataSource dataSource;
    private final RunRepository runs;
    private final AuditLog audit;

    @Inject
    RunApprovals(DataSource dataSource, RunRepository runs, AuditLog audit) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.audit = audit;
    }

    /** DRAFT (or REJECTED, corrected by resubmitting) → SUBMITTED. */
    @Transactional
    public ProvisionRun submit(long runId, Requester maker) {
        ApprovalStatus status = lock(runId);
        if (status != ApprovalStatus.DRAFT && status != ApprovalStatus.REJECTED) {
            throw wrongState(runId, status, "RUN_NOT_DRAFT", "only a DRAFT or REJECTED run can be submitted");
        }
        update(runId, "approval_status = 'SUBMITTED', submitted_by = ?, submitted_at = now(), decided_by = NULL, decided_at = NULL",
                maker.name());
        return audited(RUN_SUBMITTED, runId, maker);
    }

    /** SUBMITTED → APPROVED, by someone other than the submitter. */
    @Transactional
    public ProvisionRun approve(long runId, Requester checker) {
        requireSubmittedBySomeoneElse(runId, checker);
        update(runId, "approval_status = 'APPROVED', decided_by = ?, decided_at = now()", checker.name());
        return audited(RUN_APPROVED, runId, checker);
    }

    /**
     * SUBMITTED → REJECTED, or a pending reversal refused (REVERSAL_REQUESTED → POSTED), by someone other than the
     * person who asked.
     */
    @Transactional
    public ProvisionRun reject(long runId, Requester checker) {
        ApprovalStatus status = lock(runId);
        if (status == ApprovalStatus.REVERSAL_REQUESTED) {
            refuseSamePerson(runId, runs.get(runId).lifecycle().reversalRequestedBy(), checker, "requested its reversal");
            update(runId, "approval_status = 'POSTED', reversal_requested_by = NULL, reversal_requested_at = NULL");
            return audited(REVERSAL_REJECTED, runId, checker);
        }
        requireSubmittedBySomeoneElse(runId, checker);
        update(runId, "approval_status = 'REJECTED', decided_by = ?, decided_at = now()", checker.name());
        return audited(RUN_REJECTED, runId, checker);
    }

    /** POSTED → REVERSAL_REQUESTED; only the latest posted run of its book can be undone (later deltas build on it). */
    @Transactional
    public ProvisionRun requestReversal(long runId, Requester maker) {
        ApprovalStatus status = lock(runId);
        if (status != ApprovalStatus.POSTED) {
            throw wrongState(runId, status, "RUN_NOT_POSTED", "only a POSTED run can be reversed");
        }
        refuseLaterPosting(runs.get(runId));
        update(runId, "approval_status = 'REVERSAL_REQUESTED', reversal_requested_by = ?, reversal_requested_at = now()",
                maker.name());
        return audited(REVERSAL_REQUESTED, runId, maker);
    }

    /**
     * Locks the run's row for the rest of the transaction and returns its state. NOT_FOUND for an id that names no
     * completed run.
     */
    ApprovalStatus lock(long runId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT approval_status FROM provision_run WHERE id = ? AND status = 'COMPLETED' FOR UPDATE")) {
            ps.setLong(1, runId);
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    throw new NotFoundException(RunRepository.RESOURCE, Long.toString(runId));
                }
                return ApprovalStatus.valueOf(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock run " + runId, e);
        }
    }

    void update(long runId, String assignments, String... values) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE provision_run SET " + assignments + " WHERE id = ?")) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.setLong(values.length + 1, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update run " + runId, e);
        }
    }

    ProvisionRun audited(String action, long runId, Requester requester) {
        ProvisionRun run = runs.get(runId);
        audit.recordAs(requester.name(), requester.reason(), action, "run/" + runId, Map.of("run_id", runId,
                "as_of", run.inputs().asOf().toString(), "policy", run.inputs().policyCode() + " v" + run.inputs().policyVersion(),
                "status", run.lifecycle().status().name()));
        return run;
    }

    static FailedPreconditionException wrongState(long runId, ApprovalStatus status, String reason, String rule) {
        return new FailedPreconditionException(reason, "run " + runId + " is " + status + ": " + rule);
    }

    static void refuseSamePerson(long runId, String maker, Requester checker, String what) {
        // Compared as the identity provider compares logins: "Bob" may not approve what "bob" submitted.
        if (Identities.samePerson(maker, checker.name())) {
            throw new FailedPreconditionException("SAME_PERSON",
                    "run " + runId + ": " + checker.name() + " " + what + "; a different person must decide it");
        }
    }

    /** Every later posting of the book is a delta against this one: undo them first, latest first. */
    private void refuseLaterPosting(ProvisionRun run) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT min(id) FROM provision_run"
                + " WHERE policy_code = ? AND currency_code = ? AND approval_status IN ('POSTED', 'REVERSAL_REQUESTED') AND as_of > ?")) {
            ps.setString(1, run.inputs().policyCode());
            ps.setString(2, run.inputs().currencyCode());
            ps.setObject(3, run.inputs().asOf());
            try (ResultSet row = ps.executeQuery()) {
                row.next();
                long later = row.getLong(1);
                if (later != 0) {
                    throw new FailedPreconditionException("LATER_RUN_POSTED", "run " + later + " of the same book, later than run "
                            + run.id() + ", is posted and booked against it: reverse it first");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the book's postings", e);
        }
    }

    private void requireSubmittedBySomeoneElse(long runId, Requester checker) {
        ApprovalStatus status = lock(runId);
        if (status != ApprovalStatus.SUBMITTED) {
            throw wrongState(runId, status, "RUN_NOT_SUBMITTED", "only a SUBMITTED run can be approved or rejected");
        }
        refuseSamePerson(runId, runs.get(runId).lifecycle().submittedBy(), checker, "submitted it");
    }
}
