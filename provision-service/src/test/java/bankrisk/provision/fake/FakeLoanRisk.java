package bankrisk.provision.fake;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.LoanFlow;
import bank.loanrisk.v1.PeriodFlows;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanFlow;
import bank.loanrisk.v1.Product;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotFlowBatch;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotFlowBatch;
import bank.loanrisk.v1.SnapshotGradeBatch;
import bank.loanrisk.v1.SnapshotService;
import bank.loanrisk.v1.StreamSnapshotFlowsRequest;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import bankrisk.api.convert.Dates;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * loan-risk's SnapshotService stubbed at the gRPC boundary, with fixed grades whose provisions the tests compute by
 * hand, and dates that misbehave (slow, stalled, broken streams). Served by the test instance itself; the service's
 * {@code loan-risk} client points at it, and every call must carry provision-service's own token
 * ({@link ServiceTokenCheck}).
 */
@GrpcService
@RegisterInterceptor(ServiceTokenCheck.class)
public class FakeLoanRisk implements SnapshotService {

    public static final LocalDate NOV = LocalDate.of(2024, 11, 30);
    public static final LocalDate DEC = LocalDate.of(2024, 12, 31);
    /** A snapshot whose fourth row is in USD. */
    public static final LocalDate USD_ROW = LocalDate.of(2024, 9, 30);
    /** A snapshot that lists loan L002 twice. */
    public static final LocalDate DUPLICATE = LocalDate.of(2024, 7, 31);
    /** A snapshot whose header announces one loan more than its stream delivers. */
    public static final LocalDate SHORT = LocalDate.of(2024, 6, 30);
    /** A snapshot whose first stream breaks with UNAVAILABLE after two rows; the second stream is whole. */
    public static final LocalDate FLAKY = LocalDate.of(2024, 8, 31);
    /** GetSnapshot of this date answers only after {@link #SLOW_ANSWER}: past any deadline the tests configure. */
    public static final LocalDate SLOW = LocalDate.of(2024, 5, 31);
    /** The December book, whose stream stalls after two rows and never ends. */
    public static final LocalDate STALL = LocalDate.of(2024, 4, 30);
    public static final Duration SLOW_ANSWER = Duration.ofSeconds(5);
    /** The December book from a loan-risk that predates the batched stream (UNIMPLEMENTED): read one grade at a time. */
    public static final LocalDate LEGACY = LocalDate.of(2024, 3, 31);
    /** The November book again, as of a month that only the closed-period test closes. */
    public static final LocalDate CLOSED = LocalDate.of(2024, 2, 29);
    /** Grades per batch: small, so that the seven-loan book spans several batches and the last is partial. */
    static final int BATCH = 2;

    /** The December book: see ProvisionRunGrpcTest for the provisions of each loan. */
    static final List<SnapshotGrade> DECEMBER = List.of(
            grade("L001", "C001", Product.PRODUCT_PERSONAL_MORTGAGE, "BR01", "1000000.00", CollateralKind.COLLATERAL_KIND_REAL_ESTATE, "1500000.00", LoanCategory.LOAN_CATEGORY_NORMAL, 0),
            grade("L002", "C002", Product.PRODUCT_PERSONAL_CONSUMPTION, "BR01", "50000.00", CollateralKind.COLLATERAL_KIND_NONE, "0.00", LoanCategory.LOAN_CATEGORY_NORMAL, 45),
            grade("L003", "C003", Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "BR02", "200000.00", CollateralKind.COLLATERAL_KIND_MOVABLE_PROPERTY, "100000.00", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, 10),
            grade("L004", "C003", Product.PRODUCT_CORPORATE_FIXED_ASSET, "BR02", "123456.78", CollateralKind.COLLATERAL_KIND_CASH_DEPOSIT, "20000.00", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, 95),
            grade("L005", "C004", Product.PRODUCT_PERSONAL_BUSINESS, "BR01", "80000.00", CollateralKind.COLLATERAL_KIND_SECURITIES, "30000.00", LoanCategory.LOAN_CATEGORY_DOUBTFUL, 300),
            grade("L006", "C005", Product.PRODUCT_TRADE_FINANCE, "BR03", "10000.01", CollateralKind.COLLATERAL_KIND_NONE, "0.00", LoanCategory.LOAN_CATEGORY_LOSS, 400),
            grade("L007", "C001", Product.PRODUCT_PERSONAL_CONSUMPTION, "BR03", "3333.33", CollateralKind.COLLATERAL_KIND_NONE, "0.00", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, 0));

