package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.EventsTestBook.disbursement;
import static bankrisk.loanrisk.grpc.EventsTestBook.money;
import static bankrisk.loanrisk.grpc.EventsTestBook.record;
import static bankrisk.loanrisk.grpc.EventsTestBook.recovery;
import static bankrisk.loanrisk.grpc.EventsTestBook.repayment;
import static bankrisk.loanrisk.grpc.EventsTestBook.transfer;
import static bankrisk.loanrisk.grpc.EventsTestBook.writeOff;
import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Money;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanFlow;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.PeriodFlows;
import bank.loanrisk.v1.ReconcileSnapshotsRequest;
import bank.loanrisk.v1.ReconciliationBreak;
import bank.loanrisk.v1.SnapshotFlowBatch;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bank.loanrisk.v1.StreamSnapshotFlowsRequest;
import bankrisk.common.security.Roles;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * StreamSnapshotFlows between the month-ends 2025-09-30 and 2025-10-31 (dates no other test classifies; events can
 * only be dated up to today): a loan repaid whole, one written off (proposed by one officer, approved by another) and
 * partly recovered, one transferred, one new in October and one whose facts feed shows a repayment its events feed
 * lacks. The test book's page size is 5, so the whole book spans many pages.
 */
@QuarkusTest
class SnapshotFlowsGrpcTest {

    static final LocalDate SEPTEMBER = LocalDate.of(2025, 9, 30);
    static final LocalDate OCTOBER = LocalDate.of(2025, 10, 31);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @GrpcClient("loanrisk")
    SnapshotServiceBlockingStub snapshotService;

    @BeforeEach
    void authenticate() {
        client = TestBook.asOfficer(client);
    }

    @Test
    void everyLoanOfEitherSnapshotWithItsFlowsAndTheBreaksAreTheSameRows() {
        LoanRiskServiceBlockingStub officer = TestBook.asOfficer(loanRisk);
        load(client, List.of(retail("SF-1", SEPTEMBER, "1000.00"), retail("SF-2", SEPTEMBER, "800.00"),
                retail("SF-3", SEPTEMBER, "600.00"), retail("SF-5", SEPTEMBER, "1000.00")));
        officer.recordLoanEvent(record(disbursement("SF-1-D", "SF-1", day(9, 2), "1000.00")));
        officer.recordLoanEvent(record(disbursement("SF-2-D", "SF-2", day(9, 2), "800.00")));
        officer.recordLoanEvent(record(disbursement("SF-3-D", "SF-3", day(9, 2), "600.00")));
        officer.recordLoanEvent(record(disbursement("SF-5-D", "SF-5", day(9, 2), "1000.00")));
        String september = snapshotId(classify(client, SEPTEMBER, ReconciliationGrpcTest.CLASSIFY_TIMEOUT));

        // SF-1 repaid whole: 0.00 − (1,000.00 − 1,000.00) = 0.00; gone from October's book.
        officer.recordLoanEvent(record(repayment("SF-1-R", "SF-1", day(10, 10), "1000.00")));
        // SF-2 written off whole (one officer proposes, a checker approves), then 150.00 recovered: off the book,
        // the written-off claim 800.00 − 150.00 = 650.00 > 0 remains; 0.00 − (800.00 − 800.00) = 0.00.
        officer.recordLoanEvent(record(writeOff("SF-2-W", "SF-2", day(10, 15), "800.00")));
        TestBook.as(loanRisk, "checker-sf", Roles.RISK_APPROVER).approveWriteOff(DecideWriteOffRequest.newBuilder()
                .setEventId("SF-2-W").setComment("collection exhausted").build());
        officer.recordLoanEvent(record(recovery("SF-2-C", "SF-2", day(10, 20), "150.00")));
        // SF-3 sold whole for 400.00: 0.00 − (600.00 − 600.00) = 0.00.
        officer.recordLoanEvent(record(transfer("SF-3-T", "SF-3", day(10, 12), "600.00", "400.00")));
        // SF-4 new in October, drawn 2,000.00: 2,000.00 − (0.00 + 2,000.00) = 0.00.
        load(client, List.of(retail("SF-4", OCTOBER, "2000.00")));
        officer.recordLoanEvent(record(disbursement("SF-4-D", "SF-4", day(10, 5), "2000.00")));
        // SF-5: its facts say 700.00, its events only 200.00 repaid: 700.00 − (1,000.00 − 200.00) = −100.00.
        officer.recordLoanEvent(record(repayment("SF-5-R", "SF-5", day(10, 8), "200.00")));
        load(client, List.of(facts("SF-1", OCTOBER, "0"), facts("SF-2", OCTOBER, "0"), facts("SF-3", OCTOBER, "0"),
                facts("SF-5", OCTOBER, "700.00")));
        String october = snapshotId(classify(client, OCTOBER, ReconciliationGrpcTest.CLASSIFY_TIMEOUT));

        List<LoanFlow> all = stream(TestBook.as(snapshotService, "provision-service", Roles.SERVICE), september, october);
        // Every loan once, in loan-id order, across the pages of 5.
        List<String> ids = all.stream().map(LoanFlow::getLoanId).toList();
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
        Map<String, LoanFlow> mine = all.stream().filter(f -> f.getLoanId().startsWith("SF-"))
                .collect(Collectors.toMap(LoanFlow::getLoanId, Function.identity()));
        assertThat(mine).containsOnlyKeys("SF-1", "SF-2", "SF-3", "SF-4", "SF-5");

        assertThat(mine.get("SF-1")).isEqualTo(expected("SF-1", LoanCategory.LOAN_CATEGORY_NORMAL,
                LoanCategory.LOAN_CATEGORY_UNSPECIFIED, "1000.00", "0.00", flows().setRepaid(cny("1000.00")), false, "0.00"));
        assertThat(mine.get("SF-2")).isEqualTo(expected("SF-2", LoanCategory.LOAN_CATEGORY_NORMAL,
                LoanCategory.LOAN_CATEGORY_UNSPECIFIED, "800.00", "0.00",
                flows().setWrittenOff(cny("800.00")).setRecovered(cny("150.00")), true, "0.00"));
        assertThat(mine.get("SF-3")).isEqualTo(expected("SF-3", LoanCategory.LOAN_CATEGORY_NORMAL,
                LoanCategory.LOAN_CATEGORY_UNSPECIFIED, "600.00", "0.00",
                flows().setTransferred(cny("600.00")).setTransferPrice(cny("400.00")), false, "0.00"));
        assertThat(mine.get("SF-4")).isEqualTo(expected("SF-4", LoanCategory.LOAN_CATEGORY_UNSPECIFIED,
                LoanCategory.LOAN_CATEGORY_NORMAL, "0.00", "2000.00", flows().setDisbursed(cny("2000.00")), false, "0.00"));
        assertThat(mine.get("SF-5")).isEqualTo(expected("SF-5", LoanCategory.LOAN_CATEGORY_NORMAL,
                LoanCategory.LOAN_CATEGORY_NORMAL, "1000.00", "700.00", flows().setRepaid(cny("200.00")), false, "-100.00"));

        // ReconcileSnapshots is the same rows filtered to a non-zero difference: of these loans only SF-5.
        List<ReconciliationBreak> breaks = TestBook.as(loanRisk, "auditor-sf", Roles.AUDITOR).reconcileSnapshots(
                ReconcileSnapshotsRequest.newBuilder().setFromSnapshotId(september).setToSnapshotId(october)
                        .setPage(bank.common.v1.PageRequest.newBuilder().setPageSize(1000)).build()).getBreaksList();
        assertThat(breaks.stream().map(ReconciliationBreak::getLoanId).toList())
                .isEqualTo(all.stream().filter(f -> !f.getUnexplainedDifference().getAmount().equals("0.00"))
                        .map(LoanFlow::getLoanId).toList());
        assertThat(breaks).filteredOn(b -> b.getLoanId().startsWith("SF-")).singleElement()
                .satisfies(b -> assertThat(b.getDifference()).isEqualTo(money("-100.00", "CNY")));
    }

