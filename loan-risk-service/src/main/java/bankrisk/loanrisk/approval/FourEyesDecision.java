package bankrisk.loanrisk.approval;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The decision columns every four-eyes proposal table shares (override_proposal, loan_event's write-offs): who decided,
 * with what comment, when, and the version that lets exactly one of two concurrent checkers decide ({@link FourEyes}).
 * The proposal itself (maker, state, how it is named) is the entity's.
 */
@MappedSuperclass
public abstract class FourEyesDecision extends PanacheEntityBase implements Proposal {

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_comment")
    public String decisionComment;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Version
    public int version;

    @Override
    public String decidedBy() {
        return decidedBy;
    }
}
