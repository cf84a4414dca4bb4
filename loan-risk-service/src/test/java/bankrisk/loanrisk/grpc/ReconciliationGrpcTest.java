package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.EventsTestBook.disbursement;
import static bankrisk.loanrisk.grpc.EventsTestBook.money;
import static bankrisk.loanrisk.grpc.EventsTestBook.record;
import static bankrisk.loanrisk.grpc.EventsTestBook.repayment;
import static bankrisk.loanrisk.grpc.EventsTestBook.writeOff;
import static bankrisk.loanrisk.grpc.LoanEventGrpcTest.day;
import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.GetSnapshotSummaryRequest;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.ReconcileSnapshotsRequest;
import bank.loanrisk.v1.Reconciliation;
import bank.loanrisk.v1.ReconciliationBreak;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bank.loanrisk.v1.SnapshotSummary;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * ReconcileSnapshots between the month-ends 2026-05-31 and 2026-06-30 (dates no other test classifies): four loans
 * whose facts and events agree, and one whose facts feed shows a repayment its events feed lacks.
 */
@QuarkusTest
class ReconciliationGrpcTest {

    static final LocalDate MAY = LocalDate.of(2026, 5, 31);
    static final LocalDate JUNE = LocalDate.of(2026, 6, 30);

    /** The whole book of the suite is graded on these dates. */
    static final Duration CLASSIFY_TIMEOUT = Duration.ofMinutes(3);

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
    void onlyTheLoanWhoseFeedMissesARepaymentIsListedWithTheRightDifference() {
        LoanRiskServiceBlockingStub officer = TestBook.asOfficer(loanRisk);
        load(client, List.of(retail("RC-1", MAY, "1000.00"), retail("RC-2", MAY, "1000.00"), retail("RC-3", MAY, "500.00")));
        officer.recordLoanEvent(record(disbursement("RC-1-D", "RC-1", day(1, 2), "1000.00")));
        officer.recordLoanEvent(record(disbursement("RC-2-D", "RC-2", day(1, 2), "1000.00")));
        officer.recordLoanEvent(record(disbursement("RC-3-D", "RC-3", day(1, 2), "500.00")));
        String may = snapshotId(classify(client, MAY, CLASSIFY_TIMEOUT));

        // RC-1: 1,000.00 - 200.00 repaid = 800.00, as its facts say.
        officer.recordLoanEvent(record(repayment("RC-1-R", "RC-1", day(6, 10), "200.00")));
        // RC-2: its facts say 600.00 but the events feed has only 300.00 repaid: 600.00 - (1,000.00 - 300.00) = -100.00.
        officer.recordLoanEvent(record(repayment("RC-2-R", "RC-2", day(6, 12), "300.00")));
        // RC-3: written off whole (approved), gone from the book: 0.00 - (500.00 - 500.00) = 0.
        officer.recordLoanEvent(record(writeOff("RC-3-W", "RC-3", day(6, 15), "500.00")));
        TestBook.as(loanRisk, "checker-9", Roles.RISK_APPROVER).approveWriteOff(DecideWriteOffRequest.newBuilder().setEventId("RC-3-W")
                .setComment("board decision").build());
        // RC-4: new in June, drawn 2,000.00: 2,000.00 - (0 + 2,000.00) = 0.
        load(client, List.of(retail("RC-4", JUNE, "2000.00")));
        officer.recordLoanEvent(record(disbursement("RC-4-D", "RC-4", day(6, 5), "2000.00")));
        load(client, List.of(facts("RC-1", JUNE, "800.00"), facts("RC-2", JUNE, "600.00"), facts("RC-3", JUNE, "0")));
        String june = snapshotId(classify(client, JUNE, CLASSIFY_TIMEOUT));

        Reconciliation reconciliation = auditor().reconcileSnapshots(ReconcileSnapshotsRequest.newBuilder()
                .setFromSnapshotId(may).setToSnapshotId(june).build());
        assertThat(reconciliation.getPage().getTotalSize()).isEqualTo(1);
        assertThat(reconciliation.getBreaksList()).containsExactly(ReconciliationBreak.newBuilder()
                .setLoanId("RC-2")
                .setOpeningBalance(money("1000.00", "CNY"))
                .setDisbursed(money("0.00", "CNY"))
                .setRepaid(money("300.00", "CNY"))
                .setWrittenOff(money("0.00", "CNY"))
                .setTransferred(money("0.00", "CNY"))
                .setForeclosed(money("0.00", "CNY"))
                .setClosingBalance(money("600.00", "CNY"))
                .setDifference(money("-100.00", "CNY"))
                .build());

        // What provisioning reads: each loan's flows since the previous snapshot (May), in its own currency and in CNY.
        List<SnapshotGrade> grades = TestBook.streamGrades(TestBook.as(snapshotService, "provision-service", Roles.SERVICE), june);
        assertThat(grades).filteredOn(g -> g.getLoanId().equals("RC-1")).singleElement().satisfies(g -> {
            assertThat(g.getPreviousSnapshotId()).isEqualTo(may);
            assertThat(g.getOriginalCurrencyCode()).isEqualTo("CNY");
            assertThat(g.getOriginalBalance()).isEqualTo(money("800.00", "CNY"));
            assertThat(g.getFxRate().getValue()).isEqualTo("1.00000000");
            assertThat(g.getPeriodFlows().getRepaid()).isEqualTo(money("200.00", "CNY"));
            assertThat(g.getPeriodFlows().getDisbursed()).isEqualTo(money("0.00", "CNY")); // drawn 2026-01-02, before May
            assertThat(g.getPeriodFlowsReporting()).isEqualTo(g.getPeriodFlows());
        });
        assertThat(grades).filteredOn(g -> g.getLoanId().equals("RC-4")).singleElement()
                .satisfies(g -> assertThat(g.getPeriodFlows().getDisbursed()).isEqualTo(money("2000.00", "CNY")));
        // The May stream counts from the snapshot before it (2025 at the latest in this suite): RC-1's draw of 2026-01-02 is in it.
        List<SnapshotGrade> mayGrades = TestBook.streamGrades(TestBook.as(snapshotService, "provision-service", Roles.SERVICE), may);
        assertThat(mayGrades).filteredOn(g -> g.getLoanId().equals("RC-1")).singleElement()
                .satisfies(g -> assertThat(g.getPeriodFlows().getDisbursed()).isEqualTo(money("1000.00", "CNY")));

        SnapshotSummary summary = auditor().getSnapshotSummary(GetSnapshotSummaryRequest.newBuilder().setSnapshotId(june).build());
        assertThat(summary.getPreviousSnapshotId()).isEqualTo(may);
        assertThat(summary.getUnreconciledLoanCount()).isEqualTo(1);

        // The same list as CSV for data-quality staff, 401 without a token, 403 for another service, 404 for no snapshot.
        String csv = RestAssured.given().header("Authorization", TestTokens.authorizationHeader("dq-1", Roles.AUDITOR))
                .get("/loan-risk/reconciliations/" + may + "/" + june + ".csv").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"reconciliation-2026-05-31-2026-06-30.csv\"")
                .extract().asString();
        assertThat(csv).isEqualTo("loan_id,currency,opening_balance,disbursed,repaid,written_off,transferred,foreclosed,"
                + "closing_balance,difference\r\nRC-2,CNY,1000.00,0.00,300.00,0.00,0.00,0.00,600.00,-100.00\r\n");
        RestAssured.given().get("/loan-risk/reconciliations/" + may + "/" + june + ".csv").then().statusCode(401);
        RestAssured.given().header("Authorization", TestTokens.authorizationHeader("svc", Roles.SERVICE))
                .get("/loan-risk/reconciliations/" + may + "/" + june + ".csv").then().statusCode(403);
        RestAssured.given().header("Authorization", TestTokens.authorizationHeader("dq-1", Roles.AUDITOR))
                .get("/loan-risk/reconciliations/" + may + "/00000000-0000-0000-0000-000000000000.csv").then().statusCode(404);
        RestAssured.given().header("Authorization", TestTokens.authorizationHeader("dq-1", Roles.AUDITOR))
                .get("/loan-risk/reconciliations/" + june + "/" + may + ".csv").then().statusCode(400);

        assertThatThrownBy(() -> auditor().reconcileSnapshots(ReconcileSnapshotsRequest.newBuilder()
                .setFromSnapshotId(june).setToSnapshotId(may).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static String snapshotId(List<ClassificationProgress> run) {
        return run.get(run.size() - 1).getSnapshot().getSnapshotId();
    }

    private LoanRiskServiceBlockingStub auditor() {
        return TestBook.as(loanRisk, "auditor-1", Roles.AUDITOR);
    }
}