    @Test
    void anUnknownSnapshotIsNotFoundAndAReversedOrEmptyPairIsInvalid() {
        SnapshotServiceBlockingStub service = TestBook.as(snapshotService, "provision-service", Roles.SERVICE);
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> stream(service, unknown, unknown)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).contains(unknown);
        });
        assertThatThrownBy(() -> stream(service, "", unknown)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("from_snapshot_id");
        });
        String july = snapshotId(classify(client, LocalDate.of(2025, 7, 31), ReconciliationGrpcTest.CLASSIFY_TIMEOUT));
        assertThatThrownBy(() -> stream(service, july, july)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("to_snapshot_id");
        });
    }

    static List<LoanFlow> stream(SnapshotServiceBlockingStub service, String from, String to) {
        List<LoanFlow> loans = new ArrayList<>();
        service.streamSnapshotFlows(StreamSnapshotFlowsRequest.newBuilder().setFromSnapshotId(from).setToSnapshotId(to).build())
                .forEachRemaining((SnapshotFlowBatch batch) -> {
                    assertThat(batch.getLoansCount()).isPositive();
                    loans.addAll(batch.getLoansList());
                });
        return loans;
    }

    /** A loan of this test (retail, borrower P-id, as TestBook registers it) in CNY at rate 1. */
    private static LoanFlow expected(String loanId, LoanCategory from, LoanCategory to, String opening, String closing,
            PeriodFlows.Builder flows, boolean writtenOff, String unexplained) {
        return LoanFlow.newBuilder()
                .setLoanId(loanId)
                .setBorrowerCustomerNumber("P-" + loanId)
                .setBorrowerKind(bank.loanrisk.v1.BorrowerKind.BORROWER_KIND_RETAIL)
                .setProduct(TestBook.loan(loanId, "P-" + loanId, bank.loanrisk.v1.BorrowerKind.BORROWER_KIND_RETAIL).getProduct())
                .setBranchCode(TestBook.loan(loanId, "P-" + loanId, bank.loanrisk.v1.BorrowerKind.BORROWER_KIND_RETAIL).getBranchCode())
                .setOriginalCurrencyCode("CNY")
                .setFromCategory(from)
                .setToCategory(to)
                .setOpeningOriginalBalance(cny(opening))
                .setOpeningBalance(cny(opening))
                .setClosingOriginalBalance(cny(closing))
                .setClosingBalance(cny(closing))
                .setFlows(flows)
                .setFlowsReporting(flows)
                .setWrittenOff(writtenOff)
                .setUnexplainedDifference(cny(unexplained))
                .build();
    }

    private static PeriodFlows.Builder flows() {
        Money zero = cny("0.00");
        return PeriodFlows.newBuilder().setDisbursed(zero).setRepaid(zero).setWrittenOff(zero).setRecovered(zero)
                .setTransferred(zero).setTransferPrice(zero).setForeclosed(zero).setForeclosedAssetValue(zero);
    }

    private static Money cny(String amount) {
        return money(amount, "CNY");
    }

    private static LocalDate day(int month, int dayOfMonth) {
        return LocalDate.of(2025, month, dayOfMonth);
    }

    private static String snapshotId(List<ClassificationProgress> run) {
        return run.get(run.size() - 1).getSnapshot().getSnapshotId();
    }
}
