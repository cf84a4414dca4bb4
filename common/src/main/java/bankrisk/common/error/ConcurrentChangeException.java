package bankrisk.common.error;

/**
 * What the call was reading or writing was changed by another transaction meanwhile (a month re-evaluated while its
 * results were streamed). Nothing inconsistent was delivered as complete; calling again from the start gives a
 * consistent answer. Maps to {@code ABORTED} with {@code ErrorInfo} {@code reason}.
 */
public final class ConcurrentChangeException extends DomainException {

    private final String reason;

    public ConcurrentChangeException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
