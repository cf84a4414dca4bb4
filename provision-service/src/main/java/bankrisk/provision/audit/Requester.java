package bankrisk.provision.audit;

/**
 * Who asked for a change and why, as the transport verified it (token subject, {@code x-change-reason} header):
 * taken where the call arrives and handed to the code that records the change, which may run on another thread.
 */
public record Requester(String name, String reason) {
}
