package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.company;
import static bankrisk.loanrisk.grpc.TestBook.decimal;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.ListAuditEventsRequest;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.GetMigrationMatrixRequest;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.GetSnapshotSummaryRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanGrade;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.MigrationMatrix;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotGradeBatch;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bank.loanrisk.v1.SnapshotSummary;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.loanrisk.grading.BookQueries;
import bankrisk.loanrisk.grading.Grade;
import bankrisk.loanrisk.grading.Grader;
import bankrisk.loanrisk.grading.RuleSets;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.loanrisk.snapshot.Snapshots;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A mixed portfolio graded on 2023-09-30 (Q3) and 2023-12-31 (Q4). Other test classes date their facts in 2025, so
 * these two snapshots hold exactly the loans loaded here.
 */
@QuarkusTest
class ClassificationGrpcTest {

    static final LocalDate Q3 = LocalDate.of(2023, 9, 30);
    static final LocalDate Q4 = LocalDate.of(2023, 12, 31);
    private static boolean loaded;

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @GrpcClient("loanrisk")
    SnapshotServiceBlockingStub snapshotService;

    @Inject
    RuleSets ruleSets;

    @Inject
    BookQueries book;

    @Inject
    Snapshots snapshots;

    @BeforeEach
    void loadThePortfolioAndClassifyBothQuartersOnce() {
        client = TestBook.asOfficer(client);
        loanRisk = TestBook.asOfficer(loanRisk);
        snapshotService = TestBook.asOfficer(snapshotService);
        if (loaded) {
            return;
        }
        load(client, List.of(
                retail("C-R1", Q3, "100000.00"),
                retail("C-R2", Q3, "50000.00").setDaysPastDuePrincipal(1),
                retail("C-R3", Q3, "30000.00").setDaysPastDuePrincipal(10).setDaysPastDueInterest(91),
                retail("C-R4", Q3, "20000.00").setDaysPastDuePrincipal(271),
                retail("C-R5", Q3, "10000.00").setDaysPastDuePrincipal(361),
                retail("C-R6", Q3, "40000.00").setRestructuredOn(Dates.toDate(LocalDate.of(2023, 3, 1)))
                        .setRestructuredForFinancialDifficulty(true).setObservationEnd(Dates.toDate(LocalDate.of(2024, 3, 1)))
                        .setNonPerformingBeforeRestructuring(true),
                retail("C-R7", Q3, "25000.00").setCreditImpaired(true).setEclRatio(decimal("0.6")),
                retail("C-R8", Q3, "15000.00").setDaysPastDuePrincipal(90),
                retail("C-R9", Q3, "0.00"),
                company("C-N1", "CO-1", Q3, "100100.00").setDaysPastDuePrincipal(100),
                company("C-N2", "CO-1", Q3, "899900.00"),
                company("C-N3", "CO-2", Q3, "100000.00").setCreditImpaired(true),
                company("C-N4", "CO-2", Q3, "900000.00"),
                company("C-N5", "CO-3", Q3, "60000.00").setOverdueElsewhereShare(decimal("0.25")),
                company("C-N6", "CO-4", Q3, "70000.00").setBankruptcyLiquidation(true),
                company("C-N7", "CO-5", Q3, "80000.00").setSignificantExternalDowngrade(true),
                company("C-N8", "CO-6", Q3, "90000.00").setDebtEvasion(true)));
        load(client, List.of(
                facts("C-R1", Q4, "99000.00").setDaysPastDuePrincipal(95),
                facts("C-R2", Q4, "49000.00"),
                facts("C-R3", Q4, "29000.00").setArrearsClearedOn(Dates.toDate(LocalDate.of(2023, 11, 15)))
                        .setConsecutiveOnTimePeriods(1),
                facts("C-R5", Q4, "0.00"),
                retail("C-R10", Q4, "12000.00"),
                facts("C-N1", Q4, "100100.00").setArrearsClearedOn(Dates.toDate(LocalDate.of(2023, 12, 1)))
                        .setConsecutiveOnTimePeriods(1)));
        classify(client, Q3);
        classify(client, Q4);
        loaded = true;
    }

