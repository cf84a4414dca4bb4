package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanEventKind;
import bank.loanrisk.v1.LoanEventStatus;
import bank.loanrisk.v1.LoanFlow;
import bank.loanrisk.v1.LoanFxRate;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.loanrisk.v1.Product;
import bank.loanrisk.v1.PutFxRatesRequest;
import bank.loanrisk.v1.ReconcileSnapshotsRequest;
import bank.loanrisk.v1.Reconciliation;
import bank.loanrisk.v1.RecordLoanEventRequest;
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bank.loanrisk.v1.StreamSnapshotFlowsRequest;
import bank.loanrisk.v1.TransferDetails;
import bank.loanrisk.v1.WriteOffDetails;
import bank.provision.v1.G11Return;
import bank.provision.v1.G11Row;
import bank.provision.v1.G12Return;
import bank.provision.v1.G12Row;
import bank.provision.v1.G13Return;
import bank.provision.v1.G13Section;
import bank.provision.v1.GetG11Request;
import bank.provision.v1.GetG12Request;
import bank.provision.v1.GetG13Request;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RegulatoryReturnsServiceGrpc;
import bank.provision.v1.ReturnCell;
import bank.provision.v1.ReturnRatio;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.tiering.v1.CreateCustomerRequest;
import bank.tiering.v1.Customer;
import bank.tiering.v1.CustomerKind;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.api.convert.Dates;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * The regulator's returns G11, G12 and G13 over the real services: loan-risk grades the book on the year start
 * (2025-12-31) and the period end (2026-06-30), its booked events between them reach provision-service through
 * {@code SnapshotService.StreamSnapshotFlows}, provision runs PBOC-2002 on the period end and answers the returns.
 * The three services are started here on their own ports and fresh databases (not {@link BankSystem}'s, which hold
 * {@link PortfolioIT}'s book), so every figure below is exact.
 *
 * <h2>The book (origination 2024-06-01 unless said; unsecured; DPD = days past due of principal; rule set CN-2023:
 * DPD 0 Normal, more than 0 Special mention, more than 90 Substandard, more than 270 Doubtful, more than 360 Loss)</h2>
 * <pre>
 * loan  borrower        kind / product          2025-12-31 (USD/CNY 7.00)         2026-06-30 (USD/CNY 7.20)
 * N1    C1              retail consumption      1,000,000.00 DPD 0   NORMAL       800,000.00 DPD 0   NORMAL
 * N2    CORPA           corporate working cap.    500,000.00 DPD 0   NORMAL       500,000.00 DPD 100 SUBSTANDARD
 * N3    C3              retail consumption, USD  USD 10,000.00 = 70,000.00 NORMAL  USD 9,000.00 = 64,800.00 DPD 40 SM
 * S1    C4              retail business           300,000.00 DPD 30  SM           250,000.00 DPD 200 SUBSTANDARD
 * B1    C5              retail consumption        400,000.00 DPD 120 SUBSTANDARD  0 (written off whole: left the book)
 * B2    C6              retail consumption        200,000.00 DPD 100 SUBSTANDARD  180,000.00 DPD 300 DOUBTFUL
 * B3    C8              retail consumption        100,000.00 DPD 95  SUBSTANDARD  100,000.00 DPD 150 SUBSTANDARD
 * D1    C7              retail consumption        100,000.00 DPD 300 DOUBTFUL     0 (transferred whole: left the book)
 * NEW1  CORPB           corporate working cap.    (originated 2026-02-01)         600,000.00 DPD 0   NORMAL
 * X1    C9              retail consumption        (originated 2026-02-10)         0 (drawn and repaid within the period)
 * </pre>
 * Events (loan-risk's RPCs): every year-start loan's first draw on 2024-06-01 (before the period); in the period
 * N1 repaid 200,000.00 (03-15), N3 repaid USD 1,000.00 (03-15), S1 repaid 50,000.00 (04-10), B2 repaid 20,000.00
 * (04-10), B1 written off 400,000.00 (05-20, proposed by the risk officer, approved by the risk approver), D1
 * transferred 100,000.00 for 30,000.00 (06-01), NEW1 disbursed 600,000.00 (02-01), X1 disbursed 50,000.00 (02-10) and repaid
 * 50,000.00 (05-10). The facts agree with the events, so loan-risk's ReconcileSnapshots lists no loan. X1 is in neither
 * snapshot: StreamSnapshotFlows sends it (both categories unset, its flows), and G12 leaves it out of every row. Flows in yuan at the period end's
 * rate: N3's repayment 1,000 × 7.20 = 7,200.00; its translation difference 64,800.00 − (70,000.00 − 7,200.00) = 2,000.00.
 *
 * <h2>G12, 2025-12-31 → 2026-06-30 (matrix by period-end balance of the loans still on the book)</h2>
 * <pre>
 * from \ to    opening            NORMAL      SM         SUB         DOUBTFUL   LOSS | repaid     w/off     transf.   decrease   diff.    left
 * NORMAL       3  1,570,000.00    800,000.00  64,800.00  500,000.00  0          0    | 207,200.00 0         0         207,200.00 2,000.00 0
 * SM           1    300,000.00    0           0          250,000.00  0          0    |  50,000.00 0         0          50,000.00 0        0
 * SUBSTANDARD  3    700,000.00    0           0          100,000.00  180,000.00 0    |  20,000.00 400,000.00 0        420,000.00 0        1
 * DOUBTFUL     1    100,000.00    0           0          0           0          0    |  0         0         100,000.00 100,000.00 0        1
 * LOSS         0          0.00    0 ...                                              |  0 ...
 * new loans                       1 600,000.00
 * </pre>
 * Each row reconciles: opening + disbursed − decrease + difference = Σ matrix (Normal 1,570,000 − 207,200 + 2,000 =
 * 1,364,800 = 800,000 + 64,800 + 500,000; SM 250,000; Substandard 280,000; Doubtful 0).
 * Normal→NPL = N2 500,000 + S1 250,000 = 750,000.00; NPL→normal 0.00; year-start NPL collected 20,000.00, upgraded 0.00,
 * written off 400,000.00, transferred 100,000.00, foreclosed 0.00. Ratios (8 decimals, half-up):
 * <pre>
 * NORMAL_MIGRATION           500,000 / (1,570,000 − 207,200 = 1,362,800)           = 0.366891693… → 0.36689169
 * SPECIAL_MENTION_MIGRATION  250,000 / (300,000 − 50,000 = 250,000)                = 1.00000000
 * SUBSTANDARD_MIGRATION      180,000 / (700,000 − 420,000 = 280,000)               = 0.642857142… → 0.64285714
 * DOUBTFUL_MIGRATION         0 / (100,000 − 100,000 = 0)                            = not applicable (the transfer is a decrease, not Loss)
 * NORMAL_LOANS_MIGRATION     (500,000 + 250,000) / (1,570,000 + 300,000 − 207,200 − 50,000 = 1,612,800) = 0.465029761… → 0.46502976
 * </pre>
 *
 * <h2>G11 at 2026-06-30 with the PBOC-2002 run (Normal 0, SM 2 %, Substandard 25 %, Doubtful 50 %, Loss 100 %; general
 * reserve 1 %)</h2>
 * <pre>
 * NORMAL       N1 800,000 + NEW1 600,000          2  1,400,000.00  140.00 万元   allowance 0.00
 * SM           N3 64,800                          1     64,800.00    6.48        64,800 × 2 % = 1,296.00 (0.13 万元)
 * SUBSTANDARD  N2 500,000 + S1 250,000 + B3 100,000 3 850,000.00   85.00        125,000 + 62,500 + 25,000 = 212,500.00 (21.25)
 * DOUBTFUL     B2 180,000                         1    180,000.00   18.00        90,000.00 (9.00)
 * LOSS                                            0          0.00    0.00        0.00
 * NPL                                             4  1,030,000.00  103.00        302,500.00 (30.25)
 * total                                           7  2,494,800.00  249.48        303,796.00 (30.3796 → 30.38)
 * general reserve 2,494,800.00 × 1 % = 24,948.00; allowance 303,796.00 + 24,948.00 = 328,744.00
 * retail:      NORMAL 1 800,000; SM 1 64,800; SUB 2 350,000 (S1, B3); DOUBTFUL 1 180,000        total 5 1,394,800.00
 * non-retail:  NORMAL 1 600,000 (NEW1); SUB 1 500,000 (N2)                                       total 2 1,100,000.00
 * overdue 1–90: N3 (40) SM 64,800; 91–180: N2 (100), B3 (150) SUB 600,000; 181–360: S1 (200) SUB 250,000,
 *              B2 (300) DOUBTFUL 180,000; over 360: none; over 90: 4 loans 1,030,000.00
 * NPL recognition: overdue &gt; 90 = overdue &gt; 60 = NPL = 4 loans 1,030,000.00 → both ratios 1.00000000; none unrecognised
 * </pre>
 *
 * <h2>G13 at 2026-06-30</h2>
 * <pre>
 * SM           1 C3 (张伟)              64,800.00  share 1.00000000  allowance  1,296.00  DPD 40
 * SUBSTANDARD  1 CORPA (华东机械有限公司) 500,000.00  500/850 = 0.588235294… → 0.58823529  125,000.00  DPD 100
 *              2 C4                    250,000.00  250/850 = 0.294117647… → 0.29411765   62,500.00  DPD 200
 *              3 C8                    100,000.00  100/850 = 0.117647058… → 0.11764706   25,000.00  DPD 150
 * DOUBTFUL     1 C6                    180,000.00  1.00000000                            90,000.00  DPD 300
 * LOSS         none (category total 0 loans, 0.00)
 * </pre>
 * Names come from tiering's GetCustomer: C3 and CORPA are registered there, the others are not (empty name).
 */
class ReturnsIT {

    private static final String TIERING_DB = "tiering_e2e_returns", LOAN_RISK_DB = "loan_risk_e2e_returns",
            PROVISION_DB = "provision_e2e_returns";
    private static final int TIERING_HTTP = 18096, TIERING_GRPC = 19016, LOAN_RISK_HTTP = 18196, LOAN_RISK_GRPC = 19116,
            PROVISION_HTTP = 18296, PROVISION_GRPC = 19216;
    private static final LocalDate YEAR_START = LocalDate.of(2025, 12, 31), PERIOD_END = LocalDate.of(2026, 6, 30);
    private static final String ORIGINATION = "2024-06-01";

    private static final LoanCategory NORMAL = LoanCategory.LOAN_CATEGORY_NORMAL, SM = LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION,
            SUB = LoanCategory.LOAN_CATEGORY_SUBSTANDARD, DOUBTFUL = LoanCategory.LOAN_CATEGORY_DOUBTFUL, LOSS = LoanCategory.LOAN_CATEGORY_LOSS;

    @Test
    void theBookAcrossAYearStartProducesG11G12AndG13OverTheRealServices() throws Exception {
        E2eSettings.recreateDatabases(TIERING_DB, LOAN_RISK_DB, PROVISION_DB);
        try (ServiceProcess tiering = ServiceProcess.start("tiering-returns", "tiering-service", TIERING_HTTP, TIERING_GRPC, TIERING_DB, Map.of());
                ServiceProcess loanRisk = ServiceProcess.start("loan-risk-returns", "loan-risk-service", LOAN_RISK_HTTP, LOAN_RISK_GRPC,
                        LOAN_RISK_DB, Map.of());
                ServiceProcess provision = ServiceProcess.start("provision-returns", "provision-service", PROVISION_HTTP, PROVISION_GRPC,
                        PROVISION_DB, Map.of("LOAN_RISK_GRPC_HOST", "127.0.0.1", "LOAN_RISK_GRPC_PORT", Integer.toString(LOAN_RISK_GRPC),
                                "TIERING_GRPC_HOST", "127.0.0.1", "TIERING_GRPC_PORT", Integer.toString(TIERING_GRPC)))) {
            tiering.awaitReady();
            loanRisk.awaitReady();
            provision.awaitReady();

            String[] snapshots = buildTheBook(tiering, loanRisk);
            assertTheFlowsAndTheReconciliation(loanRisk, snapshots[0], snapshots[1]);
            long runId = provisionThePeriodEnd(provision);

            RegulatoryReturnsServiceGrpc.RegulatoryReturnsServiceBlockingStub returns = RegulatoryReturnsServiceGrpc
                    .newBlockingStub(provision.channel()).withCallCredentials(Staff.FINANCE).withDeadlineAfter(60, TimeUnit.SECONDS);
            assertG11(returns.getG11(GetG11Request.newBuilder().setAsOf(Dates.toDate(PERIOD_END)).setRunId(runId).build()), runId);
            assertG12(returns.getG12(GetG12Request.newBuilder().setFrom(Dates.toDate(YEAR_START)).setTo(Dates.toDate(PERIOD_END)).build()));
            assertG13(returns.getG13(GetG13Request.newBuilder().setAsOf(Dates.toDate(PERIOD_END)).setRunId(runId).build()));
            assertTheFilesInChinese(provision, runId);
        }
    }

    // --- the book ---

    /** Builds the book and grades both dates; returns the year start's and the period end's snapshot ids. */
    private static String[] buildTheBook(ServiceProcess tiering, ServiceProcess loanRisk) throws Exception {
        TieringServiceGrpc.TieringServiceBlockingStub tierAdmin = TieringServiceGrpc.newBlockingStub(tiering.channel())
                .withCallCredentials(Staff.TIER_ADMIN).withDeadlineAfter(30, TimeUnit.SECONDS);
        tierAdmin.createCustomer(customer("C3", "张伟", CustomerKind.CUSTOMER_KIND_PERSON));
        tierAdmin.createCustomer(customer("CORPA", "华东机械有限公司", CustomerKind.CUSTOMER_KIND_COMPANY));

        LoanRiskServiceGrpc.LoanRiskServiceBlockingStub officer = LoanRiskServiceGrpc.newBlockingStub(loanRisk.channel())
                .withCallCredentials(Staff.RISK_OFFICER).withInterceptors(reason("e2e returns: booked as the bank's ledger says"))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
        assertThat(officer.putFxRates(PutFxRatesRequest.newBuilder().addRates(usd(YEAR_START, "7.00000000"))
                .addRates(usd(PERIOD_END, "7.20000000")).build()).getStored()).isEqualTo(2);

        // The year start: eight loans, each drawn whole at origination (before the period, so not a flow of it).
        assertThat(loadFacts(loanRisk, List.of(
                facts("N1", YEAR_START, "1000000.00", 0).setLoan(retail("N1", "C1", Product.PRODUCT_PERSONAL_CONSUMPTION, "1000000.00")).build(),
                facts("N2", YEAR_START, "500000.00", 0).setLoan(corporate("N2", "CORPA", ORIGINATION, "500000.00")).build(),
                factsIn("USD", "N3", YEAR_START, "10000.00", 0).setLoan(loan("N3", "C3", BorrowerKind.BORROWER_KIND_RETAIL,
                        Product.PRODUCT_PERSONAL_CONSUMPTION, ORIGINATION, money("10000.00", "USD"))).build(),
                facts("S1", YEAR_START, "300000.00", 30).setLoan(retail("S1", "C4", Product.PRODUCT_PERSONAL_BUSINESS, "300000.00")).build(),
                facts("B1", YEAR_START, "400000.00", 120).setLoan(retail("B1", "C5", Product.PRODUCT_PERSONAL_CONSUMPTION, "400000.00")).build(),
                facts("B2", YEAR_START, "200000.00", 100).setLoan(retail("B2", "C6", Product.PRODUCT_PERSONAL_CONSUMPTION, "200000.00")).build(),
                facts("B3", YEAR_START, "100000.00", 95).setLoan(retail("B3", "C8", Product.PRODUCT_PERSONAL_CONSUMPTION, "100000.00")).build(),
                facts("D1", YEAR_START, "100000.00", 300).setLoan(retail("D1", "C7", Product.PRODUCT_PERSONAL_CONSUMPTION, "100000.00")).build()))
                .getLoansRegistered()).isEqualTo(8);
        for (String[] draw : new String[][] {{"N1", "1000000.00", "CNY"}, {"N2", "500000.00", "CNY"}, {"N3", "10000.00", "USD"},
                {"S1", "300000.00", "CNY"}, {"B1", "400000.00", "CNY"}, {"B2", "200000.00", "CNY"}, {"B3", "100000.00", "CNY"},
                {"D1", "100000.00", "CNY"}}) {
            record(officer, event(draw[0] + "-DRAW", draw[0], LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, ORIGINATION, money(draw[1], draw[2])));
        }
        String yearStart = classify(officer, YEAR_START);

        // The period's events, each through loan-risk's RPCs.
        record(officer, event("N1-REPAY", "N1", LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, "2026-03-15", cny("200000.00")));
        record(officer, event("N3-REPAY", "N3", LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, "2026-03-15", money("1000.00", "USD")));
        record(officer, event("S1-REPAY", "S1", LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, "2026-04-10", cny("50000.00")));
        record(officer, event("B2-REPAY", "B2", LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, "2026-04-10", cny("20000.00")));
        record(officer, event("D1-SALE", "D1", LoanEventKind.LOAN_EVENT_KIND_TRANSFER, "2026-06-01", cny("100000.00"))
                .setTransfer(TransferDetails.newBuilder().setPrice(cny("30000.00")).setCounterparty("华融资产管理公司")));
        // Four eyes: the officer proposes the write-off, the approver books it.
        LoanEvent proposed = record(officer, event("B1-WO", "B1", LoanEventKind.LOAN_EVENT_KIND_WRITE_OFF, "2026-05-20", cny("400000.00"))
                .setWriteOff(WriteOffDetails.newBuilder().setApprovalReference("核销审批 2026-017")));
        assertThat(proposed.getStatus()).isEqualTo(LoanEventStatus.LOAN_EVENT_STATUS_PENDING);
        LoanEvent approved = LoanRiskServiceGrpc.newBlockingStub(loanRisk.channel()).withCallCredentials(Staff.RISK_APPROVER)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .approveWriteOff(DecideWriteOffRequest.newBuilder().setEventId("B1-WO").setComment("损失已确认, 同意核销").build());
        assertThat(approved.getStatus()).isEqualTo(LoanEventStatus.LOAN_EVENT_STATUS_BOOKED);
        assertThat(approved.getDecidedBy()).isNotEqualTo(approved.getRecordedBy());

        // The period end: a new loan, and the facts that agree with the events (a loan gone whole has balance 0).
        assertThat(loadFacts(loanRisk, List.of(
                facts("N1", PERIOD_END, "800000.00", 0).build(),
                facts("N2", PERIOD_END, "500000.00", 100).build(),
                factsIn("USD", "N3", PERIOD_END, "9000.00", 40).build(),
                facts("S1", PERIOD_END, "250000.00", 200).build(),
                facts("B1", PERIOD_END, "0.00", 0).build(),
                facts("B2", PERIOD_END, "180000.00", 300).build(),
                facts("B3", PERIOD_END, "100000.00", 150).build(),
                facts("D1", PERIOD_END, "0.00", 0).build(),
                facts("NEW1", PERIOD_END, "600000.00", 0).setLoan(corporate("NEW1", "CORPB", "2026-02-01", "600000.00")).build(),
                facts("X1", PERIOD_END, "0.00", 0).setLoan(loan("X1", "C9", BorrowerKind.BORROWER_KIND_RETAIL,
                        Product.PRODUCT_PERSONAL_CONSUMPTION, "2026-02-10", cny("50000.00"))).build()))
                .getLoansRegistered()).isEqualTo(2);
        record(officer, event("NEW1-DRAW", "NEW1", LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, "2026-02-01", cny("600000.00")));
        record(officer, event("X1-DRAW", "X1", LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, "2026-02-10", cny("50000.00")));
        record(officer, event("X1-REPAY", "X1", LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, "2026-05-10", cny("50000.00")));
        return new String[] {yearStart, classify(officer, PERIOD_END)};
    }

    /**
     * What provision reads, straight from loan-risk: every loan's flow between the two snapshots (X1 in neither, the
     * two that left with their period-end category unset), and no loan whose events fail to explain its balances.
     */
    private static void assertTheFlowsAndTheReconciliation(ServiceProcess loanRisk, String yearStart, String periodEnd) {
        List<LoanFlow> flows = new ArrayList<>();
        SnapshotServiceGrpc.newBlockingStub(loanRisk.channel()).withCallCredentials(Staff.RISK_OFFICER).withDeadlineAfter(30, TimeUnit.SECONDS)
                .streamSnapshotFlows(StreamSnapshotFlowsRequest.newBuilder().setFromSnapshotId(yearStart).setToSnapshotId(periodEnd).build())
                .forEachRemaining(batch -> flows.addAll(batch.getLoansList()));
        LoanCategory none = LoanCategory.LOAN_CATEGORY_UNSPECIFIED;
        // loan, from, to, opening and closing (yuan), disbursed, repaid, written off, transferred (yuan), unexplained
        assertThat(flows).extracting(LoanFlow::getLoanId, LoanFlow::getFromCategory, LoanFlow::getToCategory,
                f -> f.getOpeningBalance().getAmount(), f -> f.getClosingBalance().getAmount(), f -> f.getFlowsReporting().getDisbursed().getAmount(),
                f -> f.getFlowsReporting().getRepaid().getAmount(), f -> f.getFlowsReporting().getWrittenOff().getAmount(),
                f -> f.getFlowsReporting().getTransferred().getAmount(), f -> f.getUnexplainedDifference().getAmount()).containsExactly(
                        tuple("B1", SUB, none, "400000.00", "0.00", "0.00", "0.00", "400000.00", "0.00", "0.00"),
                        tuple("B2", SUB, DOUBTFUL, "200000.00", "180000.00", "0.00", "20000.00", "0.00", "0.00", "0.00"),
                        tuple("B3", SUB, SUB, "100000.00", "100000.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
                        tuple("D1", DOUBTFUL, none, "100000.00", "0.00", "0.00", "0.00", "0.00", "100000.00", "0.00"),
                        tuple("N1", NORMAL, NORMAL, "1000000.00", "800000.00", "0.00", "200000.00", "0.00", "0.00", "0.00"),
                        tuple("N2", NORMAL, SUB, "500000.00", "500000.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
                        // USD 10,000 × 7.00; USD 9,000 × 7.20; USD 1,000 × 7.20; in USD the facts and events agree
                        tuple("N3", NORMAL, SM, "70000.00", "64800.00", "0.00", "7200.00", "0.00", "0.00", "0.00"),
                        tuple("NEW1", none, NORMAL, "0.00", "600000.00", "600000.00", "0.00", "0.00", "0.00", "0.00"),
                        tuple("S1", SM, SUB, "300000.00", "250000.00", "0.00", "50000.00", "0.00", "0.00", "0.00"),
                        tuple("X1", none, none, "0.00", "0.00", "50000.00", "50000.00", "0.00", "0.00", "0.00"));
        assertThat(flows.stream().filter(LoanFlow::getWrittenOff).map(LoanFlow::getLoanId)).containsExactly("B1");

        Reconciliation reconciliation = LoanRiskServiceGrpc.newBlockingStub(loanRisk.channel()).withCallCredentials(Staff.RISK_OFFICER)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .reconcileSnapshots(ReconcileSnapshotsRequest.newBuilder().setFromSnapshotId(yearStart).setToSnapshotId(periodEnd).build());
        assertThat(reconciliation.getBreaksList()).isEmpty();
    }

    private static long provisionThePeriodEnd(ServiceProcess provision) {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        ProvisionServiceGrpc.newBlockingStub(provision.channel()).withCallCredentials(Staff.FINANCE).withDeadlineAfter(120, TimeUnit.SECONDS)
                .runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(PERIOD_END)).setPolicyCode("PBOC-2002").build())
                .forEachRemaining(progress::add);
        RunProvisioningProgress last = progress.get(progress.size() - 1);
        assertThat(last.getPhase()).isEqualTo(RunPhase.RUN_PHASE_COMPLETED);
        assertThat(last.getRun().getTotalBalance().getAmount()).isEqualTo("2494800.00");
        return last.getRun().getRunId();
    }

    // --- the returns ---

    private static void assertG11(G11Return g11, long runId) {
        assertThat(g11.getRunId()).isEqualTo(runId);
        assertThat(g11.getCurrencyCode()).isEqualTo("CNY");
        assertThat(g11.getRuleSetVersion()).startsWith("CN-2023");
        assertThat(g11.getLang()).isEqualTo("zh-CN");
        assertThat(g11.getRowsList()).extracting(G11Row::getCode).containsExactly("ALL", "BORROWER_RETAIL", "BORROWER_NON_RETAIL",
                "PRODUCT_PERSONAL_CONSUMPTION", "PRODUCT_PERSONAL_BUSINESS", "PRODUCT_CORPORATE_WORKING_CAPITAL", "OVERDUE_1_90",
                "OVERDUE_91_180", "OVERDUE_181_360", "OVERDUE_OVER_360", "OVERDUE_OVER_90");
        G11Row all = row(g11, "ALL");
        assertThat(all.getLabel()).isEqualTo("各项贷款");
        assertThat(all.getCategoriesList()).extracting(c -> c.getCategory(), ReturnCell::getLoanCount, c -> c.getBalance().getAmount(),
                c -> c.getBalanceWan().getValue(), c -> c.getAllowance().getAmount(), c -> c.getAllowanceWan().getValue()).containsExactly(
                        tuple(NORMAL, 2L, "1400000.00", "140.00", "0.00", "0.00"),
                        tuple(SM, 1L, "64800.00", "6.48", "1296.00", "0.13"),
                        tuple(SUB, 3L, "850000.00", "85.00", "212500.00", "21.25"),
                        tuple(DOUBTFUL, 1L, "180000.00", "18.00", "90000.00", "9.00"),
                        tuple(LOSS, 0L, "0.00", "0.00", "0.00", "0.00"));
        assertCell(all.getNpl(), 4, "1030000.00", "103.00", "302500.00", "30.25");
        assertCell(all.getTotal(), 7, "2494800.00", "249.48", "303796.00", "30.38");
        assertBalances(row(g11, "BORROWER_RETAIL"), "800000.00", "64800.00", "350000.00", "180000.00", "0.00", "1394800.00");
        assertBalances(row(g11, "BORROWER_NON_RETAIL"), "600000.00", "0.00", "500000.00", "0.00", "0.00", "1100000.00");
        assertBalances(row(g11, "PRODUCT_PERSONAL_CONSUMPTION"), "800000.00", "64800.00", "100000.00", "180000.00", "0.00", "1144800.00");
        assertBalances(row(g11, "PRODUCT_PERSONAL_BUSINESS"), "0.00", "0.00", "250000.00", "0.00", "0.00", "250000.00");
        assertBalances(row(g11, "PRODUCT_CORPORATE_WORKING_CAPITAL"), "600000.00", "0.00", "500000.00", "0.00", "0.00", "1100000.00");
        assertBalances(row(g11, "OVERDUE_1_90"), "0.00", "64800.00", "0.00", "0.00", "0.00", "64800.00");
        assertBalances(row(g11, "OVERDUE_91_180"), "0.00", "0.00", "600000.00", "0.00", "0.00", "600000.00");
        assertBalances(row(g11, "OVERDUE_181_360"), "0.00", "0.00", "250000.00", "180000.00", "0.00", "430000.00");
        assertBalances(row(g11, "OVERDUE_OVER_360"), "0.00", "0.00", "0.00", "0.00", "0.00", "0.00");
        assertBalances(row(g11, "OVERDUE_OVER_90"), "0.00", "0.00", "850000.00", "180000.00", "0.00", "1030000.00");
        assertThat(row(g11, "OVERDUE_OVER_90").getTotal().getLoanCount()).isEqualTo(4);
        assertThat(g11.getGeneralReserve().getAmount()).isEqualTo("24948.00");
        assertThat(g11.getAllowance().getAmount()).isEqualTo("328744.00");

        assertThat(g11.getNplRecognition().getOverdueOver90().getLoanCount()).isEqualTo(4);
        assertThat(g11.getNplRecognition().getOverdueOver90().getBalance().getAmount()).isEqualTo("1030000.00");
        assertThat(g11.getNplRecognition().getOverdueOver60().getBalance().getAmount()).isEqualTo("1030000.00");
        assertThat(g11.getNplRecognition().getNpl().getBalance().getAmount()).isEqualTo("1030000.00");
        assertThat(g11.getNplRecognition().getRatiosList()).extracting(ReturnRatio::getCode, ReturnRatio::getApplicable, r -> r.getValue().getValue())
                .containsExactly(tuple("OVERDUE_90_TO_NPL", true, "1.00000000"), tuple("OVERDUE_60_TO_NPL", true, "1.00000000"));
        assertThat(g11.getNplRecognition().getUnrecognisedTotal()).isZero();
        assertThat(g11.getChecksList()).isNotEmpty().allMatch(c -> c.getPassed());
    }

    private static void assertG12(G12Return g12) {
        assertThat(g12.getCurrencyCode()).isEqualTo("CNY");
        assertThat(g12.getRuleSetVersion()).startsWith("CN-2023");
        assertThat(g12.getRowsList()).extracting(G12Row::getFromCategory).containsExactly(NORMAL, SM, SUB, DOUBTFUL, LOSS);
        // from: opening count and balance, the matrix (five period-end balances), repaid, written off, transferred,
        // foreclosed, decrease, disbursed, difference, loans that left the book
        assertG12Row(g12.getRows(0), 3, "1570000.00", List.of("800000.00", "64800.00", "500000.00", "0.00", "0.00"),
                "207200.00", "0.00", "0.00", "0.00", "207200.00", "0.00", "2000.00", 0);
        assertG12Row(g12.getRows(1), 1, "300000.00", List.of("0.00", "0.00", "250000.00", "0.00", "0.00"),
                "50000.00", "0.00", "0.00", "0.00", "50000.00", "0.00", "0.00", 0);
        assertG12Row(g12.getRows(2), 3, "700000.00", List.of("0.00", "0.00", "100000.00", "180000.00", "0.00"),
                "20000.00", "400000.00", "0.00", "0.00", "420000.00", "0.00", "0.00", 1);
        assertG12Row(g12.getRows(3), 1, "100000.00", List.of("0.00", "0.00", "0.00", "0.00", "0.00"),
                "0.00", "0.00", "100000.00", "0.00", "100000.00", "0.00", "0.00", 1);
        assertG12Row(g12.getRows(4), 0, "0.00", List.of("0.00", "0.00", "0.00", "0.00", "0.00"),
                "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", 0);
        assertThat(g12.getNewLoansList()).extracting(ReturnCell::getLoanCount, c -> c.getBalance().getAmount())
                .containsExactly(tuple(1L, "600000.00"), tuple(0L, "0.00"), tuple(0L, "0.00"), tuple(0L, "0.00"), tuple(0L, "0.00"));
        assertThat(g12.getNormalToNpl().getAmount()).isEqualTo("750000.00");
        assertThat(g12.getNplToNormal().getAmount()).isEqualTo("0.00");
        assertThat(g12.getNplCollected().getAmount()).isEqualTo("20000.00");
        assertThat(g12.getNplUpgraded().getAmount()).isEqualTo("0.00");
        assertThat(g12.getNplWrittenOff().getAmount()).isEqualTo("400000.00");
        assertThat(g12.getNplTransferred().getAmount()).isEqualTo("100000.00");
        assertThat(g12.getNplForeclosed().getAmount()).isEqualTo("0.00");
        assertThat(g12.getRatiosList()).extracting(ReturnRatio::getCode, ReturnRatio::getApplicable, r -> r.getValue().getValue(),
                r -> r.getNumerator().getAmount(), r -> r.getDenominator().getAmount()).containsExactly(
                        tuple("NORMAL_MIGRATION", true, "0.36689169", "500000.00", "1362800.00"),
                        tuple("SPECIAL_MENTION_MIGRATION", true, "1.00000000", "250000.00", "250000.00"),
                        tuple("SUBSTANDARD_MIGRATION", true, "0.64285714", "180000.00", "280000.00"),
                        tuple("DOUBTFUL_MIGRATION", false, "", "0.00", "0.00"),
                        tuple("NORMAL_LOANS_MIGRATION", true, "0.46502976", "750000.00", "1612800.00"));
        assertThat(g12.getRatios(0).getLabel()).isEqualTo("正常类贷款迁徙率");
        assertThat(g12.getChecksList()).extracting(c -> c.getCode()).contains("G12_YEAR_START_EQUALS_G11", "G12_PERIOD_END_EQUALS_G11",
                "G12_PARTS_RECONCILE");
    }

    private static void assertG13(G13Return g13) {
        assertThat(g13.getSectionsList()).extracting(G13Section::getCategory).containsExactly(SM, SUB, DOUBTFUL, LOSS);
        assertThat(g13.getSections(0).getBorrowersList()).extracting(b -> b.getRank(), b -> b.getCustomerNumber(), b -> b.getCustomerName(),
                b -> b.getLoanCount(), b -> b.getBalance().getAmount(), b -> b.getShareOfCategory().getValue(), b -> b.getAllowance().getAmount(),
                b -> b.getDaysPastDue()).containsExactly(tuple(1, "C3", "张伟", 1L, "64800.00", "1.00000000", "1296.00", 40));
        assertThat(g13.getSections(1).getCategoryTotal().getBalance().getAmount()).isEqualTo("850000.00");
        assertThat(g13.getSections(1).getBorrowersList()).extracting(b -> b.getRank(), b -> b.getCustomerNumber(), b -> b.getCustomerName(),
                b -> b.getLoanCount(), b -> b.getBalance().getAmount(), b -> b.getShareOfCategory().getValue(), b -> b.getAllowance().getAmount(),
                b -> b.getDaysPastDue()).containsExactly(
                        tuple(1, "CORPA", "华东机械有限公司", 1L, "500000.00", "0.58823529", "125000.00", 100),
                        tuple(2, "C4", "", 1L, "250000.00", "0.29411765", "62500.00", 200),
                        tuple(3, "C8", "", 1L, "100000.00", "0.11764706", "25000.00", 150));
        assertThat(g13.getSections(2).getBorrowersList()).extracting(b -> b.getCustomerNumber(), b -> b.getBalance().getAmount(),
                b -> b.getShareOfCategory().getValue(), b -> b.getAllowance().getAmount(), b -> b.getDaysPastDue())
                .containsExactly(tuple("C6", "180000.00", "1.00000000", "90000.00", 300));
        assertThat(g13.getSections(3).getBorrowersList()).isEmpty();
        assertThat(g13.getSections(3).getCategoryTotal().getLoanCount()).isZero();
        assertThat(g13.getSections(3).getCategoryTotal().getBalance().getAmount()).isEqualTo("0.00");
        assertThat(g13.getChecksList()).extracting(c -> c.getCode()).contains("G13_TOP_WITHIN_CATEGORY");
    }

    /** G12.xlsx: the year-start NPL written off is a numeric cell; G11.pdf: the Chinese labels extract as written. */
    private static void assertTheFilesInChinese(ServiceProcess provision, long runId) throws Exception {
        byte[] xlsx = provision.download("/provision/returns/G12.xlsx?from=2025-12-31&to=2026-06-30&lang=zh-CN", Staff.financeAuthorization());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("G12");
            Cell writtenOff = null;
            for (Row row : sheet) {
                Cell label = row.getCell(0);
                if (label != null && label.getCellType() == CellType.STRING && label.getStringCellValue().equals("年初不良核销")) {
                    writtenOff = row.getCell(1);
                }
            }
            assertThat(writtenOff).as("the row 年初不良核销").isNotNull();
            assertThat(writtenOff.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(writtenOff.getNumericCellValue()).isEqualTo(400000.00);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("G12 贷款质量迁徙情况表");
        }
        byte[] pdf = provision.download("/provision/returns/G11.pdf?as_of=2026-06-30&run_id=" + runId + "&lang="
                + URLEncoder.encode("zh-CN", StandardCharsets.UTF_8), Staff.financeAuthorization());
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("G11 资产质量五级分类情况表", "各项贷款", "正常", "关注", "次级", "可疑", "损失");
        }
    }

    // --- helpers ---

    private static G11Row row(G11Return g11, String code) {
        return g11.getRowsList().stream().filter(r -> r.getCode().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no G11 row " + code));
    }

    private static void assertCell(ReturnCell cell, long loans, String balance, String balanceWan, String allowance, String allowanceWan) {
        assertThat(cell.getLoanCount()).isEqualTo(loans);
        assertThat(cell.getBalance().getAmount()).isEqualTo(balance);
        assertThat(cell.getBalanceWan().getValue()).isEqualTo(balanceWan);
        assertThat(cell.getAllowance().getAmount()).isEqualTo(allowance);
        assertThat(cell.getAllowanceWan().getValue()).isEqualTo(allowanceWan);
    }

    /** A G11 row's five category balances, Normal first, then its total. */
    private static void assertBalances(G11Row row, String normal, String sm, String sub, String doubtful, String loss, String total) {
        assertThat(row.getCategoriesList()).as(row.getCode()).extracting(c -> c.getBalance().getAmount())
                .containsExactly(normal, sm, sub, doubtful, loss);
        assertThat(row.getTotal().getBalance().getAmount()).as(row.getCode() + " total").isEqualTo(total);
    }

    private static void assertG12Row(G12Row row, long loans, String opening, List<String> migratedTo, String repaid, String writtenOff,
            String transferred, String foreclosed, String decrease, String disbursed, String difference, long leftBook) {
        String from = row.getFromCategory().name();
        assertThat(row.getOpening().getLoanCount()).as(from + " opening loans").isEqualTo(loans);
        assertThat(row.getOpening().getBalance().getAmount()).as(from + " opening").isEqualTo(opening);
        assertThat(row.getMigratedToList()).as(from + " migrated to").extracting(c -> c.getBalance().getAmount())
                .containsExactlyElementsOf(migratedTo);
        assertThat(List.of(row.getRepaid(), row.getWrittenOff(), row.getTransferred(), row.getForeclosed(), row.getDecrease(),
                row.getDisbursed(), row.getDifference())).as(from + " repaid, written off, transferred, foreclosed, decrease, disbursed, difference")
                .extracting(Money::getAmount).containsExactly(repaid, writtenOff, transferred, foreclosed, decrease, disbursed, difference);
        assertThat(row.getLeftBookCount()).as(from + " left the book").isEqualTo(leftBook);
    }

    /** Grades the book on {@code asOf}; returns the snapshot's id. */
    private static String classify(LoanRiskServiceGrpc.LoanRiskServiceBlockingStub officer, LocalDate asOf) {
        List<ClassificationProgress> progress = new ArrayList<>();
        officer.classifyPortfolio(ClassifyPortfolioRequest.newBuilder().setAsOf(Dates.toDate(asOf)).build()).forEachRemaining(progress::add);
        assertThat(progress).last().satisfies(p -> assertThat(p.getStage()).isEqualTo(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED));
        return progress.get(progress.size() - 1).getSnapshot().getSnapshotId();
    }

    private static LoadLoanFactsResponse loadFacts(ServiceProcess loanRisk, List<LoadLoanFactsRequest> rows) throws Exception {
        StreamCall<LoadLoanFactsResponse> answer = StreamCall.collecting();
        StreamObserver<LoadLoanFactsRequest> upload = GeneratedBook.upload(loanRisk, answer);
        rows.forEach(upload::onNext);
        upload.onCompleted();
        return answer.done.get(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS).get(0);
    }

    private static LoanEvent record(LoanRiskServiceGrpc.LoanRiskServiceBlockingStub officer, LoanEvent.Builder event) {
        return officer.recordLoanEvent(RecordLoanEventRequest.newBuilder().setEvent(event).build()).getEvent();
    }

    private static LoanEvent.Builder event(String id, String loanId, LoanEventKind kind, String date, Money amount) {
        return LoanEvent.newBuilder().setEventId(id).setLoanId(loanId).setKind(kind).setEffectiveDate(SamplePortfolio.date(date)).setAmount(amount);
    }

    /** The reason every change carries ({@code x-change-reason}, percent-encoded UTF-8), audited with it. */
    private static io.grpc.ClientInterceptor reason(String why) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER), URLEncoder.encode(why, StandardCharsets.UTF_8));
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static LoadLoanFactsRequest.Builder facts(String loanId, LocalDate asOf, String balance, int daysPastDue) {
        return factsIn("CNY", loanId, asOf, balance, daysPastDue);
    }

    private static LoadLoanFactsRequest.Builder factsIn(String currency, String loanId, LocalDate asOf, String balance, int daysPastDue) {
        return LoadLoanFactsRequest.newBuilder().setLoanId(loanId).setAsOf(Dates.toDate(asOf)).setOutstandingBalance(money(balance, currency))
                .setCollateralValue(money("0.00", currency)).setDaysPastDuePrincipal(daysPastDue);
    }

    private static Loan retail(String loanId, String customer, Product product, String principal) {
        return loan(loanId, customer, BorrowerKind.BORROWER_KIND_RETAIL, product, ORIGINATION, cny(principal));
    }

    private static Loan corporate(String loanId, String customer, String origination, String principal) {
        return loan(loanId, customer, BorrowerKind.BORROWER_KIND_NON_RETAIL, Product.PRODUCT_CORPORATE_WORKING_CAPITAL, origination, cny(principal));
    }

    private static Loan loan(String loanId, String customer, BorrowerKind kind, Product product, String origination, Money principal) {
        return Loan.newBuilder().setLoanId(loanId).setBorrowerCustomerNumber(customer).setBorrowerKind(kind).setProduct(product)
                .setBranchCode(kind == BorrowerKind.BORROWER_KIND_RETAIL ? "BR01" : "BR02").setPrincipal(principal).setOutstandingBalance(principal)
                .setOriginationDate(SamplePortfolio.date(origination)).setMaturityDate(SamplePortfolio.date("2030-06-01"))
                .setCollateralKind(CollateralKind.COLLATERAL_KIND_NONE).setCollateralValue(money("0.00", principal.getCurrencyCode())).build();
    }

    private static CreateCustomerRequest customer(String number, String name, CustomerKind kind) {
        return CreateCustomerRequest.newBuilder().setCustomer(Customer.newBuilder().setCustomerNumber(number).setName(name).setKind(kind)
                .setBranchCode("BR01").setOnboardedOn(SamplePortfolio.date("2024-01-02"))).build();
    }

    private static LoanFxRate usd(LocalDate date, String rate) {
        return LoanFxRate.newBuilder().setCurrencyCode("USD").setRateDate(Dates.toDate(date)).setRate(Decimal.newBuilder().setValue(rate)).build();
    }

    private static Money cny(String amount) {
        return money(amount, "CNY");
    }

    private static Money money(String amount, String currency) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode(currency).build();
    }
}
