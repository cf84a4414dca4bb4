package bankrisk.provision.grpc;

import bank.common.v1.ListAuditEventsRequest;
import bankrisk.common.error.Violations;

/**
 * Free texts that reach PostgreSQL must not carry control characters: a NUL is refused by the database (it would
 * surface as an internal error), and the others have no place in names, sources or filters.
 */
final class TextChecks {

    private TextChecks() {
    }

    static void noControlCharacters(String value, String field, Violations violations) {
        if (value != null && value.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\t' && ch != '\n' && ch != '\r')) {
            violations.add(field, "must not contain control characters");
        }
    }

    /** ListAuditEvents' filters, checked before platform's AuditEvents reads them. */
    static ListAuditEventsRequest auditFilters(ListAuditEventsRequest request) {
        Violations violations = new Violations();
        noControlCharacters(request.getSubject(), "subject", violations);
        noControlCharacters(request.getAction(), "action", violations);
        noControlCharacters(request.getActor(), "actor", violations);
        violations.throwIfAny();
        return request;
    }
}
