package bankrisk.common.error;

/**
 * The caller cancelled the call, or its deadline passed, before the change was committed: the change was rolled back,
 * so nothing of it is applied. Maps to {@code CANCELLED} (the caller no longer reads the answer).
 */
public final class CallerGoneException extends DomainException {

    public CallerGoneException(String message) {
        super(message);
    }
}
