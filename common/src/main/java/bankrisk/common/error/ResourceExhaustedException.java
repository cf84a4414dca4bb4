package bankrisk.common.error;

/**
 * A caller is over a limit of concurrent use (open subscriptions, running loads); it may try again once some of
 * its own calls have ended. Maps to {@code RESOURCE_EXHAUSTED} with a {@code google.rpc.QuotaFailure} naming the
 * limit ({@code subject}) and what was exceeded.
 */
public final class ResourceExhaustedException extends DomainException {

    private final String subject;

    public ResourceExhaustedException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    /** What the limit applies to, e.g. {@code caller:alice}. */
    public String subject() {
        return subject;
    }
}
