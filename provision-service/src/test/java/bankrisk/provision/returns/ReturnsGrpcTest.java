package bankrisk.provision.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.G11Return;
import bank.provision.v1.G11Row;
import bank.provision.v1.G12Return;
import bank.provision.v1.G12Row;
import bank.provision.v1.G13Return;
import bank.provision.v1.GetG11Request;
import bank.provision.v1.GetG12Request;
import bank.provision.v1.GetG13Request;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RegulatoryReturnsServiceGrpc.RegulatoryReturnsServiceBlockingStub;
import bank.provision.v1.ReturnCell;
import bank.provision.v1.ReturnRatio;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.provision.fake.ReturnsBook;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * G11, G12 and G13 over the fake's returns book ({@link ReturnsBook}, whose table lists every loan), every figure
 * computed by hand. The allowance is PBOC-2002's run of 2026-06-30 (balance × Special mention 2 %, Substandard 25 %,
 * Doubtful 50 %, Loss 100 %; general reserve 1 %):
 *
 * <pre>
 * R01 N  480000.00 →      0.00   R07 SM 150000.00 →  3000.00   R11 N 12345.67 → 0.00
 * R02 SS  90000.00 →  22500.00   R09 SS  60000.00 → 15000.00
 * R03 N  250000.00 →      0.00   R10 SS  30000.00 →  7500.00
 * R05 L   75000.00 →  75000.00
 * total 1147345.67, specific 123000.00, general 11473.46 (11473.4567), allowance 134473.46
 * </pre>
 */
@QuarkusTest
class ReturnsGrpcTest {

