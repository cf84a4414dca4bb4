package bankrisk.provision.fake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanFlow;
import bank.loanrisk.v1.PeriodFlows;
import bank.loanrisk.v1.Product;
import bank.loanrisk.v1.SnapshotGrade;

/**
 * The small book of the returns tests (ReturnsGrpcTest computes every figure from it by hand): a year-start snapshot
 * (31 December 2025), a period end (30 June 2026) and the flows between them, as loan-risk's StreamSnapshotFlows
 * would send them; plus a period end whose flows do not match the year start (a form check fails) and one graded
 * under another rule set.
 *
 * <pre>
 * loan cust kind  product          2025-12-31        2026-06-30            flows in between
 * R01 C101 RET  MORTGAGE          NORMAL 500000.00  NORMAL 480000.00  0d   repaid 20000
 * R02 C102 RET  CONSUMPTION       NORMAL 100000.00  SS      90000.00 120d  repaid 10000
 * R03 C103 NON  WORKING_CAPITAL   SM     300000.00  NORMAL 250000.00  0d   repaid 50000
 * R04 C104 NON  FIXED_ASSET       SS     200000.00  —                      transferred 200000 (sold whole)
 * R05 C105 RET  BUSINESS          D       80000.00  LOSS    75000.00 400d  foreclosed 5000
 * R06 C106 NON  TRADE_FINANCE     LOSS    50000.00  —                      written off 50000
 * R07 C107 NON  WORKING_CAPITAL   —                 SM     150000.00  95d  disbursed 150000 (over 90 days, not NPL)
 * R09 C109 NON  FIXED_ASSET       —                 SS      60000.00 100d  disbursed 60000
 * R10 C102 RET  CONSUMPTION       —                 SS      30000.00  95d  disbursed 30000
 * R11 C111 RET  CONSUMPTION       —                 NORMAL  12345.67  75d  disbursed 12345.67
 * R12 C112 RET  CONSUMPTION       —                 —                      disbursed 8000, repaid 8000 (within the year)
 * </pre>
 */
public final class ReturnsBook {

    public static final LocalDate YEAR_START = LocalDate.of(2025, 12, 31);
    public static final LocalDate PERIOD_END = LocalDate.of(2026, 6, 30);
    /** The period-end book again, but loan-risk's flows say R01 opened at 500000.01: G12_YEAR_START_EQUALS_G11 fails. */
    public static final LocalDate BROKEN_END = LocalDate.of(2026, 3, 31);
    /** The period-end book graded under rule set "CN-2023 v2". */
    public static final LocalDate OTHER_RULES = LocalDate.of(2026, 9, 30);

    private static final BorrowerKind RET = BorrowerKind.BORROWER_KIND_RETAIL;
    private static final BorrowerKind NON = BorrowerKind.BORROWER_KIND_NON_RETAIL;
    private static final LoanCategory N = LoanCategory.LOAN_CATEGORY_NORMAL;
    private static final LoanCategory SM = LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION;
    private static final LoanCategory SS = LoanCategory.LOAN_CATEGORY_SUBSTANDARD;
    private static final LoanCategory D = LoanCategory.LOAN_CATEGORY_DOUBTFUL;
    private static final LoanCategory L = LoanCategory.LOAN_CATEGORY_LOSS;
    private static final LoanCategory NONE = LoanCategory.LOAN_CATEGORY_UNSPECIFIED;

    static final List<SnapshotGrade> YEAR_START_BOOK = List.of(
            grade("R01", "C101", RET, Product.PRODUCT_PERSONAL_MORTGAGE, "500000.00", N, 0),
            grade("R02", "C102", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, "100000.00", N, 0),
            grade("R03", "C103", NON, Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "300000.00", SM, 30),
            grade("R04", "C104", NON, Product.PRODUCT_CORPORATE_FIXED_ASSET, "200000.00", SS, 100),
            grade("R05", "C105", RET, Product.PRODUCT_PERSONAL_BUSINESS, "80000.00", D, 280),
            grade("R06", "C106", NON, Product.PRODUCT_TRADE_FINANCE, "50000.00", L, 400));

    static final List<SnapshotGrade> PERIOD_END_BOOK = List.of(
            grade("R01", "C101", RET, Product.PRODUCT_PERSONAL_MORTGAGE, "480000.00", N, 0),
            grade("R02", "C102", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, "90000.00", SS, 120),
            grade("R03", "C103", NON, Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "250000.00", N, 0),
            grade("R05", "C105", RET, Product.PRODUCT_PERSONAL_BUSINESS, "75000.00", L, 400),
            grade("R07", "C107", NON, Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "150000.00", SM, 95),
            grade("R09", "C109", NON, Product.PRODUCT_CORPORATE_FIXED_ASSET, "60000.00", SS, 100),
            grade("R10", "C102", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, "30000.00", SS, 95),
            grade("R11", "C111", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, "12345.67", N, 75));

