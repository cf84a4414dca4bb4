package bankrisk.common.error;

/**
 * A configured limit of the service was reached: a stream longer than allowed, more bulk loads than run at once.
 * The message names the limit and its configuration key. Maps to {@code RESOURCE_EXHAUSTED}.
 */
public final class ResourceExhaustedException extends DomainException {

    public ResourceExhaustedException(String message) {
        super(message);
    }
}