    @Test
    void theRunStreamsItsProgressAndReRunningTheDateReturnsTheSameSnapshot() {
        List<ClassificationProgress> again = classify(client, Q3);

        assertThat(again).singleElement().satisfies(p -> {
            assertThat(p.getStage()).isEqualTo(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED);
            assertThat(p.getAlreadyExisted()).isTrue();
            assertThat(p.getSnapshot()).isEqualTo(snapshot(Q3));
        });
    }

    @Test
    void aFreshRunReportsStartedGradedAndCompleted() {
        LocalDate date = LocalDate.of(2023, 10, 31);

        List<ClassificationProgress> progress = classify(client, date);

        assertThat(progress).extracting(ClassificationProgress::getStage).containsExactly(
                ClassificationStage.CLASSIFICATION_STAGE_STARTED, ClassificationStage.CLASSIFICATION_STAGE_GRADED,
                ClassificationStage.CLASSIFICATION_STAGE_COMPLETED);
        assertThat(progress.get(1).getLoansGraded()).isEqualTo(16);
        assertThat(progress.get(2).getSnapshot().getRuleSetVersion()).isEqualTo("CN-2023");
        assertThat(progress.get(2).getSnapshot().getAsOf()).isEqualTo(Dates.toDate(date));
    }

    @Test
    void theQ3SnapshotHoldsEveryLoanWithABalanceAndItsTotalInTheReportingCurrency() {
        Snapshot q3 = snapshot(Q3);

        assertThat(q3.getLoanCount()).isEqualTo(16);
        assertThat(q3.getTotalBalance().getAmount()).isEqualTo("2590000.00");
        assertThat(q3.getTotalBalance().getCurrencyCode()).isEqualTo("CNY");
        assertThat(q3.getFingerprint()).hasSize(64);
    }