    /** The November book: L003 still Normal, L004 Special mention, L008 (Loss) and L009 (Substandard) still there, no L007. */
    static final List<SnapshotGrade> NOVEMBER = List.of(
            grade("L001", "C001", Product.PRODUCT_PERSONAL_MORTGAGE, "BR01", "1010000.00", CollateralKind.COLLATERAL_KIND_REAL_ESTATE, "1500000.00", LoanCategory.LOAN_CATEGORY_NORMAL, 0),
            grade("L002", "C002", Product.PRODUCT_PERSONAL_CONSUMPTION, "BR01", "50500.00", CollateralKind.COLLATERAL_KIND_NONE, "0.00", LoanCategory.LOAN_CATEGORY_NORMAL, 15),
            grade("L003", "C003", Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "BR02", "200000.00", CollateralKind.COLLATERAL_KIND_MOVABLE_PROPERTY, "100000.00", LoanCategory.LOAN_CATEGORY_NORMAL, 0),
            grade("L004", "C003", Product.PRODUCT_CORPORATE_FIXED_ASSET, "BR02", "125000.00", CollateralKind.COLLATERAL_KIND_CASH_DEPOSIT, "20000.00", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, 65),
            grade("L005", "C004", Product.PRODUCT_PERSONAL_BUSINESS, "BR01", "82000.00", CollateralKind.COLLATERAL_KIND_SECURITIES, "30000.00", LoanCategory.LOAN_CATEGORY_DOUBTFUL, 270),
            grade("L006", "C005", Product.PRODUCT_TRADE_FINANCE, "BR03", "10000.01", CollateralKind.COLLATERAL_KIND_NONE, "0.00", LoanCategory.LOAN_CATEGORY_LOSS, 370),
            grade("L008", "C006", Product.PRODUCT_CORPORATE_WORKING_CAPITAL, "BR02", "7000.00", CollateralKind.COLLATERAL_KIND_NONE, "0.00", LoanCategory.LOAN_CATEGORY_LOSS, 500),
            grade("L009", "C007", Product.PRODUCT_PERSONAL_CONSUMPTION, "BR03", "4000.00", CollateralKind.COLLATERAL_KIND_NONE, "0.00", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, 100));

    static final List<SnapshotGrade> WITH_USD_ROW = List.of(DECEMBER.get(0), DECEMBER.get(1), DECEMBER.get(2),
            DECEMBER.get(3).toBuilder().setOutstandingBalance(Money.newBuilder().setAmount("123456.78").setCurrencyCode("USD")).build());

    static final List<SnapshotGrade> WITH_DUPLICATE = List.of(DECEMBER.get(0), DECEMBER.get(1), DECEMBER.get(1), DECEMBER.get(2));

    private static final Map<LocalDate, List<SnapshotGrade>> BOOKS = withReturnsBooks(Map.entry(NOV, NOVEMBER), Map.entry(DEC, DECEMBER),
            Map.entry(USD_ROW, WITH_USD_ROW), Map.entry(FLAKY, DECEMBER), Map.entry(DUPLICATE, WITH_DUPLICATE), Map.entry(SHORT, DECEMBER),
            Map.entry(SLOW, DECEMBER), Map.entry(STALL, DECEMBER), Map.entry(LEGACY, DECEMBER), Map.entry(CLOSED, NOVEMBER));

    @SafeVarargs
    private static Map<LocalDate, List<SnapshotGrade>> withReturnsBooks(Map.Entry<LocalDate, List<SnapshotGrade>>... entries) {
        Map<LocalDate, List<SnapshotGrade>> books = new java.util.HashMap<>(Map.ofEntries(entries));
        books.putAll(ReturnsBook.BOOKS);
        return Map.copyOf(books);
    }