    @GrpcClient("provision")
    RegulatoryReturnsServiceBlockingStub returns;

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @BeforeEach
    void authenticate() {
        returns = GrpcClientUtils.attachHeaders(returns, TestTokens.headers("risk-1", Roles.RISK_OFFICER));
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Test
    void g11HasEveryRowToTheFenAndTheTenThousandYuan() {
        long runId = ReturnsFixture.run(provision, ReturnsBook.PERIOD_END);

        G11Return g11 = returns.getG11(GetG11Request.newBuilder().setAsOf(Dates.toDate(ReturnsBook.PERIOD_END)).setRunId(runId).build());

        assertThat(g11.getLang()).isEqualTo("zh-CN");
        assertThat(g11.getSnapshotId()).isEqualTo("S-2026-06-30");
        assertThat(g11.getRowsList()).extracting(G11Row::getCode).containsExactly("ALL", "BORROWER_RETAIL", "BORROWER_NON_RETAIL",
                "PRODUCT_PERSONAL_CONSUMPTION", "PRODUCT_PERSONAL_MORTGAGE", "PRODUCT_PERSONAL_BUSINESS", "PRODUCT_CORPORATE_WORKING_CAPITAL",
                "PRODUCT_CORPORATE_FIXED_ASSET", "OVERDUE_1_90", "OVERDUE_91_180", "OVERDUE_181_360", "OVERDUE_OVER_360", "OVERDUE_OVER_90");
        // All loans, per category "count balance 万元 allowance 万元":
        // N   R01 480000 + R03 250000 + R11 12345.67 = 742345.67 → 74.23 (74.234567); allowance 0
        // SM  R07 150000 → 15.00; allowance 3000 → 0.30
        // SS  R02 90000 + R09 60000 + R10 30000 = 180000 → 18.00; allowance 22500 + 15000 + 7500 = 45000 → 4.50
        // D   none; L R05 75000 → 7.50, allowance 75000 → 7.50
        // NPL 180000 + 75000 = 255000 → 25.50, allowance 120000 → 12.00; total 8 loans 1147345.67 → 114.73, 123000 → 12.30
        assertThat(cells(row(g11, "ALL"))).containsExactly(
                "3 742345.67 74.23 0.00 0.00", "1 150000.00 15.00 3000.00 0.30", "3 180000.00 18.00 45000.00 4.50",
                "0 0.00 0.00 0.00 0.00", "1 75000.00 7.50 75000.00 7.50", "4 255000.00 25.50 120000.00 12.00",
                "8 1147345.67 114.73 123000.00 12.30");
        assertThat(row(g11, "ALL").getLabel()).isEqualTo("各项贷款");
        // Retail: R01, R11 (N 492345.67 → 49.23), R02 + R10 (SS 120000, allowance 30000), R05 (L 75000); 5 loans 687345.67 → 68.73
        assertThat(cells(row(g11, "BORROWER_RETAIL"))).containsExactly(
                "2 492345.67 49.23 0.00 0.00", "0 0.00 0.00 0.00 0.00", "2 120000.00 12.00 30000.00 3.00",
                "0 0.00 0.00 0.00 0.00", "1 75000.00 7.50 75000.00 7.50", "3 195000.00 19.50 105000.00 10.50",
                "5 687345.67 68.73 105000.00 10.50");
        // Non-retail: R03 (N 250000), R07 (SM 150000, 3000), R09 (SS 60000, 15000); 3 loans 460000 → 46.00, 18000
        assertThat(total(row(g11, "BORROWER_NON_RETAIL"))).isEqualTo("3 460000.00 46.00 18000.00 1.80");
        // Products: consumption R02 + R10 + R11 = 132345.67 (13.23), working capital R03 + R07 = 400000, fixed asset R09
        assertThat(total(row(g11, "PRODUCT_PERSONAL_CONSUMPTION"))).isEqualTo("3 132345.67 13.23 30000.00 3.00");
        assertThat(total(row(g11, "PRODUCT_CORPORATE_WORKING_CAPITAL"))).isEqualTo("2 400000.00 40.00 3000.00 0.30");
        assertThat(total(row(g11, "PRODUCT_CORPORATE_FIXED_ASSET"))).isEqualTo("1 60000.00 6.00 15000.00 1.50");
        // Overdue: 1-90 R11 (75 days); 91-180 R02 (120), R07 (95), R09 (100), R10 (95) = 330000, allowance 48000;
        // 181-360 none; over 360 R05 (400); over 90 = 330000 + 75000 = 405000 (SM 150000, SS 180000, L 75000)
        assertThat(total(row(g11, "OVERDUE_1_90"))).isEqualTo("1 12345.67 1.23 0.00 0.00");
        assertThat(total(row(g11, "OVERDUE_91_180"))).isEqualTo("4 330000.00 33.00 48000.00 4.80");
        assertThat(total(row(g11, "OVERDUE_181_360"))).isEqualTo("0 0.00 0.00 0.00 0.00");
        assertThat(total(row(g11, "OVERDUE_OVER_360"))).isEqualTo("1 75000.00 7.50 75000.00 7.50");
        assertThat(cells(row(g11, "OVERDUE_OVER_90"))).containsExactly(
                "0 0.00 0.00 0.00 0.00", "1 150000.00 15.00 3000.00 0.30", "3 180000.00 18.00 45000.00 4.50",
                "0 0.00 0.00 0.00 0.00", "1 75000.00 7.50 75000.00 7.50", "4 255000.00 25.50 120000.00 12.00",
                "5 405000.00 40.50 123000.00 12.30");
        assertThat(g11.getGeneralReserve().getAmount()).isEqualTo("11473.46");
        assertThat(g11.getAllowance().getAmount()).isEqualTo("134473.46");
        assertThat(g11.getChecksList()).extracting(c -> c.getCode() + " " + c.getPassed()).containsExactly(
                "G11_SNAPSHOT_HEADER true", "G11_ROW_TOTALS true", "G11_BORROWER_KINDS_SUM_TO_ALL true", "G11_PRODUCTS_SUM_TO_ALL true",
                "G11_OVERDUE_OVER_90_SUMS_BUCKETS true", "G11_RUN_MATCHES_SNAPSHOT true");
    }

    @Test
    void theNplRecognitionCheckListsTheLoanOverNinetyDaysThatIsNotNpl() {
        long runId = ReturnsFixture.run(provision, ReturnsBook.PERIOD_END);

        G11Return g11 = returns.getG11(GetG11Request.newBuilder().setAsOf(Dates.toDate(ReturnsBook.PERIOD_END)).setRunId(runId).setLang("en").build());

        var check = g11.getNplRecognition();
        // over 90: R02, R05, R07, R09, R10 = 405000; over 60 adds R11 (75 days): 417345.67; NPL 255000
        assertThat(check.getOverdueOver90().getBalance().getAmount()).isEqualTo("405000.00");
        assertThat(check.getOverdueOver60().getBalance().getAmount()).isEqualTo("417345.67");
        assertThat(check.getOverdueOver60().getLoanCount()).isEqualTo(6);
        assertThat(check.getNpl().getBalance().getAmount()).isEqualTo("255000.00");
        // 405000 / 255000 = 1.588235294… → 1.58823529; 417345.67 / 255000 = 1.636649686… → 1.63664969
        assertThat(check.getRatiosList()).extracting(r -> r.getCode() + " " + r.getValue().getValue() + " " + r.getLabel()).containsExactly(
                "OVERDUE_90_TO_NPL 1.58823529 Overdue > 90 days ÷ NPL", "OVERDUE_60_TO_NPL 1.63664969 Overdue > 60 days ÷ NPL");
        // R07: Special mention at 95 days, the one loan the examiner would ask about
        assertThat(check.getUnrecognisedTotal()).isEqualTo(1);
        assertThat(check.getUnrecognisedLoansList()).extracting(l -> l.getLoanId() + " " + l.getCategory() + " " + l.getDaysPastDue() + " "
                + l.getBalance().getAmount()).containsExactly("R07 LOAN_CATEGORY_SPECIAL_MENTION 95 150000.00");
        assertThat(row(g11, "ALL").getLabel()).isEqualTo("All loans");
    }

    @Test
    void g13ListsEachCategorysLargestBorrowersWithTheirShareAllowanceAndNames() {
        long runId = ReturnsFixture.run(provision, ReturnsBook.PERIOD_END);

        G13Return g13 = returns.getG13(GetG13Request.newBuilder().setAsOf(Dates.toDate(ReturnsBook.PERIOD_END)).setRunId(runId).build());

        // SM: C107 (R07) 150000 of 150000 → share 1; SS 180000: C102 (R02 90000 + R10 30000 = 120000, 2 loans,
        // allowance 22500 + 7500 = 30000, most days 120) → 120000 / 180000 = 0.666666666… → 0.66666667; C109 (R09)
        // 60000 → 0.33333333; D none; L: C105 (R05) 75000 → 1. Names from tiering: C102 王小明, C107 华信贸易有限公司,
        // the others unregistered (empty).
        assertThat(g13.getSectionsList()).extracting(s -> s.getCategory() + " " + s.getLabel() + " " + s.getCategoryTotal().getBalance().getAmount())
                .containsExactly("LOAN_CATEGORY_SPECIAL_MENTION 关注 150000.00", "LOAN_CATEGORY_SUBSTANDARD 次级 180000.00",
                        "LOAN_CATEGORY_DOUBTFUL 可疑 0.00", "LOAN_CATEGORY_LOSS 损失 75000.00");
        assertThat(g13.getSectionsList().stream().flatMap(s -> s.getBorrowersList().stream()).map(b -> b.getRank() + " " + b.getCustomerNumber()
                + " " + b.getCustomerName() + " " + b.getLoanCount() + " " + b.getBalance().getAmount() + " " + b.getBalanceWan().getValue() + " "
                + b.getShareOfCategory().getValue() + " " + b.getAllowance().getAmount() + " " + b.getDaysPastDue()).toList()).containsExactly(
                        "1 C107 华信贸易有限公司 1 150000.00 15.00 1.00000000 3000.00 95",
                        "1 C102 王小明 2 120000.00 12.00 0.66666667 30000.00 120",
                        "2 C109  1 60000.00 6.00 0.33333333 15000.00 100",
                        "1 C105  1 75000.00 7.50 1.00000000 75000.00 400");
        assertThat(g13.getChecksList()).extracting(c -> c.getCode()).contains("G13_TOP_WITHIN_CATEGORY", "G11_RUN_MATCHES_SNAPSHOT");
    }

    @Test
    void g12HasTheMatrixTheDecreasesAndEveryRatioIncludingANotApplicableOne() {
        G12Return g12 = returns.getG12(GetG12Request.newBuilder().setFrom(Dates.toDate(ReturnsBook.YEAR_START))
                .setTo(Dates.toDate(ReturnsBook.PERIOD_END)).build());

        // "from: opening | migrated to N SM SS D L (period-end balance) | repaid written-off transferred foreclosed decrease | left"
        // N:  R01 500000 + R02 100000 = 600000 | R01 480000 N, R02 90000 SS | repaid 20000 + 10000 = 30000
        // SM: R03 300000 | R03 250000 N | repaid 50000
        // SS: R04 200000 | — | transferred 200000 (sold whole: a decrease, not a migration) | left 1
        // D:  R05 80000 | R05 75000 L | foreclosed 5000
        // L:  R06 50000 | — | written off 50000 (a decrease, never a migration) | left 1
        assertThat(g12.getRowsList().stream().map(ReturnsGrpcTest::g12Row).toList()).containsExactly(
                "2 600000.00 | 1 480000.00, 0 0.00, 1 90000.00, 0 0.00, 0 0.00 | 30000.00 0.00 0.00 0.00 30000.00 | 0 0.00",
                "1 300000.00 | 1 250000.00, 0 0.00, 0 0.00, 0 0.00, 0 0.00 | 50000.00 0.00 0.00 0.00 50000.00 | 0 0.00",
                "1 200000.00 | 0 0.00, 0 0.00, 0 0.00, 0 0.00, 0 0.00 | 0.00 0.00 200000.00 0.00 200000.00 | 1 0.00",
                "1 80000.00 | 0 0.00, 0 0.00, 0 0.00, 0 0.00, 1 75000.00 | 0.00 0.00 0.00 5000.00 5000.00 | 0 0.00",
                "1 50000.00 | 0 0.00, 0 0.00, 0 0.00, 0 0.00, 0 0.00 | 0.00 50000.00 0.00 0.00 50000.00 | 1 0.00");
        // new this year: R11 N 12345.67; R07 SM 150000; R09 + R10 SS 90000; R12 (drawn and repaid within the year) on neither book
        assertThat(g12.getNewLoansList()).extracting(c -> c.getLoanCount() + " " + c.getBalance().getAmount())
                .containsExactly("1 12345.67", "1 150000.00", "2 90000.00", "0 0.00", "0 0.00");
        // normal → NPL: R02 90000; NPL → normal: none; year-start NPL: written off 50000 (R06), transferred 200000 (R04),
        // foreclosed 5000 (R05), collected 0, upgraded 0
        assertThat(List.of(g12.getNormalToNpl(), g12.getNplToNormal(), g12.getNplCollected(), g12.getNplUpgraded(), g12.getNplWrittenOff(),
                g12.getNplTransferred(), g12.getNplForeclosed())).extracting(m -> m.getAmount())
                .containsExactly("90000.00", "0.00", "0.00", "0.00", "50000.00", "200000.00", "5000.00");
        // Normal:   90000 / (600000 − 30000 = 570000) = 0.157894736… → 0.15789474
        // SM:       0 / (300000 − 50000 = 250000) = 0
        // SS:       (to D or L: 0) / (200000 − 200000 = 0): not applicable
        // Doubtful: 75000 / (80000 − 5000 = 75000) = 1
        // Normal loans: 90000 / (570000 + 250000 = 820000) = 0.109756097… → 0.10975610
        assertThat(g12.getRatiosList()).extracting(ReturnsGrpcTest::ratio).containsExactly(
                "NORMAL_MIGRATION true 0.15789474 90000.00 570000.00",
                "SPECIAL_MENTION_MIGRATION true 0.00000000 0.00 250000.00",
                "SUBSTANDARD_MIGRATION false  0.00 0.00",
                "DOUBTFUL_MIGRATION true 1.00000000 75000.00 75000.00",
                "NORMAL_LOANS_MIGRATION true 0.10975610 90000.00 820000.00");
        assertThat(g12.getRatiosList().get(0).getLabel()).isEqualTo("正常类贷款迁徙率");
        assertThat(g12.getChecksList()).extracting(c -> c.getCode()).containsExactly("G11_SNAPSHOT_HEADER", "G11_SNAPSHOT_HEADER",
                "G12_YEAR_START_EQUALS_G11", "G12_PERIOD_END_EQUALS_G11", "G12_PARTS_RECONCILE");
    }

    @Test
    void aG12WhoseYearStartColumnDiffersFromTheYearStartG11IsRefusedNamingTheCheck() {
        // the flows open R01 at 500000.01, the year-start snapshot at 500000.00: Normal 600000.01 ≠ 600000.00
        assertThatThrownBy(() -> returns.getG12(GetG12Request.newBuilder().setFrom(Dates.toDate(ReturnsBook.YEAR_START))
                .setTo(Dates.toDate(ReturnsBook.BROKEN_END)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(StatusDetails.reason(e)).contains("RETURN_CHECK_FAILED");
                    assertThat(e.getStatus().getDescription()).contains("G12_YEAR_START_EQUALS_G11").contains("600000.01");
                });
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        GetG12Request period = GetG12Request.newBuilder().setFrom(Dates.toDate(ReturnsBook.YEAR_START)).setTo(Dates.toDate(ReturnsBook.PERIOD_END)).build();
        assertThat(fields(() -> returns.getG12(period.toBuilder().setTo(Dates.toDate(LocalDate.of(2025, 6, 30))).build()))).containsKey("to");
        assertThat(fields(() -> returns.getG12(period.toBuilder().setFrom(Dates.toDate(LocalDate.of(2026, 1, 31))).build()))).containsKey("from");
        assertThat(fields(() -> returns.getG12(period.toBuilder().setTo(Dates.toDate(LocalDate.of(2027, 1, 31))).build()))).containsKey("to");
        assertThat(fields(() -> returns.getG12(period.toBuilder().setLang("fr").build()))).containsKey("lang");
        assertThat(fields(() -> returns.getG12(GetG12Request.getDefaultInstance()))).containsKeys("from", "to");
        assertThat(fields(() -> returns.getG11(GetG11Request.newBuilder().setAsOf(Dates.toDate(ReturnsBook.PERIOD_END)).build()))).containsKey("run_id");
        // a year start loan-risk has no snapshot of
        assertThat(precondition(() -> returns.getG12(period.toBuilder().setFrom(Dates.toDate(LocalDate.of(2022, 12, 31)))
                .setTo(Dates.toDate(LocalDate.of(2023, 3, 31))).build()))).isEqualTo("SNAPSHOT_NOT_FOUND from: loan-risk has no completed snapshot of 2022-12-31");
        // snapshots graded under different rule sets
        assertThat(precondition(() -> returns.getG12(period.toBuilder().setTo(Dates.toDate(ReturnsBook.OTHER_RULES)).build())))
                .startsWith("RULE_SET_MISMATCH to:");
        // a run of another snapshot (December 2024) named for June 2026
        long december = ReturnsFixture.run(provision, FakeLoanRisk.DEC);
        assertThat(precondition(() -> returns.getG11(GetG11Request.newBuilder().setAsOf(Dates.toDate(ReturnsBook.PERIOD_END)).setRunId(december).build())))
                .startsWith("RUN_SNAPSHOT_MISMATCH run_id:");
        assertThatThrownBy(() -> returns.getG13(GetG13Request.newBuilder().setAsOf(Dates.toDate(ReturnsBook.PERIOD_END)).setRunId(987654321).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private static java.util.Map<String, String> fields(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            return StatusDetails.fieldViolations(e);
        }
        throw new AssertionError("the call was accepted");
    }

    private static String precondition(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            return StatusDetails.reason(e).orElse("") + " " + e.getStatus().getDescription();
        }
        throw new AssertionError("the call was accepted");
    }

    private static G11Row row(G11Return g11, String code) {
        return g11.getRowsList().stream().filter(r -> r.getCode().equals(code)).findFirst().orElseThrow();
    }

    /** The five categories, NPL and total of a row. */
    private static List<String> cells(G11Row row) {
        List<String> cells = new java.util.ArrayList<>(row.getCategoriesList().stream().map(ReturnsGrpcTest::cell).toList());
        cells.add(cell(row.getNpl()));
        cells.add(cell(row.getTotal()));
        return cells;
    }

    private static String total(G11Row row) {
        return cell(row.getTotal());
    }

    private static String cell(ReturnCell c) {
        return c.getLoanCount() + " " + c.getBalance().getAmount() + " " + c.getBalanceWan().getValue() + " " + c.getAllowance().getAmount() + " "
                + c.getAllowanceWan().getValue();
    }

    private static String g12Row(G12Row r) {
        return r.getOpening().getLoanCount() + " " + r.getOpening().getBalance().getAmount() + " | "
                + String.join(", ", r.getMigratedToList().stream().map(c -> c.getLoanCount() + " " + c.getBalance().getAmount()).toList()) + " | "
                + r.getRepaid().getAmount() + " " + r.getWrittenOff().getAmount() + " " + r.getTransferred().getAmount() + " "
                + r.getForeclosed().getAmount() + " " + r.getDecrease().getAmount() + " | " + r.getLeftBookCount() + " " + r.getDifference().getAmount();
    }

    private static String ratio(ReturnRatio r) {
        return r.getCode() + " " + r.getApplicable() + " " + r.getValue().getValue() + " " + r.getNumerator().getAmount() + " "
                + r.getDenominator().getAmount();
    }
}
