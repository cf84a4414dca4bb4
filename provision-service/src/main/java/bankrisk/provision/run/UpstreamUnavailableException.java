package bankrisk.provision.run;

/**
 * A service this one reads from (loan-risk, tiering) cannot be reached or timed out. Transient: the caller may retry.
 * The transports map it to UNAVAILABLE (gRPC) or 503 (REST), naming the service (and the attempts made, when the
 * call was retried).
 */
public final class UpstreamUnavailableException extends RuntimeException {

    private final String service;
    private final String detail;

    public UpstreamUnavailableException(String service, String detail, Throwable cause) {
        this(service, detail, service + " unavailable: " + detail, cause);
    }

    private UpstreamUnavailableException(String service, String detail, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.detail = detail;
    }

    public String service() {
        return service;
    }

    /** The same failure, told as the last of {@code attempts} attempts. */
    public UpstreamUnavailableException afterAttempts(int attempts) {
        return new UpstreamUnavailableException(service, detail, service + " unavailable after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + detail, this);
    }
}
