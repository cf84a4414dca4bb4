package bankrisk.common.error;

/** A failure about one named resource (a customer, a loan, a policy version). */
public abstract sealed class ResourceException extends DomainException permits NotFoundException, AlreadyExistsException {

    private final String resourceType;
    private final String resourceName;

    protected ResourceException(String resourceType, String resourceName, String problem) {
        super(resourceType + " '" + resourceName + "' " + problem);
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
