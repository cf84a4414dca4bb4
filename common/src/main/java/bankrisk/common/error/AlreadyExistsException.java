package bankrisk.common.error;

/** The request would create a resource that already exists. Maps to {@code ALREADY_EXISTS}. */
public final class AlreadyExistsException extends DomainException {

    private final String resourceType;
    private final String resourceName;

    public AlreadyExistsException(String resourceType, String resourceName) {
        super(resourceType + " '" + resourceName + "' already exists");
        this.resourceType = resourceType;
        this.resourceName = resourceName;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceName() {
        return resourceName;
    }
}
