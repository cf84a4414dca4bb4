package bankrisk.loanrisk.audit;

import java.time.Instant;

/** One entry of the append-only audit trail; {@code detailsJson} is a JSON object. */
public record AuditEvent(long eventId, Instant occurredAt, String actor, String kind, String loanId, String detailsJson) {
}
