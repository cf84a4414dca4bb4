package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.common.v1.AuditEvent;
import bank.common.v1.Decimal;
import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.Money;
import bank.loanrisk.v1.CategoryTotal;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.GetSnapshotSummaryRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanEventStatus;
import bank.loanrisk.v1.LoanGrade;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.loanrisk.v1.RecordLoanEventRequest;
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bank.loanrisk.v1.SnapshotSummary;
import bank.provision.v1.CategoryRate;
import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.GetJournalRequest;
import bank.provision.v1.GetMovementRequest;
import bank.provision.v1.GetReportRequest;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.Journal;
import bank.provision.v1.LargerAmount;
import bank.provision.v1.Movement;
import bank.provision.v1.Policy;
import bank.provision.v1.ProvisionBase;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RegulatoryRatios;
import bank.provision.v1.Report;
import bank.provision.v1.ReportRow;
import bank.provision.v1.ReportView;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.tiering.v1.CustomerTier;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.GetCustomerTierRequest;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.PutFxRatesRequest;
import bank.tiering.v1.StreamTierAssignmentsRequest;
import bank.tiering.v1.TierBucket;
import bank.tiering.v1.TierDistribution;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * The whole month end over real processes: balances → tiers (tiering-service), loan facts → five categories
 * (loan-risk-service), grades + tiers → provisions, ratios and the finance reports (provision-service reads the
 * other two over gRPC). Every number below was computed by hand first; the test asserts it exactly through gRPC and
 * again in the downloaded CSV, XLSX (POI cells) and PDF (PDFBox text).
 *
 * <h2>1. Tiers of January 2024 (31 days; Minsheng 2017 scheme, seeded: XINRAN 50,000 / YOURAN 300,000 / ZHUORAN
 * 1,000,000 / PRIVATE 8,000,000 CNY, inclusive lower bounds; average = Σ days Σ accounts balance × FX ÷ 31, rounded
 * once half-up to 0.01)</h2>
 * <pre>
 * C01  50,000.00 carried from Jan 1                        = 50,000.00 × 31 / 31            =    50,000.00 XINRAN  (at the bound)
 * C02  49,999.99 carried from Jan 1                        =                                     49,999.99 no tier (1 fen below)
 * C03  310,000.00 on 2023-12-15, no January row            = carried forward all month          310,000.00 YOURAN
 * C04  620,000.00 opened Jan 17 (days 17..31 = 15 days)    = 620,000 × 15 / 31 = 9,300,000/31 = 300,000.00 YOURAN  (at the bound)
 * C05  USD 150,000.00; 7.10 on days 1-15, 7.20 on 16-31    = 150,000 × (15×7.1 + 16×7.2) / 31
 *                                                          = 150,000 × 221.7 / 31 = 33,255,000 / 31 = 1,072,741.935… → 1,072,741.94 ZHUORAN
 * C06  deposit 1,000,000.00 days 1-10, closed by 0 on 11th; wealth 100,000.00 all month
 *                                                          = (10,000,000 + 3,100,000) / 31 = 422,580.645… → 422,580.65 YOURAN
 * C07  fund 8,000,000.00 (weight 1)                        =                                  8,000,000.00 PRIVATE (at the bound)
 * C08  999,999.99                                          =                                    999,999.99 YOURAN (1 fen below ZHUORAN)
 * </pre>
 * Total of averages 11,205,322.57. Value classes (A 0.80 / B 0.95 / C 1; share of all richer customers before each):
 * C07 0 → A; C05 8,000,000/11,205,322.57 = 0.714 → A; C08 9,072,741.94/… = 0.810 → B; C06 0.899 → B; C03 0.937 → B;
 * C04 0.964 → C; C01 0.991 → C; C02 0.996 → C.
 * Distribution: XINRAN 1 (50,000.00), YOURAN 4 (310,000.00 + 300,000.00 + 422,580.65 + 999,999.99 = 2,032,580.64),
 * ZHUORAN 1 (1,072,741.94), PRIVATE 1 (8,000,000.00), no tier 1 (49,999.99); 8 customers.
 *
 * <h2>2. Grades on 2024-01-31 (rule set CN-2023; "more than N days"; DPD = max(principal, interest))</h2>
 * <pre>
 * L01 C01   retail consumption     100,000.00  DPD 0                    NORMAL           (no rule)
 * L02 C03   retail mortgage        800,000.00  DPD 30, real estate      SPECIAL_MENTION  DPD_OVER_0
 * L03 C04   retail business        200,000.25  interest DPD 90          SPECIAL_MENTION  DPD_OVER_0 (90 is not more than 90)
 * L04 C05   retail consumption      50,000.02  DPD 91                   SUBSTANDARD      DPD_OVER_90
 * L05 C06   retail mortgage        300,000.00  restructured 2023-10-01 for difficulty, observed to 2024-12-31
 *                                                                       SPECIAL_MENTION  RESTRUCTURED
 * L06 C07   retail consumption      40,000.00  DPD 271                  DOUBTFUL         DPD_OVER_270
 * L07 C08   retail consumption      10,000.00  DPD 361                  LOSS             DPD_OVER_360
 * L08 CORP1 working capital      1,000,000.00  DPD 100, movable 300k    SUBSTANDARD      DEBTOR_CONTAGION_OVER_10PCT, DPD_OVER_90
 *           (the contagion floor applies to every loan of the debtor, so it is listed here too: both equal the grade)
 * L09 CORP1 fixed asset          4,000,000.00  DPD 0, cash 500k         SUBSTANDARD      DEBTOR_CONTAGION_OVER_10PCT
 *           (CORP1 NPL 1,000,000 / 5,000,000 = 20 % &gt; 10 %: the debtor rule is a rule, so it is L09's rule floor too)
 * L10 CORP2 trade finance        1,800,000.00  DPD 0                    NORMAL           (CORP2 NPL 200,000 / 2,000,000 = exactly 10 %: not more)
 * L11 CORP2 working capital        200,000.00  DPD 95                   SUBSTANDARD      DPD_OVER_90
 * L12 C02   retail consumption      20,000.00  DPD 0                    NORMAL
 * </pre>
 * Five categories: NORMAL 3 loans 1,920,000.00; SPECIAL_MENTION 3 1,300,000.25; SUBSTANDARD 4 5,250,000.02;
 * DOUBTFUL 1 40,000.00; LOSS 1 10,000.00; total 12 loans 8,520,000.27; NPL 5,300,000.02;
 * NPL ratio 5,300,000.02 / 8,520,000.27 = 0.622065714… → 0.62206571.
 *
 * <h2>3. Provisions, policy PBOC-2002 v1 (Normal 0, Special mention 2 %, Substandard 25 %, Doubtful 50 %, Loss 100 % of
 * the outstanding balance, each line rounded half-up to the fen; general reserve 1 % of the book)</h2>
 * <pre>
 * L02 800,000.00 × 2 %  = 16,000.00      L03 200,000.25 × 2 % = 4,000.005 → 4,000.01     L05 300,000.00 × 2 % = 6,000.00
 * L04 50,000.02 × 25 % = 12,500.005 → 12,500.01   L08 250,000.00   L09 1,000,000.00   L11 50,000.00
 * L06 40,000.00 × 50 % = 20,000.00      L07 10,000.00 × 100 % = 10,000.00              Normal loans 0.00
 * specific: SM 26,000.01 + SUB 1,312,500.01 + DOUBTFUL 20,000.00 + LOSS 10,000.00        = 1,368,500.02
 * general reserve 8,520,000.27 × 1 % = 85,200.0027                                        →    85,200.00
 * allowance                                                                               = 1,453,700.02
 * coverage = 1,453,700.02 / 5,300,000.02 = 0.274283018… → 0.27428302 (&lt; 1.50: BREACH)
 * loan provision ratio = 1,453,700.02 / 8,520,000.27 = 0.170622064… → 0.17062206 (≥ 0.025: ok)
 * NPL ratio 0.62206571 (&gt; 0.05: BREACH)
 * required = max(1.5 × 5,300,000.02 = 7,950,000.03, 0.025 × 8,520,000.27 = 213,000.01) = 7,950,000.03
 * shortfall = 7,950,000.03 − 1,453,700.02 = 6,496,300.01
 * </pre>
 *
 * <h2>4. IFRS 9 ECL beside it (configured illustrative parameters: stage 1 Normal, 2 Special mention, 3 NPL; PD
 * 12-month Normal 0.01; lifetime Special mention 0.20, NPL 1; LGD 0.45, Doubtful 0.65, Loss 1; ECL = PD × LGD × EAD)</h2>
 * <pre>
 * stage 1: L01 0.01×0.45×100,000 = 450.00; L10 8,100.00; L12 90.00                       → NORMAL 8,640.00
 * stage 2: L02 0.20×0.45×800,000 = 72,000.00; L03 0.09×200,000.25 = 18,000.0225 → 18,000.02; L05 27,000.00
 *                                                                                        → SM 117,000.02
 * stage 3: L04 0.45×50,000.02 = 22,500.009 → 22,500.01; L08 450,000.00; L09 1,800,000.00; L11 90,000.00
 *                                                                                        → SUB 2,362,500.01
 *          L06 0.65×40,000 = 26,000.00 (DOUBTFUL); L07 10,000.00 (LOSS)
 * total ECL 2,524,140.03 &gt; allowance 1,453,700.02 → ECL larger; stages 3 / 3 / 6 loans
 * </pre>
 * The breakdowns (branch, product, tier) in {@link #BY_BRANCH}, {@link #BY_PRODUCT}, {@link #BY_TIER} add the same
 * lines up by group; each row's "larger" compares its ECL with its specific provision.
 *
 * <p>Every call carries the token of the person doing the step ({@link Staff}: tier admin, risk officer, finance);
 * provision reads loan-risk and tiering with its own service identity, which the last test proves.
 */
@ExtendWith(BankSystem.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortfolioIT {

    /** One expected report row: key, loans, balance, NPL balance, specific provision, ECL, larger. */
    record Expected(String key, long loans, String balance, String npl, String provision, String ecl, LargerAmount larger) {
    }

    static final List<Expected> BY_CATEGORY = List.of(
            new Expected("NORMAL", 3, "1920000.00", "0.00", "0.00", "8640.00", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("SPECIAL_MENTION", 3, "1300000.25", "0.00", "26000.01", "117000.02", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("SUBSTANDARD", 4, "5250000.02", "5250000.02", "1312500.01", "2362500.01", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("DOUBTFUL", 1, "40000.00", "40000.00", "20000.00", "26000.00", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("LOSS", 1, "10000.00", "10000.00", "10000.00", "10000.00", LargerAmount.LARGER_AMOUNT_EQUAL));

    /** BR01 = L01-L07, L12; BR02 = L08-L11. */
    static final List<Expected> BY_BRANCH = List.of(
            // 100,000 + 800,000 + 200,000.25 + 50,000.02 + 300,000 + 40,000 + 10,000 + 20,000; NPL L04+L06+L07;
            // provisions 16,000 + 4,000.01 + 12,500.01 + 6,000 + 20,000 + 10,000; ECL 450 + 72,000 + 18,000.02 +
            // 22,500.01 + 27,000 + 26,000 + 10,000 + 90
            new Expected("BR01", 8, "1520000.27", "100000.02", "68500.02", "176040.03", LargerAmount.LARGER_AMOUNT_ECL),
            // 1,000,000 + 4,000,000 + 1,800,000 + 200,000; NPL L08+L09+L11; 250,000 + 1,000,000 + 50,000;
            // 450,000 + 1,800,000 + 8,100 + 90,000
            new Expected("BR02", 4, "7000000.00", "5200000.00", "1300000.00", "2348100.00", LargerAmount.LARGER_AMOUNT_ECL));

    static final List<Expected> BY_PRODUCT = List.of(
            // L01, L04, L06, L07, L12
            new Expected("PERSONAL_CONSUMPTION", 5, "220000.02", "100000.02", "42500.01", "59040.01", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("PERSONAL_MORTGAGE", 2, "1100000.00", "0.00", "22000.00", "99000.00", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("PERSONAL_BUSINESS", 1, "200000.25", "0.00", "4000.01", "18000.02", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("CORPORATE_WORKING_CAPITAL", 2, "1200000.00", "1200000.00", "300000.00", "540000.00",
                    LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("CORPORATE_FIXED_ASSET", 1, "4000000.00", "4000000.00", "1000000.00", "1800000.00",
                    LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("TRADE_FINANCE", 1, "1800000.00", "0.00", "0.00", "8100.00", LargerAmount.LARGER_AMOUNT_ECL));

    /** The borrower's January tier; the companies were not evaluated by tiering (UNTIERED). */
    static final List<Expected> BY_TIER = List.of(
            new Expected("NO_TIER", 1, "20000.00", "0.00", "0.00", "90.00", LargerAmount.LARGER_AMOUNT_ECL), // L12 (C02)
            new Expected("PRIVATE", 1, "40000.00", "40000.00", "20000.00", "26000.00", LargerAmount.LARGER_AMOUNT_ECL), // L06
            new Expected("UNTIERED", 4, "7000000.00", "5200000.00", "1300000.00", "2348100.00", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("XINRAN", 1, "100000.00", "0.00", "0.00", "450.00", LargerAmount.LARGER_AMOUNT_ECL), // L01 (C01)
            // L02 (C03), L03 (C04), L05 (C06), L07 (C08)
            new Expected("YOURAN", 4, "1310000.25", "10000.00", "36000.01", "127000.02", LargerAmount.LARGER_AMOUNT_ECL),
            new Expected("ZHUORAN", 1, "50000.02", "50000.02", "12500.01", "22500.01", LargerAmount.LARGER_AMOUNT_ECL)); // L04

    static final YearMonth JANUARY = YearMonth.of(2024, 1);

    private BankSystem.Running system;
    private TieringServiceGrpc.TieringServiceBlockingStub tiering;
    private LoanRiskServiceGrpc.LoanRiskServiceBlockingStub loanRisk;
    private ProvisionServiceGrpc.ProvisionServiceBlockingStub provision;
    private ProvisionRun run;

    @BeforeAll
    void loadTheSampleBank(BankSystem.Running running) throws Exception {
        system = running;
        tiering = TieringServiceGrpc.newBlockingStub(system.tiering().channel()).withCallCredentials(Staff.TIER_ADMIN)
                .withDeadlineAfter(60, TimeUnit.SECONDS);
        loanRisk = LoanRiskServiceGrpc.newBlockingStub(system.loanRisk().channel()).withCallCredentials(Staff.RISK_OFFICER)
                .withDeadlineAfter(60, TimeUnit.SECONDS);
        provision = ProvisionServiceGrpc.newBlockingStub(system.provision().channel()).withCallCredentials(Staff.FINANCE)
                .withDeadlineAfter(60, TimeUnit.SECONDS);

        assertThat(tiering.putFxRates(PutFxRatesRequest.newBuilder().addAllRates(SamplePortfolio.usdRates()).build()).getStored())
                .isEqualTo(31);
        LoadBalancesResponse loaded = tiering.putBalances(PutBalancesRequest.newBuilder().addAllBalances(SamplePortfolio.balances()).build());
        assertThat(loaded.getInserted()).isEqualTo(10);

        LoadLoanFactsResponse facts = loadFacts(SamplePortfolio.loanFacts());
        assertThat(facts.getFactsInserted()).isEqualTo(12);
        assertThat(facts.getLoansRegistered()).isEqualTo(12);

        List<EvaluationProgress> evaluation = new ArrayList<>();
        tiering.evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY)).build())
                .forEachRemaining(evaluation::add);
        assertThat(evaluation).last().satisfies(p -> {
            assertThat(p.getStage()).isEqualTo(EvaluationStage.EVALUATION_STAGE_COMPLETED);
            assertThat(p.getCustomers()).isEqualTo(8);
            assertThat(p.getRecomputed()).isTrue();
        });

        List<ClassificationProgress> classification = new ArrayList<>();
        loanRisk.classifyPortfolio(ClassifyPortfolioRequest.newBuilder().setAsOf(Dates.toDate(SamplePortfolio.AS_OF))
                .build()).forEachRemaining(classification::add);
        assertThat(classification).last().satisfies(p -> {
            assertThat(p.getStage()).isEqualTo(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED);
            assertThat(p.getAlreadyExisted()).isFalse();
        });

        List<RunProvisioningProgress> provisioning = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(SamplePortfolio.AS_OF))
                .setPolicyCode("PBOC-2002").build()).forEachRemaining(provisioning::add);
        RunProvisioningProgress last = provisioning.get(provisioning.size() - 1);
        assertThat(last.getPhase()).isEqualTo(RunPhase.RUN_PHASE_COMPLETED);
        run = last.getRun();
    }

    @Test
    @Order(1)
    void everyAverageTierAndValueClassIsTheHandComputedOne() {
        assertTier("C01", "50000.00", "XINRAN", "C");
        assertTier("C02", "49999.99", "", "C");
        assertTier("C03", "310000.00", "YOURAN", "B");
        assertTier("C04", "300000.00", "YOURAN", "C");
        assertTier("C05", "1072741.94", "ZHUORAN", "A");
        assertTier("C06", "422580.65", "YOURAN", "B");
        assertTier("C07", "8000000.00", "PRIVATE", "A");
        assertTier("C08", "999999.99", "YOURAN", "B");

        TierDistribution distribution = tiering.getTierDistribution(
                GetTierDistributionRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY)).build());
        assertThat(distribution.getCustomers()).isEqualTo(8);
        assertThat(distribution.getTotalAverageBalance().getAmount()).isEqualTo("11205322.57");
        assertThat(distribution.getBucketsList()).extracting(TierBucket::getTierCode, TierBucket::getCustomers,
                b -> b.getTotalAverageBalance().getAmount()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("XINRAN", 1L, "50000.00"),
                        org.assertj.core.groups.Tuple.tuple("YOURAN", 4L, "2032580.64"),
                        org.assertj.core.groups.Tuple.tuple("ZHUORAN", 1L, "1072741.94"),
                        org.assertj.core.groups.Tuple.tuple("PRIVATE", 1L, "8000000.00"),
                        org.assertj.core.groups.Tuple.tuple("", 1L, "49999.99"));
    }

    @Test
    @Order(2)
    void everyGradeHasItsRule() {
        assertGrade("L01", LoanCategory.LOAN_CATEGORY_NORMAL, LoanCategory.LOAN_CATEGORY_NORMAL);
        assertGrade("L02", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "DPD_OVER_0");
        assertGrade("L03", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "DPD_OVER_0");
        assertGrade("L04", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DPD_OVER_90");
        assertGrade("L05", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "RESTRUCTURED");
        assertGrade("L06", LoanCategory.LOAN_CATEGORY_DOUBTFUL, LoanCategory.LOAN_CATEGORY_DOUBTFUL, "DPD_OVER_270");
        assertGrade("L07", LoanCategory.LOAN_CATEGORY_LOSS, LoanCategory.LOAN_CATEGORY_LOSS, "DPD_OVER_360");
        assertGrade("L08", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DEBTOR_CONTAGION_OVER_10PCT",
                "DPD_OVER_90");
        assertGrade("L09", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DEBTOR_CONTAGION_OVER_10PCT");
        assertGrade("L10", LoanCategory.LOAN_CATEGORY_NORMAL, LoanCategory.LOAN_CATEGORY_NORMAL);
        assertGrade("L11", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "DPD_OVER_90");
        assertGrade("L12", LoanCategory.LOAN_CATEGORY_NORMAL, LoanCategory.LOAN_CATEGORY_NORMAL);

        SnapshotSummary summary = loanRisk.getSnapshotSummary(GetSnapshotSummaryRequest.newBuilder()
                .setSnapshotId(run.getInputs().getSnapshotId()).build());
        assertThat(summary.getSnapshot().getLoanCount()).isEqualTo(12);
        assertThat(summary.getSnapshot().getTotalBalance().getAmount()).isEqualTo("8520000.27");
        assertThat(summary.getCategoriesList()).extracting(CategoryTotal::getCategory, CategoryTotal::getLoanCount,
                c -> c.getBalance().getAmount()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LoanCategory.LOAN_CATEGORY_NORMAL, 3L, "1920000.00"),
                        org.assertj.core.groups.Tuple.tuple(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, 3L, "1300000.25"),
                        org.assertj.core.groups.Tuple.tuple(LoanCategory.LOAN_CATEGORY_SUBSTANDARD, 4L, "5250000.02"),
                        org.assertj.core.groups.Tuple.tuple(LoanCategory.LOAN_CATEGORY_DOUBTFUL, 1L, "40000.00"),
                        org.assertj.core.groups.Tuple.tuple(LoanCategory.LOAN_CATEGORY_LOSS, 1L, "10000.00"));
        assertThat(summary.getNplBalance().getAmount()).isEqualTo("5300000.02");
        assertThat(summary.getNplRatio().getValue()).isEqualTo("0.62206571");
    }

    @Test
    @Order(3)
    void provisionsRatiosAndEclAreTheHandComputedOnes() {
        assertThat(run.getInputs().getPolicyCode()).isEqualTo("PBOC-2002");
        assertThat(run.getInputs().getPolicyVersion()).isEqualTo(1);
        assertThat(run.getLoanCount()).isEqualTo(12);
        assertThat(amount(run.getTotalBalance())).isEqualTo("8520000.27");
        assertThat(amount(run.getNplBalance())).isEqualTo("5300000.02");
        assertThat(amount(run.getSpecificProvision())).isEqualTo("1368500.02");
        assertThat(amount(run.getGeneralReserve())).isEqualTo("85200.00");
        assertThat(amount(run.getAllowance())).isEqualTo("1453700.02");

        assertThat(run.getCategoriesList()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            bank.provision.v1.CategoryTotal total = run.getCategories(i);
            Expected expected = BY_CATEGORY.get(i);
            assertThat(total.getCategory().name()).isEqualTo("LOAN_CATEGORY_" + expected.key());
            assertThat(total.getLoanCount()).isEqualTo(expected.loans());
            assertThat(amount(total.getBalance())).isEqualTo(expected.balance());
            assertThat(amount(total.getBase())).isEqualTo(expected.balance()); // PBOC-2002 applies rates to the balance
            assertThat(amount(total.getSpecificProvision())).isEqualTo(expected.provision());
            assertThat(amount(total.getEcl())).isEqualTo(expected.ecl());
        }

        RegulatoryRatios ratios = run.getRatios();
        assertThat(ratios.getNplRatio().getValue()).isEqualTo("0.62206571");
        assertThat(ratios.getNplRatioBreached()).isTrue();
        assertThat(ratios.getCoverageRatio().getValue()).isEqualTo("0.27428302");
        assertThat(ratios.getCoverageApplicable()).isTrue();
        assertThat(ratios.getCoverageBreached()).isTrue();
        assertThat(ratios.getLoanProvisionRatio().getValue()).isEqualTo("0.17062206");
        assertThat(ratios.getLoanProvisionRatioBreached()).isFalse();
        assertThat(amount(ratios.getRequiredAllowance())).isEqualTo("7950000.03");
        assertThat(amount(ratios.getShortfall())).isEqualTo("6496300.01");

        assertThat(amount(run.getEcl().getEcl())).isEqualTo("2524140.03");
        assertThat(amount(run.getEcl().getRegulatoryAllowance())).isEqualTo("1453700.02");
        assertThat(run.getEcl().getLarger()).isEqualTo(LargerAmount.LARGER_AMOUNT_ECL);
        assertThat(List.of(run.getEcl().getStage1Loans(), run.getEcl().getStage2Loans(), run.getEcl().getStage3Loans()))
                .containsExactly(3L, 3L, 6L);
    }

    @Test
    @Order(4)
    void everyReportViewOverGrpcAddsUpByHand() {
        assertReport(ReportView.REPORT_VIEW_CATEGORY, BY_CATEGORY);
        assertReport(ReportView.REPORT_VIEW_BRANCH, BY_BRANCH);
        assertReport(ReportView.REPORT_VIEW_PRODUCT, BY_PRODUCT);
        assertReport(ReportView.REPORT_VIEW_TIER, BY_TIER);
    }

    @Test
    @Order(5)
    void theCsvDownloadCarriesTheSameNumbers() throws Exception {
        String csv = new String(system.provision().download("/provision/runs/" + run.getRunId() + "/report.csv",
                Staff.financeAuthorization()), StandardCharsets.UTF_8);
        Map<String, List<String[]>> sections = csvSections(csv);

        Map<String, String[]> figures = byFirstCell(sections.get("Totals and ratios"));
        assertThat(figures.get("Loans")[1]).isEqualTo("12");
        assertThat(figures.get("Total balance")[1]).isEqualTo("8520000.27");
        assertThat(figures.get("NPL balance")[1]).isEqualTo("5300000.02");
        assertThat(figures.get("Specific provisions")[1]).isEqualTo("1368500.02");
        assertThat(figures.get("General reserve")[1]).isEqualTo("85200.00");
        assertThat(figures.get("Allowance (specific + general)")[1]).isEqualTo("1453700.02");
        assertThat(figures.get("ECL (IFRS 9)")[1]).isEqualTo("2524140.03");
        assertThat(figures.get("NPL ratio (max 5 %)")).containsExactly("NPL ratio (max 5 %)", "0.62206571", "BREACH");
        assertThat(figures.get("Provision coverage (min 150 %)")).containsExactly("Provision coverage (min 150 %)", "0.27428302", "BREACH");
        assertThat(figures.get("Loan provision ratio (min 2.5 %)")).containsExactly("Loan provision ratio (min 2.5 %)", "0.17062206", "ok");
        assertThat(figures.get("Required allowance")[1]).isEqualTo("7950000.03");
        assertThat(figures.get("Shortfall")).containsExactly("Shortfall", "6496300.01", "BREACH");
        assertThat(byFirstCell(sections.get("Inputs")).get("Policy")[1]).isEqualTo("PBOC-2002 v1");

        assertCsvRows(sections.get("By Category"), BY_CATEGORY);
        assertCsvRows(sections.get("By Branch"), BY_BRANCH);
        assertCsvRows(sections.get("By Product"), BY_PRODUCT);
        assertCsvRows(sections.get("By Customer tier"), BY_TIER);
        assertThat(byFirstCell(sections.get("By Customer tier")).get("YOURAN")[1]).isEqualTo("悠然");
    }

    @Test
    @Order(6)
    void theWorkbookCellsCarryTheSameNumbers() throws Exception {
        byte[] xlsx = system.provision().download("/provision/runs/" + run.getRunId() + "/report.xlsx", Staff.financeAuthorization());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet inputs = workbook.getSheet("Inputs");
            assertNumber(row(inputs, "Total balance").getCell(1), "8520000.27");
            assertNumber(row(inputs, "NPL balance").getCell(1), "5300000.02");
            assertNumber(row(inputs, "Specific provisions").getCell(1), "1368500.02");
            assertNumber(row(inputs, "General reserve").getCell(1), "85200.00");
            assertNumber(row(inputs, "Allowance (specific + general)").getCell(1), "1453700.02");
            assertNumber(row(inputs, "ECL (IFRS 9)").getCell(1), "2524140.03");
            assertNumber(row(inputs, "NPL ratio (max 5 %)").getCell(1), "0.62206571");
            assertNumber(row(inputs, "Provision coverage (min 150 %)").getCell(1), "0.27428302");
            assertNumber(row(inputs, "Loan provision ratio (min 2.5 %)").getCell(1), "0.17062206");
            assertNumber(row(inputs, "Required allowance").getCell(1), "7950000.03");
            assertNumber(row(inputs, "Shortfall").getCell(1), "6496300.01");

            assertSheetRows(workbook.getSheet("Category"), BY_CATEGORY);
            assertSheetRows(workbook.getSheet("Branch"), BY_BRANCH);
            assertSheetRows(workbook.getSheet("Product"), BY_PRODUCT);
            assertSheetRows(workbook.getSheet("Customer tier"), BY_TIER);
        }
    }

    @Test
    @Order(7)
    void thePdfPrintsTheSameNumbers() throws Exception {
        byte[] pdf = system.provision().download("/provision/runs/" + run.getRunId() + "/report.pdf", Staff.financeAuthorization());
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            text = stripper.getText(document);
        }
        List<String> lines = text.lines().map(String::strip).toList();
        assertThat(lines).contains("Total balance 8,520,000.27", "NPL balance 5,300,000.02", "Specific provisions 1,368,500.02",
                "General reserve 85,200.00", "Allowance (specific + general) 1,453,700.02", "ECL (IFRS 9) 2,524,140.03 LARGER",
                "NPL ratio (max 5 %) 62.21 % BREACH", "Provision coverage (min 150 %) 27.43 % BREACH",
                "Loan provision ratio (min 2.5 %) 17.06 % ok", "Required allowance 7,950,000.03", "Shortfall 6,496,300.01 BREACH");
        for (List<Expected> view : List.of(BY_CATEGORY, BY_BRANCH, BY_PRODUCT, BY_TIER)) {
            for (Expected e : view) {
                assertThat(lines).as("PDF table row of %s", e.key()).contains(String.join(" ", e.key(), Long.toString(e.loans()),
                        grouped(e.balance()), grouped(e.npl()), grouped(e.provision()), grouped(e.ecl())));
            }
        }
    }

    /**
     * The collateral, through a policy that nets it ({@code E2E-NET}: PBOC-2002's rates and 1 % general reserve,
     * base NET_OF_COLLATERAL; eligible collateral CASH_DEPOSIT, SECURITIES, REAL_ESTATE):
     * <pre>
     * L02 real estate 1,000,000 ≥ balance 800,000 → base max(800,000 − 1,000,000, 0) = 0     → 0.00 (was 16,000.00)
     * L09 cash deposit 500,000 → base 4,000,000 − 500,000 = 3,500,000 × 25 %               → 875,000.00 (was 1,000,000.00)
     * L08 movable property 300,000: not eligible, base stays 1,000,000                      → 250,000.00
     * SPECIAL_MENTION base 1,300,000.25 − 800,000 = 500,000.25, provision 4,000.01 + 6,000.00 = 10,000.01
     * SUBSTANDARD base 5,250,000.02 − 500,000 = 4,750,000.02, provision 12,500.01 + 250,000 + 875,000 + 50,000 = 1,187,500.01
     * specific 0 + 10,000.01 + 1,187,500.01 + 20,000.00 + 10,000.00 = 1,227,500.02; general 85,200.00 (on balances)
     * allowance 1,312,700.02; coverage 1,312,700.02 / 5,300,000.02 = 0.24767925; loan provision ratio
     * 1,312,700.02 / 8,520,000.27 = 0.15407277; shortfall 7,950,000.03 − 1,312,700.02 = 6,637,300.01
     * </pre>
     */
    @Test
    @Order(8)
    void collateralIsNettedUnderANetOfCollateralPolicy() {
        provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(Policy.newBuilder().setPolicyCode("E2E-NET").setVersion(1)
                .setName("PBOC 2002 rates, net of eligible collateral").setEffectiveFrom(SamplePortfolio.date("2024-01-01"))
                .setGeneralReserveRate(decimal("0.01")).setBase(ProvisionBase.PROVISION_BASE_NET_OF_COLLATERAL)
                .addRates(rate(LoanCategory.LOAN_CATEGORY_NORMAL, "0", "0", "0"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "0.02", "0.02", "0.02"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "0.25", "0.20", "0.30"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_DOUBTFUL, "0.50", "0.40", "0.60"))
                .addRates(rate(LoanCategory.LOAN_CATEGORY_LOSS, "1", "1", "1"))).build());
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(SamplePortfolio.AS_OF))
                .setPolicyCode("E2E-NET").build()).forEachRemaining(progress::add);
        ProvisionRun net = progress.get(progress.size() - 1).getRun();

        assertThat(net.getCategoriesList()).extracting(c -> amount(c.getBase()), c -> amount(c.getSpecificProvision())).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1920000.00", "0.00"),
                org.assertj.core.groups.Tuple.tuple("500000.25", "10000.01"),
                org.assertj.core.groups.Tuple.tuple("4750000.02", "1187500.01"),
                org.assertj.core.groups.Tuple.tuple("40000.00", "20000.00"),
                org.assertj.core.groups.Tuple.tuple("10000.00", "10000.00"));
        assertThat(amount(net.getSpecificProvision())).isEqualTo("1227500.02");
        assertThat(amount(net.getGeneralReserve())).isEqualTo("85200.00");
        assertThat(amount(net.getAllowance())).isEqualTo("1312700.02");
        assertThat(net.getRatios().getCoverageRatio().getValue()).isEqualTo("0.24767925");
        assertThat(net.getRatios().getLoanProvisionRatio().getValue()).isEqualTo("0.15407277");
        assertThat(amount(net.getRatios().getShortfall())).isEqualTo("6637300.01");
    }

    /**
     * Authentication across the services. The classification is audited under the risk officer's name. loan-risk
     * and tiering refuse a caller without a token, yet the run above read the whole snapshot from loan-risk and the
     * tier view read tiering: provision presented its own service identity (role {@code service}, signed with the
     * key of {@code SERVICE_TOKEN_KEY_LOCATION}). provision itself admits only finance to runs and reports: a risk
     * officer's valid token gets PERMISSION_DENIED (403 over REST), no token UNAUTHENTICATED (401).
     */
    @Test
    @Order(9)
    void provisionReadsTheOtherServicesAsItselfAndAdmitsOnlyFinance() throws Exception {
        assertThat(run.getLoanCount()).isEqualTo(12);
        // loan-risk's audit names the person whose token ran the classification.
        assertThat(loanRisk.listAuditEvents(ListAuditEventsRequest.newBuilder().setAction("SNAPSHOT_CREATED").build()).getEventsList())
                .extracting(AuditEvent::getActor).containsExactly("e2e-risk-officer");
        assertThat(status(() -> SnapshotServiceGrpc.newBlockingStub(system.loanRisk().channel())
                .getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(SamplePortfolio.AS_OF)).build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status(() -> TieringServiceGrpc.newBlockingStub(system.tiering().channel())
                .streamTierAssignments(StreamTierAssignmentsRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY)).build())
                .forEachRemaining(assignment -> { }))).isEqualTo(Status.Code.UNAUTHENTICATED);

        ProvisionServiceGrpc.ProvisionServiceBlockingStub anonymous = ProvisionServiceGrpc.newBlockingStub(system.provision().channel());
        ProvisionServiceGrpc.ProvisionServiceBlockingStub riskOfficer = anonymous.withCallCredentials(Staff.RISK_OFFICER);
        RunProvisioningRequest again = RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(SamplePortfolio.AS_OF))
                .setPolicyCode("PBOC-2002").build();
        assertThat(status(() -> riskOfficer.runProvisioning(again).forEachRemaining(p -> { }))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status(() -> anonymous.runProvisioning(again).forEachRemaining(p -> { }))).isEqualTo(Status.Code.UNAUTHENTICATED);
        GetRunRequest getRun = GetRunRequest.newBuilder().setRunId(run.getRunId()).build();
        assertThat(status(() -> riskOfficer.getRun(getRun))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status(() -> anonymous.getRun(getRun))).isEqualTo(Status.Code.UNAUTHENTICATED);

        String report = "/provision/runs/" + run.getRunId() + "/report.csv";
        assertThat(system.provision().get(report, null).statusCode()).isEqualTo(401);
        assertThat(system.provision().get(report, TestTokens.authorizationHeader("e2e-risk-officer", Roles.RISK_OFFICER)).statusCode())
                .isEqualTo(403);
    }

    /**
     * The month-end job (issue 17 item 6) as the CronJob runs it: the packaged CLI as a process, {@code bankrisk
     * month-end --month 2024-01} with the three services' addresses and the job's own signed token (the repository's
     * sample key, which the services trust). The month above is already evaluated, classified and provisioned, so the
     * job reuses each step (the same snapshot, the same run) and only submits the run: one line per step, exit 0, the
     * run SUBMITTED by {@code month-end-job} over gRPC. Run again, it changes nothing: same run id, still SUBMITTED,
     * submitted at the same instant, still one PBOC-2002 run in provision's database.
     */
    @Test
    @Order(10)
    void theMonthEndJobReusesEachStepSubmitsTheRunAndChangesNothingTheSecondTime() throws Exception {
        ProvisionServiceGrpc.ProvisionServiceBlockingStub finance = ProvisionServiceGrpc.newBlockingStub(system.provision().channel())
                .withCallCredentials(Staff.FINANCE);
        long runs = E2eSettings.count("provision_e2e", "SELECT count(*) FROM provision_run");
        String snapshotId = run.getInputs().getSnapshotId();
        long id = run.getRunId();
        assertThat(snapshotId).isNotEmpty();

        assertThat(monthEnd()).containsSubsequence(
                "1/4 tiers 2024-01: 8 customers, scheme v1 (already evaluated)",
                "2/4 classify 2024-01-31: snapshot " + snapshotId + ", 12 loans",
                "3/4 provision 2024-01-31: run " + id + ", PBOC-2002 v1, 12 loans",
                "4/4 submit run " + id + ": SUBMITTED",
                "month=2024-01 snapshot_id=" + snapshotId + " run_id=" + id + " status=SUBMITTED");
        ProvisionRun submitted = finance.withDeadlineAfter(10, TimeUnit.SECONDS).getRun(GetRunRequest.newBuilder().setRunId(id).build());
        assertThat(submitted.getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_SUBMITTED);
        assertThat(submitted.getLifecycle().getSubmittedBy()).isEqualTo("month-end-job");
        assertThat(submitted.getInputs().getSnapshotId()).isEqualTo(snapshotId);
        assertThat(E2eSettings.count("provision_e2e", "SELECT count(*) FROM provision_run")).isEqualTo(runs);

        assertThat(monthEnd()).containsSubsequence(
                "1/4 tiers 2024-01: 8 customers, scheme v1 (already evaluated)",
                "2/4 classify 2024-01-31: snapshot " + snapshotId + ", 12 loans",
                "3/4 provision 2024-01-31: run " + id + ", PBOC-2002 v1, 12 loans",
                "4/4 submit run " + id + ": SUBMITTED (already)",
                "month=2024-01 snapshot_id=" + snapshotId + " run_id=" + id + " status=SUBMITTED");
        ProvisionRun again = finance.withDeadlineAfter(10, TimeUnit.SECONDS).getRun(GetRunRequest.newBuilder().setRunId(id).build());
        assertThat(again.getLifecycle()).isEqualTo(submitted.getLifecycle());
        assertThat(E2eSettings.count("provision_e2e", "SELECT count(*) FROM provision_run")).isEqualTo(runs);
        assertThat(E2eSettings.count("loan_risk_e2e", "SELECT count(*) FROM snapshot")).isEqualTo(1);
        assertThat(E2eSettings.count("tiering_e2e", "SELECT count(*) FROM evaluation_run")).isEqualTo(1);
    }

    /**
     * February from booked events ({@link SamplePortfolio#februaryEvents()}): the risk officer records them, the write-off
     * of L07 waits for the risk approver, the recovery follows; February's facts reconcile with the events (0 loans
     * listed); provision's movement and journal from January are built from loan-risk's flows, nothing inferred.
     * PBOC-2002 v1 books recoveries to the allowance (the default). February's book: 8,520,000.27 − 10,000.00 (L01) −
     * 10,000.02 (L04) − 40,000.00 (L06 sold) − 10,000.00 (L07 written off) = 8,450,000.25 in 10 loans.
     * <pre>
     * L04 SS 12,500.01 → 40,000.00 × 25 % = 10,000.00                   SS release 2,500.01
     * L06 Doubtful 20,000.00, 40,000.00 sold at 12,000.00: 28,000.00 used; 0 − 20,000.00 + 28,000.00 = 8,000.00  D charge 8,000.00
     * L07 Loss 10,000.00 written off 10,000.00, 1,500.00 recovered: 0 − 10,000.00 + 10,000.00 − 1,500.00   Loss release 1,500.00
     * L01 Normal 0.00 → 0.00; every other loan unchanged
     * general reserve 85,200.00 → 8,450,000.25 × 1 % = 84,500.0025 → 84,500.00       release 700.00
     * SS 1,312,500.01 + 0 − 2,500.01 − 0 − 0 + 0 = 1,310,000.00; D 20,000.00 + 8,000.00 − 0 − 0 − 28,000.00 + 0 = 0.00;
     * Loss 10,000.00 + 0 − 1,500.00 − 10,000.00 − 0 + 1,500.00 = 0.00
     * total 1,453,700.02 + 8,000.00 − 4,700.01 − 10,000.00 − 28,000.00 + 1,500.00 = 1,420,500.01
     *     = 26,000.01 (SM) + 1,310,000.00 (SS) + 84,500.00 (general) = February's allowance
     * journal: BR01 (L01-L07) charges 8,000.00 − releases 4,000.01 = charge 3,999.99, write-off 10,000.00 (Dr 1304 / Cr
     * 1303), derecognition 28,000.00 (Dr 1304 / Cr 1303), recovery 1,500.00 (Dr 1001 / Cr 1304): BR01's allowance
     * 68,500.02 + 3,999.99 − 10,000.00 − 28,000.00 + 1,500.00 = 36,000.01 = 16,000.00 + 4,000.01 + 10,000.00 + 6,000.00;
     * BR02 unchanged, nothing; head office release 700.00. Debits 3,999.99 + 10,000.00 + 28,000.00 + 1,500.00 + 700.00
     * = 44,199.99.
     * </pre>
     */
    @Test
    @Order(11)
    void februarysMovementAndJournalAreBuiltFromTheBookedEvents() throws Exception {
        // Fresh stubs: the suite's own carry a deadline fixed when the suite started.
        LoanRiskServiceGrpc.LoanRiskServiceBlockingStub loanRisk = LoanRiskServiceGrpc.newBlockingStub(system.loanRisk().channel())
                .withCallCredentials(Staff.RISK_OFFICER).withDeadlineAfter(60, TimeUnit.SECONDS);
        ProvisionServiceGrpc.ProvisionServiceBlockingStub provision = ProvisionServiceGrpc.newBlockingStub(system.provision().channel())
                .withCallCredentials(Staff.FINANCE).withDeadlineAfter(60, TimeUnit.SECONDS);
        for (LoanEvent event : SamplePortfolio.februaryEvents()) {
            loanRisk.recordLoanEvent(RecordLoanEventRequest.newBuilder().setEvent(event).build());
        }
        LoanRiskServiceGrpc.LoanRiskServiceBlockingStub approver = LoanRiskServiceGrpc.newBlockingStub(system.loanRisk().channel())
                .withCallCredentials(Staff.RISK_APPROVER).withDeadlineAfter(60, TimeUnit.SECONDS);
        DecideWriteOffRequest decision = DecideWriteOffRequest.newBuilder().setEventId(SamplePortfolio.L07_WRITE_OFF)
                .setComment("collection exhausted, board decision HQ-WO-2024-007").build();
        assertThat(status(() -> loanRisk.approveWriteOff(decision))).isEqualTo(Status.Code.PERMISSION_DENIED);
        LoanEvent approved = approver.approveWriteOff(decision);
        assertThat(approved.getStatus()).isEqualTo(LoanEventStatus.LOAN_EVENT_STATUS_BOOKED);
        assertThat(approved.getRecordedBy()).isEqualTo("e2e-risk-officer");
        assertThat(approved.getDecidedBy()).isEqualTo("e2e-risk-approver");
        loanRisk.recordLoanEvent(RecordLoanEventRequest.newBuilder().setEvent(SamplePortfolio.februaryRecovery()).build());

        assertThat(loadFacts(SamplePortfolio.februaryFacts()).getFactsInserted()).isEqualTo(12);
        List<ClassificationProgress> classification = new ArrayList<>();
        loanRisk.classifyPortfolio(ClassifyPortfolioRequest.newBuilder().setAsOf(Dates.toDate(SamplePortfolio.FEBRUARY)).build())
                .forEachRemaining(classification::add);
        assertThat(classification).last().satisfies(p -> assertThat(p.getStage()).isEqualTo(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED));
        List<RunProvisioningProgress> provisioning = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(SamplePortfolio.FEBRUARY))
                .setPolicyCode("PBOC-2002").build()).forEachRemaining(provisioning::add);
        ProvisionRun february = provisioning.get(provisioning.size() - 1).getRun();
        SnapshotSummary summary = loanRisk.getSnapshotSummary(GetSnapshotSummaryRequest.newBuilder()
                .setSnapshotId(february.getInputs().getSnapshotId()).build());
        assertThat(summary.getSnapshot().getLoanCount()).isEqualTo(10);
        assertThat(summary.getSnapshot().getTotalBalance().getAmount()).isEqualTo("8450000.25");
        assertThat(summary.getUnreconciledLoanCount()).isZero();
        assertThat(february.getAllowance().getAmount()).isEqualTo("1420500.01");

        Movement movement = provision.getMovement(GetMovementRequest.newBuilder().setFromRunId(run.getRunId())
                .setToRunId(february.getRunId()).build());
        Journal journal = provision.getJournal(GetJournalRequest.newBuilder().setRunId(february.getRunId())
                .setPreviousRunId(run.getRunId()).build());

        assertThat(movement.getRowsList()).extracting(r -> r.getKind().name().replace("MOVEMENT_ROW_KIND_", "") + " "
                + r.getCategory().name().replace("LOAN_CATEGORY_", "") + ": " + r.getOpening().getAmount() + " + "
                + r.getCharges().getAmount() + " - " + r.getReleases().getAmount() + " - " + r.getWriteOffs().getAmount() + " - "
                + r.getDerecognitionLosses().getAmount() + " + " + r.getRecoveries().getAmount() + " = " + r.getClosing().getAmount())
                .containsExactly(
                        "CATEGORY NORMAL: 0.00 + 0.00 - 0.00 - 0.00 - 0.00 + 0.00 = 0.00",
                        "CATEGORY SPECIAL_MENTION: 26000.01 + 0.00 - 0.00 - 0.00 - 0.00 + 0.00 = 26000.01",
                        "CATEGORY SUBSTANDARD: 1312500.01 + 0.00 - 2500.01 - 0.00 - 0.00 + 0.00 = 1310000.00",
                        "CATEGORY DOUBTFUL: 20000.00 + 8000.00 - 0.00 - 0.00 - 28000.00 + 0.00 = 0.00",
                        "CATEGORY LOSS: 10000.00 + 0.00 - 1500.00 - 10000.00 - 0.00 + 1500.00 = 0.00",
                        "GENERAL_RESERVE UNSPECIFIED: 85200.00 + 0.00 - 700.00 - 0.00 - 0.00 + 0.00 = 84500.00",
                        "TOTAL UNSPECIFIED: 1453700.02 + 8000.00 - 4700.01 - 10000.00 - 28000.00 + 1500.00 = 1420500.01");
        assertThat(journal.getEntriesList()).extracting(e -> e.getEntryId() + ": " + String.join(", ", e.getPostingsList().stream()
                .map(p -> p.getAccountCode() + (p.getDebit().getAmount().equals("0.00") ? " Cr " + p.getCredit().getAmount()
                        : " Dr " + p.getDebit().getAmount())).toList()))
                .containsExactly(
                        "BR01-CHARGE: 6702 Dr 3999.99, 1304 Cr 3999.99",
                        "BR01-WRITE_OFF: 1304 Dr 10000.00, 1303 Cr 10000.00",
                        "BR01-DERECOGNITION: 1304 Dr 28000.00, 1303 Cr 28000.00",
                        "BR01-RECOVERY: 1001 Dr 1500.00, 1304 Cr 1500.00",
                        "HEAD_OFFICE-RELEASE: 1304 Dr 700.00, 6702 Cr 700.00");
        assertThat(journal.getTotalDebit().getAmount()).isEqualTo("44199.99").isEqualTo(journal.getTotalCredit().getAmount());
    }

    /** Runs the packaged CLI's month-end job for January; fails unless it exits 0; returns its stdout lines. */
    private static List<String> monthEnd() throws Exception {
        Path root = E2eSettings.repoRoot();
        Path stdout = Files.createTempFile("month-end", ".out"), stderr = Files.createTempFile("month-end", ".err");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                root.resolve("cli/target/quarkus-app/quarkus-run.jar").toString(), "--plain",
                "--tiering", "127.0.0.1:" + BankSystem.TIERING_GRPC, "--loan-risk", "127.0.0.1:" + BankSystem.LOAN_RISK_GRPC,
                "--provision", "127.0.0.1:" + BankSystem.PROVISION_GRPC,
                "month-end", "--month", "2024-01", "--signing-key", TestTokens.privateKey().toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!cli.waitFor(60, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new AssertionError("month-end did not finish within 60 s");
        }
        List<String> lines = Files.readAllLines(stdout);
        assertThat(cli.exitValue()).as("exit code; stdout %s; stderr %s", lines, Files.readString(stderr)).isZero();
        return lines;
    }

    /** The status a call failed with; fails the test when the call succeeded. */
    private static Status.Code status(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException refused) {
            return refused.getStatus().getCode();
        }
        throw new AssertionError("the call succeeded");
    }

    private static CategoryRate rate(LoanCategory category, String rate, String min, String max) {
        return CategoryRate.newBuilder().setCategory(category).setRate(decimal(rate)).setMinRate(decimal(min)).setMaxRate(decimal(max)).build();
    }

    private static Decimal decimal(String value) {
        return Decimal.newBuilder().setValue(value).build();
    }

    // --- helpers ---

    private LoadLoanFactsResponse loadFacts(List<LoadLoanFactsRequest> rows) throws Exception {
        CompletableFuture<LoadLoanFactsResponse> done = new CompletableFuture<>();
        StreamObserver<LoadLoanFactsRequest> upload = LoanRiskServiceGrpc.newStub(system.loanRisk().channel())
                .withCallCredentials(Staff.RISK_OFFICER).withDeadlineAfter(60, TimeUnit.SECONDS).loadLoanFacts(new StreamObserver<>() {
                    @Override
                    public void onNext(LoadLoanFactsResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        rows.forEach(upload::onNext);
        upload.onCompleted();
        return done.get(60, TimeUnit.SECONDS);
    }

    private void assertTier(String customer, String average, String tier, String valueClass) {
        CustomerTier result = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber(customer)
                .setMonth(Dates.toYearMonth(JANUARY)).build());
        assertThat(result.getAverageBalance().getAmount()).as("average of %s", customer).isEqualTo(average);
        assertThat(result.getAverageBalance().getCurrencyCode()).isEqualTo("CNY");
        assertThat(result.getTierCode()).as("tier of %s", customer).isEqualTo(tier);
        assertThat(result.getQualifiedTierCode()).isEqualTo(tier);
        assertThat(result.getValueClass()).as("value class of %s", customer).isEqualTo(valueClass);
        assertThat(result.getGraceHeld()).isFalse();
    }

    private void assertGrade(String loanId, LoanCategory category, LoanCategory ruleFloor, String... reasons) {
        LoanGrade grade = loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId(loanId)
                .setAsOf(Dates.toDate(SamplePortfolio.AS_OF)).build());
        assertThat(grade.getCategory()).as("grade of %s", loanId).isEqualTo(category);
        assertThat(grade.getRuleFloor()).as("rule floor of %s", loanId).isEqualTo(ruleFloor);
        assertThat(grade.getReasonCodesList()).as("reasons of %s", loanId).containsExactly(reasons);
        assertThat(grade.getRuleSetVersion()).startsWith("CN-2023");
    }

    private void assertReport(ReportView view, List<Expected> expected) {
        Report report = provision.getReport(GetReportRequest.newBuilder().setRunId(run.getRunId()).setView(view).build());
        Map<String, ReportRow> rows = new LinkedHashMap<>();
        report.getRowsList().forEach(r -> rows.put(r.getKey(), r));
        assertThat(rows.keySet()).as("%s keys", view).containsExactlyInAnyOrderElementsOf(expected.stream().map(Expected::key).toList());
        for (Expected e : expected) {
            ReportRow row = rows.get(e.key());
            assertThat(List.of(Long.toString(row.getLoanCount()), amount(row.getBalance()), amount(row.getNplBalance()),
                    amount(row.getSpecificProvision()), amount(row.getEcl()), row.getLarger().name()))
                    .as("%s row %s", view, e.key())
                    .containsExactly(Long.toString(e.loans()), e.balance(), e.npl(), e.provision(), e.ecl(), e.larger().name());
        }
    }

    private static void assertCsvRows(List<String[]> section, List<Expected> expected) {
        Map<String, String[]> rows = byFirstCell(section);
        rows.remove("key");
        rows.remove("note");
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(Expected::key).toList());
        for (Expected e : expected) {
            String[] cells = rows.get(e.key());
            assertThat(List.of(cells).subList(2, 8)).as("CSV row %s", e.key()).containsExactly(Long.toString(e.loans()), e.balance(),
                    e.npl(), e.provision(), e.ecl(), e.larger().name().substring("LARGER_AMOUNT_".length()));
        }
    }

    private static void assertSheetRows(Sheet sheet, List<Expected> expected) {
        for (Expected e : expected) {
            Row row = row(sheet, e.key());
            assertThat(row.getCell(2).getNumericCellValue()).as("%s loans of %s", sheet.getSheetName(), e.key()).isEqualTo(e.loans());
            assertNumber(row.getCell(3), e.balance());
            assertNumber(row.getCell(4), e.npl());
            assertNumber(row.getCell(5), e.provision());
            assertNumber(row.getCell(6), e.ecl());
        }
    }

    private static void assertNumber(Cell cell, String expected) {
        assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isEqualTo(CellType.NUMERIC);
        assertThat(BigDecimal.valueOf(cell.getNumericCellValue())).as("cell %s", cell.getAddress())
                .isEqualByComparingTo(new BigDecimal(expected));
    }

    private static Row row(Sheet sheet, String firstCell) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(firstCell)) {
                return row;
            }
        }
        throw new AssertionError("no row " + firstCell + " in sheet " + sheet.getSheetName());
    }

    /** Splits the CSV at its "section,&lt;name&gt;" lines; a plain split is enough, no cell of this sample has a comma. */
    private static Map<String, List<String[]>> csvSections(String csv) {
        Map<String, List<String[]>> sections = new LinkedHashMap<>();
        List<String[]> current = null;
        Iterator<String> lines = csv.lines().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells[0].equals("section")) {
                current = new ArrayList<>();
                sections.put(cells[1], current);
            } else if (current != null) {
                current.add(cells);
            }
        }
        return sections;
    }

    private static Map<String, String[]> byFirstCell(List<String[]> rows) {
        Map<String, String[]> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r[0], r));
        return byKey;
    }

    private static String amount(Money money) {
        assertThat(money.getCurrencyCode()).isEqualTo("CNY");
        return money.getAmount();
    }

    private static String grouped(String plain) {
        return new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(new BigDecimal(plain));
    }
}
