package bankrisk.provision.run;

/**
 * A service this one reads from (loan-risk, tiering) cannot be reached or timed out. Transient: the caller may retry.
 * The transports map it to UNAVAILABLE (gRPC) or 503 (REST), naming the service.
 */
public final class UpstreamUnavailableException extends RuntimeException {

    private final String service;

    public UpstreamUnavailableException(String service, String message, Throwable cause) {
        super(service + " unavailable: " + message, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
