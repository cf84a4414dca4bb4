package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.EventsTestBook.disbursement;
import static bankrisk.loanrisk.grpc.EventsTestBook.event;
import static bankrisk.loanrisk.grpc.EventsTestBook.foreclosure;
import static bankrisk.loanrisk.grpc.EventsTestBook.money;
import static bankrisk.loanrisk.grpc.EventsTestBook.record;
import static bankrisk.loanrisk.grpc.EventsTestBook.recovery;
import static bankrisk.loanrisk.grpc.EventsTestBook.repayment;
import static bankrisk.loanrisk.grpc.EventsTestBook.restructure;
import static bankrisk.loanrisk.grpc.EventsTestBook.transfer;
import static bankrisk.loanrisk.grpc.EventsTestBook.writeOff;
import static bankrisk.loanrisk.grpc.OverrideGrpcTest.assertFailedPrecondition;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.AuditEvent;
import bank.common.v1.ListAuditEventsRequest;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.ListLoanEventsRequest;
import bank.loanrisk.v1.ListLoanEventsResponse;
import bank.loanrisk.v1.ListPendingWriteOffsRequest;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanEventKind;
import bank.loanrisk.v1.LoanEventStatus;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.RecordLoanEventResponse;
import bank.loanrisk.v1.TransferDetails;
import bank.loanrisk.v1.WriteOffDetails;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * RecordLoanEvent, ListLoanEvents and the write-off maker-checker: every kind's effect on the event balance (exact,
 * computed by hand in the comments), retries counted once, every bad input refused naming its field with nothing
 * stored. The loans are registered by facts dated 2022-01-01, their origination date (TestBook.loan).
 */
@QuarkusTest
class LoanEventGrpcTest {

    static final LocalDate ORIGINATION = LocalDate.of(2022, 1, 1);
    static final String REASON = "核銷 per board decision 2026-03";

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @BeforeEach
    void authenticate() {
        client = TestBook.asOfficer(client);
    }

    @Test
    void everyKindMovesTheEventBalanceAsDocumented() {
        load(client, List.of(retail("EV-1", ORIGINATION, "1000000.00")));
        LoanRiskServiceBlockingStub maker = officer("maker-1");

        // 0 + 1,000,000.00 drawn = 1,000,000.00
        maker.recordLoanEvent(record(disbursement("EV-1-D", "EV-1", day(1, 5), "1000000.00")));
        // 1,000,000.00 - 120,000.50 repaid = 879,999.50
        maker.recordLoanEvent(record(repayment("EV-1-R", "EV-1", day(2, 5), "120000.50")));
        // Restructured for financial difficulty, first repayment 2026-04-01, quarterly: two periods end 2026-10-01, one
        // year ends 2027-04-01; the later one is the observation period's end. No balance change.
        LoanEvent restructured = maker.recordLoanEvent(record(restructure("EV-1-S", "EV-1", day(3, 1), day(4, 1), 3))).getEvent();
        assertThat(Dates.parse(restructured.getRestructure().getObservationEnd(), "x", new bankrisk.common.error.Violations()))
                .isEqualTo(LocalDate.of(2027, 4, 1));
        // A write-off is a proposal: status PENDING, the balance stays 879,999.50 until a second person approves.
        LoanEvent proposed = maker.recordLoanEvent(record(writeOff("EV-1-W", "EV-1", day(3, 31), "300000.00"))).getEvent();
        assertThat(proposed.getStatus()).isEqualTo(LoanEventStatus.LOAN_EVENT_STATUS_PENDING);
        assertThat(list("EV-1").getBalance().getAmount()).isEqualTo("879999.50");
        // Approved: 879,999.50 - 300,000.00 = 579,999.50 on balance; 300,000.00 written off, still claimable.
        LoanEvent approved = approver("checker-1").approveWriteOff(decide("EV-1-W"));
        assertThat(approved.getStatus()).isEqualTo(LoanEventStatus.LOAN_EVENT_STATUS_BOOKED);
        assertThat(approved.getDecidedBy()).isEqualTo("checker-1");
        // 50,000.00 recovered on the written-off claim: off balance, the balance stays 579,999.50.
        maker.recordLoanEvent(record(recovery("EV-1-C", "EV-1", day(4, 10), "50000.00")));
        // 579,999.50 - 400,000.00 sold to an AMC for 120,000.00 = 179,999.50
        maker.recordLoanEvent(record(transfer("EV-1-T", "EV-1", day(4, 15), "400000.00", "120000.00")));
        // 179,999.50 - 179,999.50 settled by a flat booked at 200,000.00 = 0.00
        maker.recordLoanEvent(record(foreclosure("EV-1-F", "EV-1", day(4, 20), "179999.50", "200000.00")));

        ListLoanEventsResponse events = list("EV-1");
        assertThat(events.getEventsList()).extracting(LoanEvent::getEventId, e -> e.hasBalanceAfter() ? e.getBalanceAfter().getAmount() : "-")
                .containsExactly(tuple("EV-1-D", "1000000.00"), tuple("EV-1-R", "879999.50"), tuple("EV-1-S", "-"),
                        tuple("EV-1-W", "579999.50"), tuple("EV-1-C", "-"), tuple("EV-1-T", "179999.50"), tuple("EV-1-F", "0.00"));
        assertThat(events.getBalance()).isEqualTo(money("0.00", "CNY"));
        assertThat(events.getWrittenOff()).isEqualTo(money("300000.00", "CNY"));
        assertThat(events.getRecovered()).isEqualTo(money("50000.00", "CNY"));
        assertThat(events.getPage().getTotalSize()).isEqualTo(7);
        assertThat(events.getEvents(5).getTransfer().getPrice()).isEqualTo(money("120000.00", "CNY"));
        assertThat(events.getEvents(6).getForeclosure().getAssetValue()).isEqualTo(money("200000.00", "CNY"));
        assertThat(events.getEvents(0).getRecordedBy()).isEqualTo("maker-1");
    }