    /** How many times the FLAKY snapshot was streamed. */
    public static final AtomicInteger FLAKY_STREAMS = new AtomicInteger();
    /** When (System.nanoTime) each GetSnapshot of SLOW and each stream of STALL arrived. */
    public static final List<Long> SLOW_CALLS = new CopyOnWriteArrayList<>();
    public static final List<Long> STALL_STREAMS = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Snapshot> getSnapshot(GetSnapshotRequest request) {
        LocalDate asOf = LocalDate.of(request.getAsOf().getYear(), request.getAsOf().getMonth(), request.getAsOf().getDay());
        List<SnapshotGrade> book = BOOKS.get(asOf);
        if (book == null) {
            return Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no snapshot of " + asOf).asRuntimeException());
        }
        if (asOf.equals(SLOW)) {
            SLOW_CALLS.add(System.nanoTime());
        }
        BigDecimal total = book.stream().map(g -> new BigDecimal(g.getOutstandingBalance().getAmount())).reduce(BigDecimal.ZERO, BigDecimal::add);
        Uni<Snapshot> answer = Uni.createFrom().item(Snapshot.newBuilder()
                .setSnapshotId(snapshotId(asOf))
                .setAsOf(Dates.toDate(asOf))
                .setLoanCount(asOf.equals(SHORT) ? book.size() + 1 : book.size())
                .setTotalBalance(Money.newBuilder().setAmount(total.toPlainString()).setCurrencyCode("CNY"))
                .setRuleSetVersion(ReturnsBook.ruleSet(asOf))
                .setFingerprint("fp-" + asOf)
                .build());
        return asOf.equals(SLOW) ? answer.onItem().delayIt().by(SLOW_ANSWER) : answer;
    }