    static final List<LoanFlow> FLOWS = List.of(
            flow("R01", "C101", RET, Product.PRODUCT_PERSONAL_MORTGAGE, N, N, "500000.00", "480000.00").setFlowsReporting(flows("0", "20000.00", "0", "0", "0")).build(),
            flow("R02", "C102", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, N, SS, "100000.00", "90000.00").setFlowsReporting(flows("0", "10000.00", "0", "0", "0")).build(),
            flow("R03", "C103", NON, Product.PRODUCT_CORPORATE_WORKING_CAPITAL, SM, N, "300000.00", "250000.00").setFlowsReporting(flows("0", "50000.00", "0", "0", "0")).build(),
            flow("R04", "C104", NON, Product.PRODUCT_CORPORATE_FIXED_ASSET, SS, NONE, "200000.00", "0.00").setFlowsReporting(flows("0", "0", "0", "200000.00", "0")).build(),
            flow("R05", "C105", RET, Product.PRODUCT_PERSONAL_BUSINESS, D, L, "80000.00", "75000.00").setFlowsReporting(flows("0", "0", "0", "0", "5000.00")).build(),
            flow("R06", "C106", NON, Product.PRODUCT_TRADE_FINANCE, L, NONE, "50000.00", "0.00").setFlowsReporting(flows("0", "0", "50000.00", "0", "0")).setWrittenOff(true).build(),
            flow("R07", "C107", NON, Product.PRODUCT_CORPORATE_WORKING_CAPITAL, NONE, SM, "0.00", "150000.00").setFlowsReporting(flows("150000.00", "0", "0", "0", "0")).build(),
            flow("R09", "C109", NON, Product.PRODUCT_CORPORATE_FIXED_ASSET, NONE, SS, "0.00", "60000.00").setFlowsReporting(flows("60000.00", "0", "0", "0", "0")).build(),
            flow("R10", "C102", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, NONE, SS, "0.00", "30000.00").setFlowsReporting(flows("30000.00", "0", "0", "0", "0")).build(),
            flow("R11", "C111", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, NONE, N, "0.00", "12345.67").setFlowsReporting(flows("12345.67", "0", "0", "0", "0")).build(),
            flow("R12", "C112", RET, Product.PRODUCT_PERSONAL_CONSUMPTION, NONE, NONE, "0.00", "0.00").setFlowsReporting(flows("8000.00", "8000.00", "0", "0", "0")).build());

    /** R01 opened a fen higher in these flows than in the year-start snapshot. */
    static final List<LoanFlow> BROKEN_FLOWS = broken();

    /** Snapshot dates → books, for FakeLoanRisk. */
    static final Map<LocalDate, List<SnapshotGrade>> BOOKS = Map.of(YEAR_START, YEAR_START_BOOK, PERIOD_END, PERIOD_END_BOOK,
            BROKEN_END, PERIOD_END_BOOK, OTHER_RULES, PERIOD_END_BOOK);

    private ReturnsBook() {
    }

    /** The flows loan-risk answers for (from, to), or null when it has none (an unknown pair). */
    static List<LoanFlow> flows(LocalDate from, LocalDate to) {
        if (!from.equals(YEAR_START)) {
            return null;
        }
        if (to.equals(PERIOD_END) || to.equals(OTHER_RULES)) {
            return FLOWS;
        }
        return to.equals(BROKEN_END) ? BROKEN_FLOWS : null;
    }

    static String ruleSet(LocalDate asOf) {
        return asOf.equals(OTHER_RULES) ? "CN-2023 v2" : "CN-2023 v1";
    }

    private static List<LoanFlow> broken() {
        List<LoanFlow> flows = new ArrayList<>(FLOWS);
        flows.set(0, FLOWS.get(0).toBuilder().setOpeningBalance(cny("500000.01")).build());
        return flows;
    }

    private static SnapshotGrade grade(String loanId, String customer, BorrowerKind kind, Product product, String balance, LoanCategory category,
            int daysPastDue) {
        return SnapshotGrade.newBuilder().setLoanId(loanId).setBorrowerCustomerNumber(customer).setBorrowerKind(kind).setProduct(product)
                .setBranchCode("BR01").setOutstandingBalance(cny(balance)).setCollateralKind(CollateralKind.COLLATERAL_KIND_NONE)
                .setCollateralValue(cny("0.00")).setCategory(category).setDaysPastDue(daysPastDue).addReasonCodes("TEST").build();
    }

    private static LoanFlow.Builder flow(String loanId, String customer, BorrowerKind kind, Product product, LoanCategory from, LoanCategory to,
            String opening, String closing) {
        return LoanFlow.newBuilder().setLoanId(loanId).setBorrowerCustomerNumber(customer).setBorrowerKind(kind).setProduct(product)
                .setBranchCode("BR01").setOriginalCurrencyCode("CNY").setFromCategory(from).setToCategory(to)
                .setOpeningOriginalBalance(cny(opening)).setOpeningBalance(cny(opening)).setClosingOriginalBalance(cny(closing))
                .setClosingBalance(cny(closing)).setUnexplainedDifference(cny("0.00"));
    }

    private static PeriodFlows flows(String disbursed, String repaid, String writtenOff, String transferred, String foreclosed) {
        return PeriodFlows.newBuilder().setDisbursed(cny(disbursed)).setRepaid(cny(repaid)).setWrittenOff(cny(writtenOff))
                .setRecovered(cny("0")).setTransferred(cny(transferred)).setTransferPrice(cny(transferred.equals("0") ? "0" : "120000.00"))
                .setForeclosed(cny(foreclosed)).setForeclosedAssetValue(cny(foreclosed)).build();
    }

    private static Money cny(String amount) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode("CNY").build();
    }
}