    @Test
    void aYearlyRestructuringObservesTwoPeriods() {
        load(client, List.of(retail("EV-2", ORIGINATION, "1000.00")));
        // Yearly repayments from 2026-06-30: two periods end 2028-06-30, later than one year (2027-06-30).
        LoanEvent e = officer("maker-1").recordLoanEvent(record(restructure("EV-2-S", "EV-2", day(5, 15), day(6, 30), 12))).getEvent();
        assertThat(Dates.toDate(LocalDate.of(2028, 6, 30))).isEqualTo(e.getRestructure().getObservationEnd());
    }

    @Test
    void aRetriedEventCountsOnceAndAReusedIdIsAlreadyExists() {
        load(client, List.of(retail("EV-3", ORIGINATION, "1000.00")));
        LoanRiskServiceBlockingStub maker = officer("maker-1");
        maker.recordLoanEvent(record(disbursement("EV-3-D", "EV-3", day(1, 10), "1000.00")));
        RecordLoanEventResponse first = maker.recordLoanEvent(record(repayment("EV-3-R", "EV-3", day(2, 10), "100.00")));
        RecordLoanEventResponse retried = maker.recordLoanEvent(record(repayment("EV-3-R", "EV-3", day(2, 10), "100.00")));
        assertThat(first.getAlreadyRecorded()).isFalse();
        assertThat(retried.getAlreadyRecorded()).isTrue();
        assertThat(retried.getEvent()).isEqualTo(first.getEvent());
        // 1,000.00 - 100.00 once = 900.00
        assertThat(list("EV-3").getBalance().getAmount()).isEqualTo("900.00");

        assertThatThrownBy(() -> maker.recordLoanEvent(record(repayment("EV-3-R", "EV-3", day(2, 10), "100.01"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(e.getStatus().getDescription()).contains("EV-3-R");
                });
        assertThat(list("EV-3").getBalance().getAmount()).isEqualTo("900.00");
        // One audit entry per recorded event; the retry left none.
        assertThat(auditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/EV-3")
                .setAction("LOAN_EVENT_RECORDED").build()).getEventsList()).hasSize(2);
    }

    @Test
    void badEventsNameTheirFieldAndStoreNothing() {
        load(client, List.of(retail("EV-4", ORIGINATION, "1000.00")));
        LoanRiskServiceBlockingStub maker = officer("maker-1");
        maker.recordLoanEvent(record(disbursement("EV-4-D", "EV-4", day(1, 10), "1000.00")));
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);

        assertThatThrownBy(() -> maker.recordLoanEvent(record(repayment("X-1", "NO-SUCH-LOAN", day(2, 1), "1.00"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertInvalid(repayment("X-2", "EV-4", day(2, 1), "0"), "event.amount.amount", "must be positive");
        assertInvalid(repayment("X-3", "EV-4", day(2, 1), "-5.00"), "event.amount.amount", "must be positive");
        // 1,000.00 on the books: 1,000.01 would leave -0.01.
        assertInvalid(repayment("X-4", "EV-4", day(2, 1), "1000.01"), "event.amount.amount",
                "a REPAYMENT above the balance: loan EV-4's event balance on 2026-02-01 would be -0.01");
        assertInvalid(writeOff("X-5", "EV-4", day(2, 1), "1000.01"), "event.amount.amount",
                "a WRITE_OFF above the balance: loan EV-4's event balance on 2026-02-01 would be -0.01");
        // Before the disbursement of 2026-01-10 the balance is 0.
        assertInvalid(repayment("X-6", "EV-4", day(1, 9), "10.00"), "event.amount.amount",
                "a REPAYMENT above the balance: loan EV-4's event balance on 2026-01-09 would be -10.00");
        assertInvalid(recovery("X-7", "EV-4", day(2, 1), "10.00"), "event.kind",
                "a RECOVERY needs a booked (approved) write-off of the loan on or before 2026-02-01");
        assertInvalid(repayment("X-8", "EV-4", ORIGINATION.minusDays(1), "10.00"), "event.effective_date",
                "is before the loan's origination date 2022-01-01");
        assertInvalid(repayment("X-9", "EV-4", tomorrow, "10.00"), "event.effective_date", null);
        assertInvalid(repayment("X-10", "EV-4", day(2, 1), "10.00").setAmount(money("10.00", "USD")), "event.amount.currency_code",
                "must be the loan's currency CNY");
        assertInvalid(repayment("X-11", "EV-4", day(2, 1), "10.00").setAmount(money("10.00", "XYZ")), "event.amount.currency_code",
                null);
        assertInvalid(event("X-12", "EV-4", LoanEventKind.LOAN_EVENT_KIND_TRANSFER, day(2, 1), "10.00"), "event.transfer", null);
        assertInvalid(repayment("X-13", "EV-4", day(2, 1), "10.00").setWriteOff(WriteOffDetails.newBuilder().setApprovalReference("A")),
                "event.write_off", null);
        assertInvalid(transfer("X-14", "EV-4", day(2, 1), "10.00", "5.00").setTransfer(TransferDetails.newBuilder()
                .setPrice(money("5.00", "USD"))), "event.transfer.price.currency_code", null);
        assertInvalid(repayment("X-15", "EV-4", day(2, 1), "10.001"), "event.amount.amount", null);

        ListLoanEventsResponse events = list("EV-4");
        assertThat(events.getEventsList()).extracting(LoanEvent::getEventId).containsExactly("EV-4-D");
        assertThat(events.getBalance().getAmount()).isEqualTo("1000.00");
    }

    @Test
    void aWriteOffNeedsASecondPersonAndReservesItsAmountMeanwhile() {
        load(client, List.of(retail("EV-5", ORIGINATION, "1000.00")));
        LoanRiskServiceBlockingStub maker = officer("maker-5");
        maker.recordLoanEvent(record(disbursement("EV-5-D", "EV-5", day(1, 10), "1000.00")));
        maker.recordLoanEvent(record(writeOff("EV-5-W", "EV-5", day(3, 31), "600.00")));

        // The maker cannot decide their own proposal, whatever roles they hold or however they spell their login.
        for (String self : List.of("maker-5", "MAKER-5", "Maker-5")) {
            assertFailedPrecondition(() -> approver(self).approveWriteOff(decide("EV-5-W")), "SAME_PERSON", null);
            assertFailedPrecondition(() -> approver(self).rejectWriteOff(decide("EV-5-W")), "SAME_PERSON", null);
        }
        assertFailedPrecondition(() -> TestBook.as(loanRisk, "maker-5", Roles.RISK_OFFICER, Roles.RISK_APPROVER)
                .approveWriteOff(decide("EV-5-W")), "SAME_PERSON", "write-off EV-5-W was made by maker-5; a different person must decide it");
        // One pending write-off per loan.
        assertFailedPrecondition(() -> maker.recordLoanEvent(record(writeOff("EV-5-W2", "EV-5", day(4, 1), "10.00"))),
                "WRITE_OFF_PENDING", "loan EV-5 already has a pending write-off (EV-5-W); it must be decided first");
        // The pending 600.00 is reserved: 1,000.00 - 600.00 = 400.00 left to repay, so 400.01 is refused.
        assertInvalid(repayment("EV-5-R", "EV-5", day(4, 1), "400.01"), "event.amount.amount",
                "a REPAYMENT above the balance: loan EV-5's event balance on 2026-04-01 would be -0.01");
        assertThat(auditor().listPendingWriteOffs(ListPendingWriteOffsRequest.getDefaultInstance()).getWriteOffsList())
                .extracting(LoanEvent::getEventId).contains("EV-5-W");
        assertFailedPrecondition(() -> approver("checker-5").approveWriteOff(decide("EV-5-D")), "NOT_A_WRITE_OFF", null);

        LoanEvent rejected = approver("checker-5").rejectWriteOff(decide("EV-5-W"));
        assertThat(rejected.getStatus()).isEqualTo(LoanEventStatus.LOAN_EVENT_STATUS_REJECTED);
        assertThat(rejected.getDecisionComment()).isEqualTo("recovery still under way");
        assertFailedPrecondition(() -> approver("checker-6").approveWriteOff(decide("EV-5-W")), "ALREADY_DECIDED",
                "write-off EV-5-W was already REJECTED by checker-5");
        // Rejected: nothing written off, the whole 1,000.00 on balance again.
        ListLoanEventsResponse events = list("EV-5");
        assertThat(events.getBalance().getAmount()).isEqualTo("1000.00");
        assertThat(events.getWrittenOff().getAmount()).isEqualTo("0.00");
        assertThat(auditor().listPendingWriteOffs(ListPendingWriteOffsRequest.getDefaultInstance()).getWriteOffsList())
                .extracting(LoanEvent::getEventId).doesNotContain("EV-5-W");

        // Maker and checker, each with their reason.
        assertThat(auditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/EV-5").build()).getEventsList())
                .extracting(AuditEvent::getAction, AuditEvent::getActor, AuditEvent::getReason)
                .containsExactly(tuple("WRITE_OFF_REJECTED", "checker-5", "recovery still under way"),
                        tuple("WRITE_OFF_PROPOSED", "maker-5", REASON), tuple("LOAN_EVENT_RECORDED", "maker-5", REASON));
    }

    static LocalDate day(int month, int dayOfMonth) {
        return LocalDate.of(2026, month, dayOfMonth);
    }

    private void assertInvalid(LoanEvent.Builder event, String field, String description) {
        assertThatThrownBy(() -> officer("maker-1").recordLoanEvent(record(event)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).as(field).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).as(e.getStatus().getDescription()).containsKey(field);
                    if (description != null) {
                        assertThat(StatusDetails.fieldViolations(e).get(field)).isEqualTo(description);
                    }
                });
    }

    private ListLoanEventsResponse list(String loanId) {
        return auditor().listLoanEvents(ListLoanEventsRequest.newBuilder().setLoanId(loanId).build());
    }

    static DecideWriteOffRequest decide(String eventId) {
        return DecideWriteOffRequest.newBuilder().setEventId(eventId).setComment("recovery still under way").build();
    }

    /** An officer stating {@link #REASON} for every change. */
    private LoanRiskServiceBlockingStub officer(String subject) {
        Metadata headers = TestTokens.headers(subject, Roles.RISK_OFFICER);
        headers.put(Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER), URLEncoder.encode(REASON, StandardCharsets.UTF_8));
        return GrpcClientUtils.attachHeaders(loanRisk, headers);
    }

    private LoanRiskServiceBlockingStub approver(String subject) {
        return TestBook.as(loanRisk, subject, Roles.RISK_APPROVER);
    }

    private LoanRiskServiceBlockingStub auditor() {
        return TestBook.as(loanRisk, "auditor-1", Roles.AUDITOR);
    }
}
