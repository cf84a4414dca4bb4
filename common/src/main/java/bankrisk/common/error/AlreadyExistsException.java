package bankrisk.common.error;

/** The request would create a resource that already exists. Maps to {@code ALREADY_EXISTS}. */
public final class AlreadyExistsException extends ResourceException {

    public AlreadyExistsException(String resourceType, String resourceName) {
        super(resourceType, resourceName, "already exists");
    }
}
