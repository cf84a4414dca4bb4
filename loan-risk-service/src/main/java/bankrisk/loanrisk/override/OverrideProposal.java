package bankrisk.loanrisk.override;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import bankrisk.loanrisk.approval.FourEyesDecision;

/**
 * An officer's proposal to grade a loan worse than the rules do. Categories are stored as ranks (1 = Normal ..
 * 5 = Loss), as everywhere in this schema. Optimistic locking stops two checkers deciding the same proposal.
 */
@Entity
@Table(name = "override_proposal")
public class OverrideProposal extends FourEyesDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "proposal_id")
    public Long proposalId;

    @Column(name = "loan_id")
    public String loanId;

    public int category;

    @Column(name = "rule_floor")
    public int ruleFloor;

    public String reason;

    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    @Enumerated(EnumType.STRING)
    public OverrideStatus status;

    @Column(name = "proposed_at")
    public Instant proposedAt;

    @Override
    public String describe() {
        return "proposal " + proposalId;
    }

    @Override
    public String proposedBy() {
        return proposedBy;
    }

    @Override
    public boolean pending() {
        return status == OverrideStatus.PENDING;
    }

    @Override
    public String decidedState() {
        return status.name();
    }
}