    @Override
    public Multi<SnapshotGrade> streamSnapshotGrades(StreamSnapshotGradesRequest request) {
        LocalDate asOf = LocalDate.parse(request.getSnapshotId().substring("S-".length()));
        List<SnapshotGrade> book = BOOKS.get(asOf);
        if (asOf.equals(FLAKY) && FLAKY_STREAMS.incrementAndGet() == 1) {
            return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(book.subList(0, 2)),
                    Multi.createFrom().failure(Status.UNAVAILABLE.withDescription("loan-risk restarting").asRuntimeException()));
        }
        if (asOf.equals(STALL)) {
            STALL_STREAMS.add(System.nanoTime());
            return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(book.subList(0, 2)), Multi.createFrom().nothing());
        }
        return Multi.createFrom().iterable(book);
    }

    /** The same rows (and misbehaviour) as {@link #streamSnapshotGrades}, {@link #BATCH} to a message. */
    @Override
    public Multi<SnapshotGradeBatch> streamSnapshotGradeBatches(StreamSnapshotGradesRequest request) {
        if (request.getSnapshotId().equals(snapshotId(LEGACY))) {
            return Multi.createFrom().failure(Status.UNIMPLEMENTED.withDescription("no such method").asRuntimeException());
        }
        return streamSnapshotGrades(request).group().intoLists().of(BATCH)
                .map(grades -> SnapshotGradeBatch.newBuilder().addAllGrades(grades).build());
    }

    /**
     * The loans between November and December as loan-risk states them (every figure in CNY, the rate 1):
     * <pre>
     * L001  1,010,000.00 → 1,000,000.00  repaid 10,000.00
     * L002     50,500.00 →    50,000.00  repaid    500.00
     * L003    200,000.00 →   200,000.00  (Normal → Special mention)
     * L004    125,000.00 →   123,456.78  repaid  1,543.22 (Special mention → Substandard)
     * L005     82,000.00 →    80,000.00  repaid  2,000.00
     * L006     10,000.01 →    10,000.01
     * L007          —    →     3,333.33  disbursed 3,333.33 (new, Special mention)
     * L008      7,000.00 →        —      written off 7,000.00 (Loss), recovered 1,200.00 after it: a written-off claim
     * L009      4,000.00 →        —      transferred 4,000.00 at a price of 2,500.00 (Substandard)
     * L010          —    →        —      recovered 300.00 on a loan written off before November
     * </pre>
     */
    static final List<LoanFlow> NOVEMBER_TO_DECEMBER = List.of(
            flow("L001", LoanCategory.LOAN_CATEGORY_NORMAL, LoanCategory.LOAN_CATEGORY_NORMAL, "1010000.00", "1000000.00", flows().setRepaid(cny("10000.00")), false),
            flow("L002", LoanCategory.LOAN_CATEGORY_NORMAL, LoanCategory.LOAN_CATEGORY_NORMAL, "50500.00", "50000.00", flows().setRepaid(cny("500.00")), false),
            flow("L003", LoanCategory.LOAN_CATEGORY_NORMAL, LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "200000.00", "200000.00", flows(), false),
            flow("L004", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "125000.00", "123456.78", flows().setRepaid(cny("1543.22")), false),
            flow("L005", LoanCategory.LOAN_CATEGORY_DOUBTFUL, LoanCategory.LOAN_CATEGORY_DOUBTFUL, "82000.00", "80000.00", flows().setRepaid(cny("2000.00")), false),
            flow("L006", LoanCategory.LOAN_CATEGORY_LOSS, LoanCategory.LOAN_CATEGORY_LOSS, "10000.01", "10000.01", flows(), false),
            flow("L007", LoanCategory.LOAN_CATEGORY_UNSPECIFIED, LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "0.00", "3333.33", flows().setDisbursed(cny("3333.33")), false),
            flow("L008", LoanCategory.LOAN_CATEGORY_LOSS, LoanCategory.LOAN_CATEGORY_UNSPECIFIED, "7000.00", "0.00", flows().setWrittenOff(cny("7000.00")).setRecovered(cny("1200.00")), true),
            flow("L009", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, LoanCategory.LOAN_CATEGORY_UNSPECIFIED, "4000.00", "0.00", flows().setTransferred(cny("4000.00")).setTransferPrice(cny("2500.00")), false),
            flow("L010", LoanCategory.LOAN_CATEGORY_UNSPECIFIED, LoanCategory.LOAN_CATEGORY_UNSPECIFIED, "0.00", "0.00", flows().setRecovered(cny("300.00")), true));

    /**
     * The loans between two of the fake's snapshots: the returns book's year ({@link ReturnsBook#flows}); November to
     * December (and to the books that are December's) as {@link #NOVEMBER_TO_DECEMBER}; between two other known
     * dates, each loan of either book with its balances and no events. NOT_FOUND for an unknown snapshot,
     * INVALID_ARGUMENT when the earlier is not earlier, as loan-risk.
     */
    @Override
    public Multi<SnapshotFlowBatch> streamSnapshotFlows(StreamSnapshotFlowsRequest request) {
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(request.getFromSnapshotId().substring("S-".length()));
            to = LocalDate.parse(request.getToSnapshotId().substring("S-".length()));
        } catch (RuntimeException e) {
            return Multi.createFrom().failure(Status.NOT_FOUND.withDescription("no such snapshot").asRuntimeException());
        }
        if (!BOOKS.containsKey(from) || !BOOKS.containsKey(to)) {
            return Multi.createFrom().failure(Status.NOT_FOUND.withDescription("no such snapshot").asRuntimeException());
        }
        if (!from.isBefore(to)) {
            return Multi.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("to_snapshot_id: must be later").asRuntimeException());
        }
        List<LoanFlow> returnsYear = ReturnsBook.flows(from, to);
        List<LoanFlow> loans = returnsYear != null ? returnsYear
                : BOOKS.get(from) == NOVEMBER && BOOKS.get(to) == DECEMBER ? NOVEMBER_TO_DECEMBER
                : withoutEvents(BOOKS.get(from), BOOKS.get(to));
        return Multi.createFrom().iterable(loans).group().intoLists().of(BATCH)
                .map(batch -> SnapshotFlowBatch.newBuilder().addAllLoans(batch).build());
    }

    private static List<LoanFlow> withoutEvents(List<SnapshotGrade> opening, List<SnapshotGrade> closing) {
        Map<String, SnapshotGrade> open = new java.util.TreeMap<>();
        Map<String, SnapshotGrade> close = new java.util.TreeMap<>();
        opening.forEach(g -> open.put(g.getLoanId(), g));
        closing.forEach(g -> close.put(g.getLoanId(), g));
        java.util.SortedSet<String> ids = new java.util.TreeSet<>(open.keySet());
        ids.addAll(close.keySet());
        return ids.stream().map(id -> {
            SnapshotGrade o = open.get(id);
            SnapshotGrade c = close.get(id);
            return flow(id, o == null ? LoanCategory.LOAN_CATEGORY_UNSPECIFIED : o.getCategory(),
                    c == null ? LoanCategory.LOAN_CATEGORY_UNSPECIFIED : c.getCategory(),
                    o == null ? "0.00" : o.getOutstandingBalance().getAmount(), c == null ? "0.00" : c.getOutstandingBalance().getAmount(),
                    flows(), false);
        }).toList();
    }

    private static LoanFlow flow(String loanId, LoanCategory from, LoanCategory to, String opening, String closing,
            PeriodFlows.Builder flows, boolean writtenOff) {
        SnapshotGrade any = java.util.stream.Stream.concat(DECEMBER.stream(), NOVEMBER.stream())
                .filter(g -> g.getLoanId().equals(loanId)).findFirst().orElse(null);
        BigDecimal net = new BigDecimal(flows.getDisbursed().getAmount()).subtract(new BigDecimal(flows.getRepaid().getAmount()))
                .subtract(new BigDecimal(flows.getWrittenOff().getAmount())).subtract(new BigDecimal(flows.getTransferred().getAmount()))
                .subtract(new BigDecimal(flows.getForeclosed().getAmount()));
        String unexplained = new BigDecimal(closing).subtract(new BigDecimal(opening)).subtract(net).setScale(2).toPlainString();
        return LoanFlow.newBuilder()
                .setLoanId(loanId)
                .setBorrowerCustomerNumber(any == null ? "C010" : any.getBorrowerCustomerNumber())
                .setBorrowerKind(any == null ? BorrowerKind.BORROWER_KIND_RETAIL : any.getBorrowerKind())
                .setProduct(any == null ? Product.PRODUCT_PERSONAL_CONSUMPTION : any.getProduct())
                .setBranchCode(any == null ? "BR03" : any.getBranchCode())
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

    /** Every flow present at 0.00, as loan-risk sends them. */
    private static PeriodFlows.Builder flows() {
        Money zero = cny("0.00");
        return PeriodFlows.newBuilder().setDisbursed(zero).setRepaid(zero).setWrittenOff(zero).setRecovered(zero)
                .setTransferred(zero).setTransferPrice(zero).setForeclosed(zero).setForeclosedAssetValue(zero);
    }

    private static Money cny(String amount) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode("CNY").build();
    }

    public static String snapshotId(LocalDate asOf) {
        return "S-" + asOf;
    }

    private static SnapshotGrade grade(String loanId, String customer, Product product, String branch, String balance,
            CollateralKind collateral, String collateralValue, LoanCategory category, int daysPastDue) {
        return SnapshotGrade.newBuilder()
                .setLoanId(loanId)
                .setBorrowerCustomerNumber(customer)
                .setBorrowerKind(branch.equals("BR02") ? BorrowerKind.BORROWER_KIND_NON_RETAIL : BorrowerKind.BORROWER_KIND_RETAIL)
                .setProduct(product)
                .setBranchCode(branch)
                .setOutstandingBalance(Money.newBuilder().setAmount(balance).setCurrencyCode("CNY"))
                .setCollateralKind(collateral)
                .setCollateralValue(Money.newBuilder().setAmount(collateralValue).setCurrencyCode("CNY"))
                .setCategory(category)
                .setDaysPastDue(daysPastDue)
                .addReasonCodes("TEST")
                .build();
    }
}
