package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.EventsTestBook.disbursement;
import static bankrisk.loanrisk.grpc.EventsTestBook.money;
import static bankrisk.loanrisk.grpc.EventsTestBook.repayment;
import static bankrisk.loanrisk.grpc.EventsTestBook.writeOff;
import static bankrisk.loanrisk.grpc.LoanEventGrpcTest.day;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.ListLoanEventsRequest;
import bank.loanrisk.v1.LoadLoanEventsBatch;
import bank.loanrisk.v1.LoadLoanEventsResponse;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/** LoadLoanEvents: the nightly feed, many events per message, all or nothing, errors by row index across the stream. */
@QuarkusTest
class EventsLoadGrpcTest {

    static final LocalDate ORIGINATION = LocalDate.of(2022, 1, 1);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @BeforeEach
    void authenticate() {
        client = TestBook.asOfficer(client);
    }

    @Test
    void aFeedIsStoredWholeAndARetriedFeedCountsOnce() {
        load(client, List.of(retail("EL-1", ORIGINATION, "1.00"), retail("EL-2", ORIGINATION, "1.00")));
        // In row order the repayment comes before the draw it repays; balances are judged by date.
        List<LoanEvent.Builder> feed = List.of(
                repayment("EL-1-R", "EL-1", day(2, 1), "250.00"),
                disbursement("EL-1-D", "EL-1", day(1, 3), "1000.00"),
                disbursement("EL-2-D", "EL-2", day(1, 4), "500.00"),
                writeOff("EL-2-W", "EL-2", day(3, 31), "500.00"),
                repayment("EL-1-R2", "EL-1", day(3, 1), "750.00"));

        LoadLoanEventsResponse stored = send(feed, 2);
        assertThat(stored.getEventsReceived()).isEqualTo(5);
        assertThat(stored.getEventsRecorded()).isEqualTo(5);
        assertThat(stored.getEventsUnchanged()).isZero();
        assertThat(stored.getWriteOffsProposed()).isEqualTo(1);
        // EL-1: 1,000.00 - 250.00 - 750.00 = 0.00; EL-2: 500.00 (its write-off waits for a checker).
        assertThat(balance("EL-1")).isEqualTo("0.00");
        assertThat(balance("EL-2")).isEqualTo("500.00");

        LoadLoanEventsResponse retried = send(feed, 3);
        assertThat(retried.getEventsRecorded()).isZero();
        assertThat(retried.getEventsUnchanged()).isEqualTo(5);
        assertThat(balance("EL-1")).isEqualTo("0.00");
    }

    @Test
    void oneBadRowStoresNoneAndEveryBadRowIsNamedByItsIndexAcrossTheStream() {
        load(client, List.of(retail("EL-3", ORIGINATION, "1.00")));
        List<LoanEvent.Builder> feed = new ArrayList<>(List.of(
                disbursement("EL-3-D", "EL-3", day(1, 3), "1000.00"),
                repayment("EL-3-R", "EL-3", day(2, 1), "0"),
                repayment("EL-3-R2", "EL-3", day(2, 2), "1.00").setAmount(money("1.00", "XYZ")),
                disbursement("EL-3-D2", "EL-3", day(2, 3), "1.00")));
        assertInvalid(feed, 3, "events[1].amount.amount", "events[2].amount.currency_code");
        assertThat(events("EL-3")).isEmpty();

        // Rows valid on their own, wrong against the loan: named after the merge found them, still nothing stored.
        assertInvalid(List.of(disbursement("EL-3-D", "EL-3", day(1, 3), "1000.00"),
                repayment("EL-3-R", "EL-3", day(2, 1), "1000.01"),
                repayment("EL-3-X", "NO-SUCH-LOAN", day(2, 1), "1.00")), 2, "events[2].loan_id");
        assertInvalid(List.of(disbursement("EL-3-D", "EL-3", day(1, 3), "1000.00"),
                repayment("EL-3-R", "EL-3", day(2, 1), "1000.01")), 1, "events[1].amount.amount");
        assertInvalid(List.of(disbursement("EL-3-D", "EL-3", day(1, 3), "1000.00"),
                disbursement("EL-3-D", "EL-3", day(1, 3), "1000.01")), 1, "events[1].event_id");
        assertThat(events("EL-3")).isEmpty();

        // A second pending write-off of one loan in the same feed.
        assertThatThrownBy(() -> send(List.of(disbursement("EL-3-D", "EL-3", day(1, 3), "1000.00"),
                writeOff("EL-3-W1", "EL-3", day(3, 1), "10.00"), writeOff("EL-3-W2", "EL-3", day(3, 2), "10.00")), 3))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo(
                            "events[2]: loan EL-3 already has a pending write-off (EL-3-W1); it must be decided first");
                });
        assertThat(events("EL-3")).isEmpty();
    }

    private void assertInvalid(List<LoanEvent.Builder> feed, int perBatch, String... fields) {
        assertThatThrownBy(() -> send(feed, perBatch)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(StatusDetails.fieldViolations(e).keySet()).as(e.getStatus().getDescription()).containsExactly(fields);
        });
    }

    private LoadLoanEventsResponse send(List<LoanEvent.Builder> events, int perBatch) {
        List<LoadLoanEventsBatch> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += perBatch) {
            LoadLoanEventsBatch.Builder batch = LoadLoanEventsBatch.newBuilder();
            events.subList(from, Math.min(events.size(), from + perBatch)).forEach(batch::addEvents);
            batches.add(batch.build());
        }
        return client.loadLoanEvents(Multi.createFrom().iterable(batches)).await().atMost(TestBook.TIMEOUT);
    }

    private List<LoanEvent> events(String loanId) {
        return TestBook.as(loanRisk, "auditor-1", Roles.AUDITOR).listLoanEvents(ListLoanEventsRequest.newBuilder().setLoanId(loanId)
                .build()).getEventsList();
    }

    private String balance(String loanId) {
        return TestBook.as(loanRisk, "auditor-1", Roles.AUDITOR).listLoanEvents(ListLoanEventsRequest.newBuilder().setLoanId(loanId)
                .build()).getBalance().getAmount();
    }
}
