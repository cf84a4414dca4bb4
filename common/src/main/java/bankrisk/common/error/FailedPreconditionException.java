package bankrisk.common.error;

/**
 * The request is well formed but the system is not in a state that allows it (a grade better than the rule
 * floor, a run over a snapshot that does not exist yet). Maps to {@code FAILED_PRECONDITION}; {@code reason} is a
 * stable machine-readable code such as {@code OVERRIDE_BETTER_THAN_FLOOR}.
 */
public final class FailedPreconditionException extends DomainException {

    private final String reason;

    public FailedPreconditionException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
