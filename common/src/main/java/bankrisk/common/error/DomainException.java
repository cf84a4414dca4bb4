package bankrisk.common.error;

/**
 * A failure the caller can act on. Services throw subclasses of this from their domain code; one mapper per
 * transport (gRPC, REST) turns each kind into the matching status, so no domain code knows about statuses.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }
}
