package bankrisk.loanrisk.override;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.NotFoundException;
import bankrisk.loanrisk.audit.AuditTrail;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.grading.Grade;
import bankrisk.loanrisk.grading.LoanGrading;

/**
 * Maker-checker for expert overrides. The acting user is passed in (a request field until authentication exists;
 * then the caller's token). An override may only make a grade worse than the regulation's floor.
 */
@ApplicationScoped
public class OverrideService {

    static final String RESOURCE = "override proposal";

    private final LoanGrading grading;
    private final AuditTrail audit;
    private final Clock clock;

    @Inject
    OverrideService(LoanGrading grading, AuditTrail audit, Clock clock) {
        this.grading = grading;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public OverrideProposal propose(String loanId, Category category, String reason, String actor, LocalDate effectiveFrom) {
        Grade floor = grading.regulatoryGrade(loanId, effectiveFrom);
        refuseBetterThanFloor(category, floor);
        OverrideProposal proposal = new OverrideProposal();
        proposal.loanId = loanId;
        proposal.category = category.rank();
        proposal.ruleFloor = floor.regulatoryFloor().rank();
        proposal.reason = reason;
        proposal.proposedBy = actor;
        proposal.effectiveFrom = effectiveFrom;
        proposal.status = OverrideStatus.PENDING;
        proposal.proposedAt = clock.instant();
        proposal.persistAndFlush();
        audit.record(actor, "OVERRIDE_PROPOSED", loanId, Map.of("proposal_id", proposal.proposalId, "category", category.name(),
                "rule_floor", floor.regulatoryFloor().name(), "effective_from", effectiveFrom.toString(), "reason", reason));
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

    private OverrideProposal pending(long proposalId, String actor) {
        OverrideProposal proposal = get(proposalId);
        if (proposal.status != OverrideStatus.PENDING) {
            throw new FailedPreconditionException("ALREADY_DECIDED",
                    "proposal " + proposalId + " was already " + proposal.status + " by " + proposal.decidedBy);
        }
        if (proposal.proposedBy.equals(actor)) {
            throw new FailedPreconditionException("SAME_PERSON",
                    "proposal " + proposalId + " was made by " + actor + "; a different person must decide it");
        }
        return proposal;
    }

    private OverrideProposal decide(OverrideProposal proposal, OverrideStatus status, String actor, String comment) {
        proposal.status = status;
        proposal.decidedBy = actor;
        proposal.decisionComment = comment;
        proposal.decidedAt = clock.instant();
        try {
            OverrideProposal.flush();
        } catch (OptimisticLockException concurrent) {
            throw new FailedPreconditionException("ALREADY_DECIDED",
                    "proposal " + proposal.proposalId + " was decided concurrently by someone else");
        }
        audit.record(actor, "OVERRIDE_" + status.name(), proposal.loanId, Map.of("proposal_id", proposal.proposalId,
                "category", Category.ofRank(proposal.category).name(), "comment", comment));
        return proposal;
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
