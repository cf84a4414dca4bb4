package bankrisk.loanrisk.approval;

/**
 * Something one person proposed and a different person must decide (an override of a grade, a write-off): what
 * {@link FourEyes} needs to know to admit or refuse a decision.
 */
public interface Proposal {

    /** How messages name it, e.g. "proposal 12" or "write-off W-7". */
    String describe();

    /** The maker: the verified caller who proposed it. */
    String proposedBy();

    /** Whether it still awaits a decision. */
    boolean pending();

    /** Its state once decided, e.g. "APPROVED", and who decided it (for the refusal of a second decision). */
    String decidedState();

    String decidedBy();
}
