package bankrisk.common.error;

/** A resource named by the request does not exist. Maps to {@code NOT_FOUND}. */
public final class NotFoundException extends ResourceException {

    public NotFoundException(String resourceType, String resourceName) {
        super(resourceType, resourceName, "not found");
    }
}
