package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.EventsTestBook.record;
import static bankrisk.loanrisk.grpc.EventsTestBook.restructure;
import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static bankrisk.loanrisk.grpc.TestBook.streamGrades;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanGrade;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bankrisk.api.convert.Dates;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A booked RESTRUCTURE event feeds grading when the facts row carries no restructuring (issue 13 item 1;
 * grading.Restructurings): on demand (GetLoanGrade, the Java interpreter) and in the portfolio run (the SQL one).
 * The loans have a balance only on the dates graded here (each followed by a zero balance the next day), dates no
 * other test classifies, so no other snapshot sees them.
 */
@QuarkusTest
class RestructuringGradeGrpcTest {

    static final LocalDate RESTRUCTURED = LocalDate.of(2023, 7, 10);
    static final LocalDate DAY_BEFORE = LocalDate.of(2023, 7, 9);
    static final LocalDate LAST_DAY = LocalDate.of(2024, 8, 10);
    static final LocalDate DAY_AFTER = LocalDate.of(2024, 8, 11);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @GrpcClient("loanrisk")
    SnapshotServiceBlockingStub snapshots;

    @BeforeEach
    void authenticateAsOfficer() {
        client = TestBook.asOfficer(client);
        loanRisk = TestBook.asOfficer(loanRisk);
        snapshots = TestBook.asOfficer(snapshots);
    }

    /**
     * RS-1's facts carry no restructuring; its event restructures it on 2023-07-10 for financial difficulty, first
     * repayment 2023-08-10, monthly. Observation end = the later of two periods (2023-10-10) and one year
     * (2024-08-10) from the first repayment = 2024-08-10. So it is Special mention (RESTRUCTURED) from 2023-07-10 to
     * 2024-08-10 inclusive, Normal the day before and the day after. RS-2's facts carry a restructuring of their own
     * (2023-07-01, not for financial difficulty): the facts win, its difficulty event of 2023-07-10 is not read, it
     * stays Normal.
     */
    @Test
    void aBookedRestructuringGradesTheLoanThroughItsObservationPeriodUnlessTheFactsCarryOne() {
        load(client, List.of(retail("RS-1", DAY_BEFORE, "500000.00"), restructuredByFacts(retail("RS-2", DAY_BEFORE, "500000.00"))));
        load(client, List.of(facts("RS-1", RESTRUCTURED, "500000.00"), facts("RS-1", RESTRUCTURED.plusDays(1), "0.00"),
                restructuredByFacts(facts("RS-2", RESTRUCTURED, "500000.00")), facts("RS-2", RESTRUCTURED.plusDays(1), "0.00"),
                facts("RS-1", LAST_DAY, "500000.00"), facts("RS-1", DAY_AFTER, "500000.00"),
                facts("RS-1", DAY_AFTER.plusDays(1), "0.00")));
        loanRisk.recordLoanEvent(record(restructure("RS-1-R", "RS-1", RESTRUCTURED, LocalDate.of(2023, 8, 10), 1)));
        loanRisk.recordLoanEvent(record(restructure("RS-2-R", "RS-2", RESTRUCTURED, LocalDate.of(2023, 8, 10), 1)));

        assertThat(grade("RS-1", DAY_BEFORE).getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        LoanGrade first = grade("RS-1", RESTRUCTURED);
        assertThat(first.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION);
        assertThat(first.getReasonCodesList()).containsExactly("RESTRUCTURED");
        assertThat(grade("RS-1", LAST_DAY).getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION);
        assertThat(grade("RS-1", DAY_AFTER).getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        assertThat(grade("RS-2", RESTRUCTURED).getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);

        classify(client, RESTRUCTURED);
        String snapshotId = snapshots.getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(RESTRUCTURED)).build())
                .getSnapshotId();
        assertThat(streamGrades(snapshots, snapshotId)).filteredOn(g -> List.of("RS-1", "RS-2").contains(g.getLoanId()))
                .extracting(SnapshotGrade::getLoanId, SnapshotGrade::getCategory, SnapshotGrade::getReasonCodesList)
                .containsExactly(tuple("RS-1", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, List.of("RESTRUCTURED")),
                        tuple("RS-2", LoanCategory.LOAN_CATEGORY_NORMAL, List.of()));
    }

    /**
     * RS-3 is 100 days past due on 2023-07-05 (Substandard in that day's snapshot), restructured for financial
     * difficulty on 2023-07-08 by an event, and paying on time again on 2023-07-10. Non-performing before the
     * restructuring is derived from that snapshot, so on 2023-07-10 it keeps the Substandard floor of
     * RESTRUCTURED_FROM_NPL (first repayment 2023-08-08, quarterly: observation to 2024-08-08), not just the Special
     * mention of RESTRUCTURED.
     */
    @Test
    void aRestructuringOfALoanNonPerformingInTheSnapshotBeforeKeepsTheSubstandardFloor() {
        LocalDate overdue = LocalDate.of(2023, 7, 5);
        LocalDate graded = LocalDate.of(2023, 7, 10);
        load(client, List.of(retail("RS-3", overdue, "80000.00").setDaysPastDuePrincipal(100), facts("RS-3", overdue.plusDays(1), "0.00"),
                facts("RS-3", graded, "80000.00"), facts("RS-3", graded.plusDays(1), "0.00")));
        classify(client, overdue);
        loanRisk.recordLoanEvent(record(restructure("RS-3-R", "RS-3", LocalDate.of(2023, 7, 8), LocalDate.of(2023, 8, 8), 3)));

        LoanGrade grade = grade("RS-3", graded);

        assertThat(grade.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(grade.getReasonCodesList()).containsExactly("RESTRUCTURED_FROM_NPL");
    }

    private LoanGrade grade(String loanId, LocalDate asOf) {
        return loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId(loanId).setAsOf(Dates.toDate(asOf)).build());
    }

    /** The row carries a restructuring of 2023-07-01, not for financial difficulty. */
    private static LoadLoanFactsRequest.Builder restructuredByFacts(LoadLoanFactsRequest.Builder row) {
        return row.setRestructuredOn(Dates.toDate(LocalDate.of(2023, 7, 1))).setObservationEnd(Dates.toDate(LocalDate.of(2024, 7, 1)));
    }
}
