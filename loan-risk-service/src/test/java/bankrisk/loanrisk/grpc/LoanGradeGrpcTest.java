package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.company;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanGrade;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.RuleFloor;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GetLoanGrade's two paths with exact answers: the stored row of the snapshot of the date asked about (which the
 * book, changed since, no longer matches), and a grade computed now. Dated 2034, after every other test class's
 * facts and runs, so that their snapshots never hold these loans.
 */
@QuarkusTest
class LoanGradeGrpcTest {

    static final LocalDate MARCH = LocalDate.of(2034, 3, 31);
    static final LocalDate JUNE = LocalDate.of(2034, 6, 30);
    private static boolean loaded;

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @GrpcClient("loanrisk")
    SnapshotServiceBlockingStub snapshotService;

    @BeforeEach
    void gradeMarchThenChangeTheBook() {
        client = TestBook.asOfficer(client);
        loanRisk = TestBook.asOfficer(loanRisk);
        snapshotService = TestBook.asOfficer(snapshotService);
        if (loaded) {
            return;
        }
        // March: GD-1 is 100 days overdue, 2/3 of company GD's claims are non-performing (contagion to GD-2);
        // GR-1 (retail) is 95 days overdue.
        load(client, List.of(
                company("GD-1", "GD", MARCH, "100000.00").setDaysPastDuePrincipal(100),
                company("GD-2", "GD", MARCH, "50000.00"),
                retail("GR-1", MARCH, "20000.00").setDaysPastDuePrincipal(95),
                retail("GR-0", MARCH, "0.00")));
        classify(client, MARCH);
        // After the March snapshot: a large performing loan of GD dated before March (so the March book now has GD
        // under the contagion threshold), and June facts of GR-1, repaid but not long enough to be upgraded.
        load(client, List.of(
                company("GD-3", "GD", LocalDate.of(2034, 3, 1), "10000000.00"),
                facts("GR-1", JUNE, "19000.00").setArrearsClearedOn(Dates.toDate(LocalDate.of(2034, 5, 1)))
                        .setConsecutiveOnTimePeriods(1)));
        loaded = true;
    }

    @Test
    void aSnapshotOfTheDateAnswersWithItsStoredRowAndTheFloorsOfTheBookNow() {
        String march = snapshotService.getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(MARCH)).build())
                .getSnapshotId();

        LoanGrade contagion = grade("GD-2", MARCH);
        assertThat(contagion.getSnapshotId()).isEqualTo(march);
        assertThat(contagion.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(contagion.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(contagion.getReasonCodesList()).containsExactly("DEBTOR_CONTAGION_OVER_10PCT");
        assertThat(contagion.getRuleSetVersion()).isEqualTo("CN-2023");
        assertThat(contagion.getFactsAsOf()).isEqualTo(Dates.toDate(MARCH));
        assertThat(contagion.getFloorsList()).isEmpty(); // GD-3 has since diluted GD's non-performing share

        LoanGrade overdue = grade("GD-1", MARCH);
        assertThat(overdue.getSnapshotId()).isEqualTo(march);
        assertThat(overdue.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(overdue.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(overdue.getReasonCodesList()).containsExactly("DEBTOR_CONTAGION_OVER_10PCT", "DPD_OVER_90");
        assertThat(overdue.getFloorsList()).extracting(RuleFloor::getReasonCode, RuleFloor::getFloor).containsExactly(
                tuple("DPD_OVER_90", LoanCategory.LOAN_CATEGORY_SUBSTANDARD),
                tuple("DPD_OVER_0", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION));
        assertThat(overdue.getFloors(0).getSource()).contains("more than 90 days");
    }

    @Test
    void aLoanTheSnapshotOfTheDateDoesNotHoldIsComputedFromItsBorrowersBook() {
        LoanGrade late = grade("GD-3", MARCH);

        assertThat(late.getSnapshotId()).isEmpty();
        assertThat(late.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        assertThat(late.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        assertThat(late.getReasonCodesList()).isEmpty();
        assertThat(late.getFloorsList()).isEmpty();
        assertThat(late.getFactsAsOf()).isEqualTo(Dates.toDate(LocalDate.of(2034, 3, 1)));
        assertThat(late.getRuleSetVersion()).isEqualTo("CN-2023");
    }

    @Test
    void withoutASnapshotOfTheDateTheGradeIsComputedWithThePreviousSnapshotsGrades() {
        LoanGrade held = grade("GR-1", JUNE);

        assertThat(held.getSnapshotId()).isEmpty();
        assertThat(held.getAsOf()).isEqualTo(Dates.toDate(JUNE));
        assertThat(held.getFactsAsOf()).isEqualTo(Dates.toDate(JUNE));
        assertThat(held.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(held.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        assertThat(held.getReasonCodesList()).containsExactly("UPGRADE_NOT_YET_ALLOWED");
        assertThat(held.getFloorsList()).extracting(RuleFloor::getReasonCode, RuleFloor::getFloor, RuleFloor::getSource)
                .containsExactly(tuple("UPGRADE_NOT_YET_ALLOWED", LoanCategory.LOAN_CATEGORY_SUBSTANDARD,
                        "upgrade discipline of rule set CN-2023"));

        LoanGrade stillOverdue = grade("GD-1", JUNE); // March facts; GD is now under the contagion threshold
        assertThat(stillOverdue.getSnapshotId()).isEmpty();
        assertThat(stillOverdue.getFactsAsOf()).isEqualTo(Dates.toDate(MARCH));
        assertThat(stillOverdue.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(stillOverdue.getReasonCodesList()).containsExactly("DPD_OVER_90");
        assertThat(stillOverdue.getFloorsList()).extracting(RuleFloor::getReasonCode)
                .containsExactly("DPD_OVER_90", "DPD_OVER_0");
        LoanGrade noLongerContagious = grade("GD-2", JUNE); // its rules allow Normal; March made it non-performing
        assertThat(noLongerContagious.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(noLongerContagious.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        assertThat(noLongerContagious.getReasonCodesList()).containsExactly("UPGRADE_NOT_YET_ALLOWED");
    }

    @Test
    void anUnknownLoanThenAMissingRuleSetThenMissingFactsAreRefusedInThatOrder() {
        assertThatThrownBy(() -> grade("GD-404", LocalDate.of(2020, 1, 1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("GD-404");
                });
        // GR-0 has no balance at all and 2020 has no rule set: the rule set is what is missing first.
        assertThatThrownBy(() -> grade("GR-0", LocalDate.of(2020, 1, 1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("rule set").contains("2020-01-01");
                });
        assertThatThrownBy(() -> grade("GR-0", MARCH)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(StatusDetails.reason(e)).contains("NO_FACTS");
        });
        // GD-3 exists but its first facts are dated after the day asked about.
        assertThatThrownBy(() -> grade("GD-3", LocalDate.of(2034, 2, 28))).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.reason(e)).contains("NO_FACTS"));
    }

    private LoanGrade grade(String loanId, LocalDate asOf) {
        return loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId(loanId).setAsOf(Dates.toDate(asOf)).build());
    }
}
