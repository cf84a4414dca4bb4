package bankrisk.loanrisk.override;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.NotFoundException;
import bankrisk.loanrisk.approval.FourEyes;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.grading.Grade;
import bankrisk.loanrisk.grading.LoanGrading;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.platform.audit.AuditLog;

/**
 * Maker-checker for expert overrides. The acting user is the verified caller (passed in by the gRPC adapter from the
 * token, never from a request field); who may decide is {@link FourEyes}' rule, shared with write-offs. An override may only make a grade worse than the regulation's floor. A loan has at most one pending
 * proposal (unique partial index), and a proposal is decided once (optimistic locking on its {@code version}).
 */
@ApplicationScoped
public class OverrideService {

    static final String RESOURCE = "override proposal";

    private final LoanGrading grading;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    OverrideService(LoanGrading grading, AuditLog audit, Clock clock) {
        this.grading = grading;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public OverrideProposal propose(String loanId, Category category, String reason, String actor, LocalDate effectiveFrom) {
        Grade floor = grading.regulatoryGrade(loanId, effectiveFrom);
        refuseBetterThanFloor(category, floor);
        OverrideProposal pending = OverrideProposal.<OverrideProposal> find("loanId = ?1 and status = ?2", loanId,
                OverrideStatus.PENDING).firstResult();
        if (pending != null) {
            throw proposalPending(loanId, pending.proposalId + " by " + pending.proposedBy);
        }
        OverrideProposal proposal = new OverrideProposal();
        proposal.loanId = loanId;
        proposal.category = category.rank();
        proposal.ruleFloor = floor.regulatoryFloor().rank();
        proposal.reason = reason;
        proposal.proposedBy = actor;
        proposal.effectiveFrom = effectiveFrom;
        proposal.status = OverrideStatus.PENDING;
        proposal.proposedAt = clock.instant();
        try {
            proposal.persistAndFlush();
        } catch (PersistenceException e) {
            // A concurrent proposal on the same loan committed between the check and the insert.
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw proposalPending(loanId, "made concurrently");
            }
            throw e;
        }
        audit.recordAs(actor, reason, "OVERRIDE_PROPOSED", Loan.auditSubject(loanId), Map.of("proposal_id", proposal.proposalId,
                "category", category.name(), "rule_floor", floor.regulatoryFloor().name(), "effective_from", effectiveFrom.toString()));
        return proposal;
    }

    @Transactional
    public OverrideProposal approve(long proposalId, String actor, String comment) {
        OverrideProposal proposal = pending(proposalId, actor);
        // The facts may have moved since the proposal: the floor is checked again at approval.
        refuseBetterThanFloor(Category.ofRank(proposal.category), grading.regulatoryGrade(proposal.loanId, proposal.effectiveFrom));
        return decide(proposal, OverrideStatus.APPROVED, actor, comment);
    }

    @Transactional
    public OverrideProposal reject(long proposalId, String actor, String comment) {
        return decide(pending(proposalId, actor), OverrideStatus.REJECTED, actor, comment);
    }

    public OverrideProposal get(long proposalId) {
        return OverrideProposal.<OverrideProposal> findByIdOptional(proposalId)
                .orElseThrow(() -> new NotFoundException(RESOURCE, Long.toString(proposalId)));
    }

    /** The checker's inbox: pending proposals, oldest first. */
    public List<OverrideProposal> pending(int limit, long offset) {
        return OverrideProposal.<OverrideProposal> find("status = ?1 order by proposedAt, proposalId", OverrideStatus.PENDING)
                .range((int) offset, (int) offset + limit - 1).list();
    }

    public long countPending() {
        return OverrideProposal.count("status", OverrideStatus.PENDING);
    }

    private OverrideProposal pending(long proposalId, String actor) {
        OverrideProposal proposal = get(proposalId);
        FourEyes.requireDecidableBy(proposal, actor);
        return proposal;
    }

    private OverrideProposal decide(OverrideProposal proposal, OverrideStatus status, String actor, String comment) {
        proposal.status = status;
        proposal.decidedBy = actor;
        proposal.decisionComment = comment;
        proposal.decidedAt = clock.instant();
        FourEyes.flushDecision(proposal);
        audit.recordAs(actor, comment, "OVERRIDE_" + status.name(), Loan.auditSubject(proposal.loanId),
                Map.of("proposal_id", proposal.proposalId, "category", Category.ofRank(proposal.category).name()));
        return proposal;
    }

    private static FailedPreconditionException proposalPending(String loanId, String which) {
        return new FailedPreconditionException("PROPOSAL_PENDING",
                "loan " + loanId + " already has a pending override proposal (" + which + "); decide it first");
    }

    private static void refuseBetterThanFloor(Category proposed, Grade floor) {
        if (floor.regulatoryFloor().isWorseThan(proposed)) {
            throw new FailedPreconditionException("OVERRIDE_BETTER_THAN_FLOOR",
                    "proposed " + proposed + " is better than the rule floor " + floor.regulatoryFloor()
                            + " (" + String.join(", ", floor.floors().stream()
                                    .filter(f -> f.category() == floor.regulatoryFloor()).map(f -> f.reasonCode()).toList())
                            + ")");
        }
    }
}
