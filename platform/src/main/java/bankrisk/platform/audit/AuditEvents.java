package bankrisk.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bank.common.v1.AuditEvent;
import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.ListAuditEventsResponse;
import bankrisk.api.convert.Paging;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;

/** {@code ListAuditEvents} of every service: the request checked, a page of the log, newest first. */
@ApplicationScoped
public class AuditEvents {

    private final AuditLog log;

    @Inject
    AuditEvents(AuditLog log) {
        this.log = log;
    }

    public ListAuditEventsResponse list(ListAuditEventsRequest request) {
        Violations violations = new Violations();
        Paging.Page page = Paging.parse(request.getPage(), "page", violations);
        String subject = Texts.optionalLine(request.getSubject(), "subject", 200, violations);
        String action = Texts.optionalLine(request.getAction(), "action", 64, violations);
        String actor = Texts.optionalLine(request.getActor(), "actor", 256, violations);
        violations.throwIfAny();
        AuditLog.Page found = log.list(new AuditLog.Filter(subject, action, actor), page.offset(), page.size());
        ListAuditEventsResponse.Builder response = ListAuditEventsResponse.newBuilder();
        for (AuditLog.Entry entry : found.entries()) {
            response.addEvents(AuditEvent.newBuilder()
                    .setEventId(entry.eventId())
                    .setOccurredAt(entry.occurredAt().toString())
                    .setActor(entry.actor())
                    .setAction(entry.action())
                    .setSubject(entry.subject())
                    .setReason(entry.reason())
                    .setDetailsJson(entry.detailsJson()));
        }
        return response.setPage(Paging.info(page, found.entries().size(), found.total())).build();
    }
}
