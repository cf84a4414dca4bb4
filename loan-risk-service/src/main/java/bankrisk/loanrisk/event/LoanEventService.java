package bankrisk.loanrisk.event;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.money.Amounts;
import bankrisk.common.security.Actor;
import bankrisk.loanrisk.approval.FourEyes;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.loan.Loan;
import bankrisk.loanrisk.loan.LoanService;
import bankrisk.platform.audit.AuditLog;
import bankrisk.platform.db.DatabaseException;
import bankrisk.platform.load.RowLimit;
import bankrisk.platform.load.RowReader;
import bankrisk.platform.load.StagedLoad;
import bankrisk.platform.load.StagedLoads;

/**
 * Loan life events: recorded one at a time or streamed by the nightly feed (both through {@link EventsLoad}, the one
 * writer of new events, on the staged-load skeleton), listed with the balance after each, and the checker's side of
 * write-offs (four eyes, {@link FourEyes}, shared with overrides).
 */
@ApplicationScoped
public class LoanEventService {

    private final StagedLoads loads;
    private final RowLimit limit;
    private final AuditLog audit;
    private final Clock clock;
    private final DataSource dataSource;

    @Inject
    LoanEventService(StagedLoads loads, LoanRiskConfig config, AuditLog audit, Clock clock, DataSource dataSource) {
        this.loads = loads;
        this.limit = new RowLimit(config.maxRowsPerLoadStream(), "loanrisk.max-rows-per-load-stream",
                RowLimit.Answer.RESOURCE_EXHAUSTED);
        this.audit = audit;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    /** The event as stored and whether it was there already (a retry). */
    public record Recorded(LoanEvent event, boolean alreadyRecorded) {
    }

    /** Records one event (RecordLoanEvent): a load of one row, by the same rules as the stream. */
    public Recorded record(Actor actor, RowReader<EventRow> event, BooleanSupplier callerWaiting) {
        StagedLoad<EventRow, EventsLoadResult> load = loads.request(new EventsLoad(limit, true, LocalDate.now(clock), actor.name()),
                actor);
        EventsLoadResult result;
        String eventId;
        try {
            EventRow[] row = new EventRow[1];
            load.accept((path, violations) -> row[0] = event.read(path, violations));
            eventId = row[0] == null ? null : row[0].eventId();
            result = load.finish(callerWaiting);
        } finally {
            load.abort();
        }
        return new Recorded(get(eventId), result.recorded() == 0);
    }

    /** Starts a streamed load (LoadLoanEvents); the caller feeds rows in stream order. */
    public StagedLoad<EventRow, EventsLoadResult> stream(Actor actor) {
        return loads.stream(new EventsLoad(limit, false, LocalDate.now(clock), actor.name()), actor);
    }

    public LoanEvent get(String eventId) {
        return LoanEvent.<LoanEvent> findByIdOptional(eventId).orElseThrow(() -> new NotFoundException(EventsLoad.RESOURCE, eventId));
    }

    /** An event with the loan's event balance after it (null when it is not booked or does not move the balance). */
    public record Listed(LoanEvent event, BigDecimal balanceAfter) {
    }

    /** One page of a loan's events, and the loan's totals over all of them. */
    public record LoanEvents(List<Listed> events, long total, String currency, BigDecimal balance, BigDecimal writtenOff,
            BigDecimal recovered) {
    }

    /** A loan's events, oldest effective date first (then by id), with the running event balance. */
    @Transactional
    public LoanEvents list(String loanId, int limit, long offset) {
        Loan loan = Loan.<Loan> findByIdOptional(loanId).orElseThrow(() -> LoanService.notFound(loanId));
        String delta = EventKind.balanceDeltaSql("kind", "amount");
        String sql = """
                SELECT event_id, CASE WHEN status = 'BOOKED' AND %1$s <> 0 THEN
                    sum(CASE WHEN status = 'BOOKED' THEN %1$s ELSE 0 END) OVER (ORDER BY effective_date, event_id) END
                FROM loan_event WHERE loan_id = ? ORDER BY effective_date, event_id LIMIT ? OFFSET ?""".formatted(delta);
        List<String> ids = new ArrayList<>();
        List<BigDecimal> balances = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, loanId);
            ps.setInt(2, limit);
            ps.setLong(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    balances.add(rs.getBigDecimal(2));
                }
            }
        } catch (SQLException failure) {
            throw new DatabaseException(failure);
        }
        Map<String, LoanEvent> byId = new java.util.HashMap<>();
        LoanEvent.<LoanEvent> list("eventId in ?1", ids).forEach(e -> byId.put(e.eventId, e));
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            listed.add(new Listed(byId.get(ids.get(i)), balances.get(i) == null ? null : Amounts.round(balances.get(i))));
        }
        Object[] totals = (Object[]) LoanEvent.getEntityManager().createQuery("""
                select count(e),
                       coalesce(sum(case when e.status = 'BOOKED' and e.kind = 'DISBURSEMENT' then e.amount else 0 end), 0)
                     - coalesce(sum(case when e.status = 'BOOKED' and e.kind in ('REPAYMENT', 'WRITE_OFF', 'TRANSFER', 'FORECLOSURE')
                                         then e.amount else 0 end), 0),
                       coalesce(sum(case when e.status = 'BOOKED' and e.kind = 'WRITE_OFF' then e.amount else 0 end), 0),
                       coalesce(sum(case when e.status = 'BOOKED' and e.kind = 'RECOVERY' then e.amount else 0 end), 0)
                from LoanEvent e where e.loanId = ?1""").setParameter(1, loanId).getSingleResult();
        return new LoanEvents(listed, ((Number) totals[0]).longValue(), loan.currency, Amounts.round((BigDecimal) totals[1]),
                Amounts.round((BigDecimal) totals[2]), Amounts.round((BigDecimal) totals[3]));
    }

    /**
     * The checker approves a pending write-off: it is booked and leaves the balance. Its amount was reserved against
     * the balance since it was proposed (the load counts pending write-offs), so the balance cannot have fallen below
     * it meanwhile.
     */
    @Transactional
    public LoanEvent approveWriteOff(String eventId, String actor, String comment) {
        return decide(pendingWriteOff(eventId, actor), EventStatus.BOOKED, "WRITE_OFF_APPROVED", actor, comment);
    }

    /** The checker rejects a pending write-off: it never counts. */
    @Transactional
    public LoanEvent rejectWriteOff(String eventId, String actor, String comment) {
        return decide(pendingWriteOff(eventId, actor), EventStatus.REJECTED, "WRITE_OFF_REJECTED", actor, comment);
    }

    /** The checker's inbox: pending write-offs, oldest proposal first. */
    public List<LoanEvent> pendingWriteOffs(int limit, long offset) {
        return LoanEvent.<LoanEvent> find("status = ?1 order by recordedAt, eventId", EventStatus.PENDING).range((int) offset,
                (int) offset + limit - 1).list();
    }

    public long countPendingWriteOffs() {
        return LoanEvent.count("status", EventStatus.PENDING);
    }

    private LoanEvent pendingWriteOff(String eventId, String actor) {
        LoanEvent event = get(eventId);
        if (event.kind != EventKind.WRITE_OFF) {
            throw new FailedPreconditionException("NOT_A_WRITE_OFF", "event " + eventId + " is a " + event.kind
                    + "; only write-offs are approved or rejected");
        }
        FourEyes.requireDecidableBy(event, actor);
        return event;
    }

    private LoanEvent decide(LoanEvent event, EventStatus status, String action, String actor, String comment) {
        event.status = status;
        event.decidedBy = actor;
        event.decisionComment = comment;
        event.decidedAt = clock.instant();
        FourEyes.flushDecision(event);
        audit.recordAs(actor, comment, action, Loan.auditSubject(event.loanId), Map.of("event_id", event.eventId,
                "amount", event.amount.toPlainString(), "currency", event.currency, "effective_date",
                event.effectiveDate.toString(), "approval_reference", event.approvalReference));
        return event;
    }
}