    @Test
    void everyRuleGradesItsLoanAsTheRegulationSays() {
        Map<String, SnapshotGrade> q3 = grades(snapshot(Q3));

        assertGrade(q3, "C-R1", LoanCategory.LOAN_CATEGORY_NORMAL);
        assertGrade(q3, "C-R2", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "DPD_OVER_0");
        assertGrade(q3, "C-R3", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DPD_OVER_90");
        assertGrade(q3, "C-R4", LoanCategory.LOAN_CATEGORY_DOUBTFUL, "DPD_OVER_270");
        assertGrade(q3, "C-R5", LoanCategory.LOAN_CATEGORY_LOSS, "DPD_OVER_360");
        assertGrade(q3, "C-R6", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "RESTRUCTURED_FROM_NPL");
        assertGrade(q3, "C-R7", LoanCategory.LOAN_CATEGORY_DOUBTFUL, "CREDIT_IMPAIRED_ECL_50");
        assertGrade(q3, "C-R8", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "DPD_OVER_0");
        assertGrade(q3, "C-N1", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DEBTOR_CONTAGION_OVER_10PCT", "DPD_OVER_90");
        assertGrade(q3, "C-N2", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DEBTOR_CONTAGION_OVER_10PCT");
        assertGrade(q3, "C-N3", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "CREDIT_IMPAIRED");
        assertGrade(q3, "C-N4", LoanCategory.LOAN_CATEGORY_NORMAL);
        // CO-3's only loan is non-performing, so the debtor-centred rule binds too.
        assertGrade(q3, "C-N5", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DEBTOR_CONTAGION_OVER_10PCT", "OVERDUE_ELSEWHERE_OVER_20PCT");
        assertGrade(q3, "C-N6", LoanCategory.LOAN_CATEGORY_LOSS, "BANKRUPTCY_LIQUIDATION");
        assertGrade(q3, "C-N7", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "EXTERNAL_DOWNGRADE");
        assertGrade(q3, "C-N8", LoanCategory.LOAN_CATEGORY_DOUBTFUL, "DEBT_EVASION");
        assertThat(q3).doesNotContainKey("C-R9");
        assertThat(q3.get("C-R3").getDaysPastDue()).isEqualTo(91);
        assertThat(q3.get("C-N2").getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
    }

    @Test
    void aCuredNonPerformingLoanCannotJumpOutEarly() {
        Map<String, SnapshotGrade> q4 = grades(snapshot(Q4));

        assertGrade(q4, "C-R3", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "UPGRADE_NOT_YET_ALLOWED");
        assertThat(q4.get("C-R3").getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        assertGrade(q4, "C-R2", LoanCategory.LOAN_CATEGORY_NORMAL);
        assertGrade(q4, "C-R1", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DPD_OVER_90");
        assertGrade(q4, "C-N1", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DEBTOR_CONTAGION_OVER_10PCT", "UPGRADE_NOT_YET_ALLOWED");
        assertGrade(q4, "C-R6", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "RESTRUCTURED_FROM_NPL");
    }

    @Test
    void theSqlRunAndTheJavaInterpreterAgreeOnEveryLoan() {
        for (LocalDate date : List.of(Q3, Q4)) {
            SnapshotHeader header = snapshots.byAsOf(date);
            var previous = book.snapshotGrades(snapshots.latestBefore(date).map(SnapshotHeader::snapshotId).orElse(null));
            Map<String, Grade> java = Grader.grade(ruleSets.inForce(date), date, book.factsOn(date, null), previous,
                    book.approvedOverrides(date));
            Map<String, SnapshotGrade> sql = grades(snapshot(date));

            assertThat(sql.keySet()).as("loans of %s", date).isEqualTo(java.keySet());
            assertThat(header.loanCount()).isEqualTo(java.size());
            java.forEach((loanId, grade) -> {
                SnapshotGrade row = sql.get(loanId);
                assertThat(row.getCategory()).as(loanId).isEqualTo(GradeMapper.category(grade.category()));
                assertThat(row.getRuleFloor()).as(loanId).isEqualTo(GradeMapper.category(grade.ruleFloor()));
                assertThat(row.getReasonCodesList()).as(loanId).isEqualTo(grade.reasonCodes());
            });
        }
    }

    @Test
    void theStreamIsInLoanIdOrderAndMatchesTheFingerprint() throws Exception {
        Snapshot q3 = snapshot(Q3);
        List<SnapshotGrade> rows = TestBook.streamGrades(snapshotService, q3.getSnapshotId());

        assertThat(rows).extracting(SnapshotGrade::getLoanId).isSorted().hasSize(16);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (SnapshotGrade g : rows) {
            String line = String.join("|", g.getLoanId(), g.getBorrowerCustomerNumber(), suffix(g.getBorrowerKind().name(), "BORROWER_KIND_"),
                    suffix(g.getProduct().name(), "PRODUCT_"), g.getBranchCode(), g.getOutstandingBalance().getAmount(),
                    suffix(g.getCollateralKind().name(), "COLLATERAL_KIND_"), g.getCollateralValue().getAmount(),
                    suffix(g.getCategory().name(), "LOAN_CATEGORY_"), Integer.toString(g.getDaysPastDue()),
                    String.join(",", g.getReasonCodesList())) + "\n";
            sha256.update(line.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(q3.getFingerprint());
        assertThat(rows.get(0).getLoanId()).isEqualTo("C-N1");
        assertThat(rows.get(0).getOutstandingBalance().getAmount()).isEqualTo("100100.00");
    }

    @Test
    void theBatchedStreamCarriesTheSameRowsInTheSameOrderOnePagePerMessage() {
        Snapshot q3 = snapshot(Q3);
        List<SnapshotGradeBatch> batches = new ArrayList<>();
        snapshotService.streamSnapshotGradeBatches(StreamSnapshotGradesRequest.newBuilder().setSnapshotId(q3.getSnapshotId()).build())
                .forEachRemaining(batches::add);

        // %test.loanrisk.snapshot-page-size=5: 16 rows are three full pages and one of a single row.
        assertThat(batches).extracting(SnapshotGradeBatch::getGradesCount).containsExactly(5, 5, 5, 1);
        assertThat(batches.stream().flatMap(b -> b.getGradesList().stream()).toList())
                .isEqualTo(TestBook.streamGrades(snapshotService, q3.getSnapshotId()));
    }

    @Test
    void theSummaryGivesCountsBalancesAndTheNplRatio() {
        SnapshotSummary summary = loanRisk.getSnapshotSummary(
                GetSnapshotSummaryRequest.newBuilder().setSnapshotId(snapshot(Q3).getSnapshotId()).build());

        assertThat(summary.getCategoriesList()).extracting(c -> c.getLoanCount() + " " + c.getBalance().getAmount())
                .containsExactly("2 1000000.00", "3 145000.00", "6 1230000.00", "3 135000.00", "2 80000.00");
        assertThat(summary.getNplBalance().getAmount()).isEqualTo("1445000.00");
        // 1,445,000 / 2,590,000 = 0.557915057…
        assertThat(summary.getNplRatio().getValue()).isEqualTo("0.55791506");
    }

    @Test
    void theMigrationMatrixShowsMovesNewAndRepaidLoans() {
        MigrationMatrix matrix = loanRisk.getMigrationMatrix(GetMigrationMatrixRequest.newBuilder()
                .setFromSnapshotId(snapshot(Q3).getSnapshotId()).setToSnapshotId(snapshot(Q4).getSnapshotId()).build());

        assertThat(matrix.getCellsList()).hasSize(25);
        Map<String, String> nonEmpty = matrix.getCellsList().stream().filter(c -> c.getLoanCount() > 0)
                .collect(Collectors.toMap(c -> categoryName(c.getFrom()) + ">" + categoryName(c.getTo()),
                        c -> c.getLoanCount() + " " + c.getBalance().getAmount()));
        assertThat(nonEmpty).containsExactlyInAnyOrderEntriesOf(Map.of(
                "NORMAL>NORMAL", "1 900000.00",
                "NORMAL>SUBSTANDARD", "1 99000.00",
                "SPECIAL_MENTION>NORMAL", "1 49000.00",
                "SPECIAL_MENTION>SPECIAL_MENTION", "2 95000.00",
                "SUBSTANDARD>SUBSTANDARD", "6 1229000.00",
                "DOUBTFUL>DOUBTFUL", "3 135000.00",
                "LOSS>LOSS", "1 70000.00"));
        assertThat(matrix.getNewLoansList()).filteredOn(t -> t.getLoanCount() > 0).singleElement()
                .satisfies(t -> assertThat(categoryName(t.getCategory()) + " " + t.getBalance().getAmount()).isEqualTo("NORMAL 12000.00"));
        assertThat(matrix.getRepaidLoansList()).filteredOn(t -> t.getLoanCount() > 0).singleElement()
                .satisfies(t -> assertThat(categoryName(t.getCategory()) + " " + t.getBalance().getAmount()).isEqualTo("LOSS 10000.00"));
    }

    @Test
    void aMigrationMatrixBackwardsIsInvalid() {
        assertThatThrownBy(() -> loanRisk.getMigrationMatrix(GetMigrationMatrixRequest.newBuilder()
                .setFromSnapshotId(snapshot(Q4).getSnapshotId()).setToSnapshotId(snapshot(Q3).getSnapshotId()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("to_snapshot_id"));
    }

    @Test
    void aLoanGradeIsReadFromItsSnapshotWithEveryFloorExplained() {
        LoanGrade grade = loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId("C-N1").setAsOf(Dates.toDate(Q3)).build());

        assertThat(grade.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(grade.getSnapshotId()).isEqualTo(snapshot(Q3).getSnapshotId());
        assertThat(grade.getRuleSetVersion()).isEqualTo("CN-2023");
        assertThat(grade.getReasonCodesList()).containsExactly("DEBTOR_CONTAGION_OVER_10PCT", "DPD_OVER_90");
        assertThat(grade.getFloorsList()).extracting(f -> f.getReasonCode())
                .containsExactly("DEBTOR_CONTAGION_OVER_10PCT", "DPD_OVER_90", "DPD_OVER_0");
        assertThat(grade.getFloors(1).getSource()).contains("more than 90 days");
    }

    @Test
    void aLoanGradeBetweenSnapshotsIsComputedFromTheLatestFacts() {
        LoanGrade grade = loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId("C-R3")
                .setAsOf(Dates.toDate(LocalDate.of(2023, 12, 15))).build());

        assertThat(grade.getSnapshotId()).isEmpty();
        assertThat(grade.getFactsAsOf()).isEqualTo(Dates.toDate(Q3));
        assertThat(grade.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
    }

    @Test
    void aLoanGradeForABadUnknownOrFactlessLoanFailsClearly() {
        assertThatThrownBy(() -> loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId("bad id!").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("loan_id"));
        assertThatThrownBy(() -> loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId("C-404").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId("C-R10")
                .setAsOf(Dates.toDate(Q3)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.reason(e)).contains("NO_FACTS"));
    }

    @Test
    void gradeChangesAreInTheAuditTrail() {
        var events = loanRisk.listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/C-R1").build());

        assertThat(events.getEventsList()).singleElement().satisfies(e -> {
            assertThat(e.getAction()).isEqualTo("GRADE_CHANGED");
            assertThat(e.getActor()).isEqualTo(TestBook.OFFICER);
            assertThat(e.getDetailsJson()).contains("\"from\": \"NORMAL\"").contains("\"to\": \"SUBSTANDARD\"");
        });
    }

    @Test
    void unknownSnapshotsAndDatesAreNotFound() {
        assertThatThrownBy(() -> snapshotService.getSnapshot(GetSnapshotRequest.newBuilder()
                .setAsOf(Dates.toDate(LocalDate.of(2023, 8, 31))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        for (String id : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000")) {
            assertThatThrownBy(() -> snapshotService.streamSnapshotGrades(StreamSnapshotGradesRequest.newBuilder().setSnapshotId(id)
                    .build()).hasNext())
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
            assertThatThrownBy(() -> snapshotService.streamSnapshotGradeBatches(StreamSnapshotGradesRequest.newBuilder().setSnapshotId(id)
                    .build()).hasNext())
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        }
        assertThatThrownBy(() -> loanRisk.getSnapshotSummary(GetSnapshotSummaryRequest.newBuilder().setSnapshotId("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aRunBeforeAnyRuleSetIsInForceIsNotFoundAndStoresNothing() {
        LocalDate before = LocalDate.of(2023, 6, 30);

        assertThatThrownBy(() -> classify(client, before)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(snapshots.findByAsOf(before)).isEmpty();
    }

    @Test
    void aRunWithoutDateIsInvalid() {
        assertThatThrownBy(() -> client.classifyPortfolio(ClassifyPortfolioRequest.getDefaultInstance()).collect().asList()
                .await().atMost(TestBook.TIMEOUT)).isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("as_of"));
    }

    private Snapshot snapshot(LocalDate date) {
        return snapshotService.getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(date)).build());
    }

    private Map<String, SnapshotGrade> grades(Snapshot snapshot) {
        return TestBook.streamGrades(snapshotService, snapshot.getSnapshotId()).stream().collect(Collectors.toMap(SnapshotGrade::getLoanId, Function.identity()));
    }

    private static void assertGrade(Map<String, SnapshotGrade> grades, String loanId, LoanCategory category, String... reasons) {
        assertThat(grades.get(loanId)).as(loanId).isNotNull();
        assertThat(grades.get(loanId).getCategory()).as(loanId).isEqualTo(category);
        assertThat(grades.get(loanId).getReasonCodesList()).as(loanId).containsExactly(reasons);
    }

    private static String suffix(String name, String prefix) {
        return name.substring(prefix.length());
    }

    private static String categoryName(LoanCategory category) {
        return suffix(category.name(), "LOAN_CATEGORY_");
    }
}
