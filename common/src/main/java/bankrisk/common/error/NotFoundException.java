package bankrisk.common.error;

/** A resource named by the request does not exist. Maps to {@code NOT_FOUND}. */
public final class NotFoundException extends DomainException {

    private final String resourceType;
    private final String resourceName;

    public NotFoundException(String resourceType, String resourceName) {
        super(resourceType + " '" + resourceName + "' not found");
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
