package bankrisk.loanrisk.approval;

import jakarta.persistence.OptimisticLockException;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.security.Identities;
import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The maker-checker of everything that changes a booked figure or a grade by judgement (overrides, write-offs): the
 * one place that decides whether a decision may be taken. The checker is the verified caller and must be a different
 * person than the maker whatever roles either holds, compared as identity providers compare logins (common's
 * {@link Identities}); a proposal is decided once, also when two checkers race (optimistic locking on the
 * proposal's version). Both steps are audited by the caller with their reason.
 */
public final class FourEyes {

    private FourEyes() {
    }

    /**
     * Refuses a decision on something already decided (ALREADY_DECIDED) or by its own maker (SAME_PERSON).
     */
    public static void requireDecidableBy(Proposal proposal, String checker) {
        if (!proposal.pending()) {
            throw new FailedPreconditionException("ALREADY_DECIDED",
                    proposal.describe() + " was already " + proposal.decidedState() + " by " + proposal.decidedBy());
        }
        // "Bob" may not approve what "bob" proposed.
        if (Identities.samePerson(proposal.proposedBy(), checker)) {
            throw new FailedPreconditionException("SAME_PERSON",
                    proposal.describe() + " was made by " + checker + "; a different person must decide it");
        }
    }

    /**
     * Writes the decision set on the (versioned) entity now: UPDATE … WHERE version = &lt;read version&gt;, so of two
     * concurrent checkers exactly one matches the row; the other is ALREADY_DECIDED.
     */
    public static void flushDecision(Proposal proposal) {
        try {
            Panache.getEntityManager().flush();
        } catch (OptimisticLockException concurrent) {
            throw new FailedPreconditionException("ALREADY_DECIDED",
                    proposal.describe() + " was decided concurrently by someone else");
        }
    }
}
