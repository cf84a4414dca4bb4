package bankrisk.e2e;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.loanrisk.v1.Product;
import bankrisk.api.convert.Dates;
import io.grpc.stub.StreamObserver;

/**
 * A generated retail book for the large tests, graded on 2024-01-31: loan {@code i} ({@code SL000000}…) of its own
 * borrower, balance 1,000.00 + i fen, {@code i % 400} days past due, no collateral, no restructuring. Its
 * provisioning under PBOC-2002 is worked out here from the rules as written, without the services' code:
 * <pre>
 * category (CN-2023, "more than N days"): 0 NORMAL, 1-90 SPECIAL_MENTION, 91-270 SUBSTANDARD, 271-360 DOUBTFUL, 361+ LOSS
 * specific provision per loan = balance × 0 / 2 % / 25 % / 50 % / 100 %, rounded half-up to the fen
 * general reserve            = total balance × 1 %, rounded once
 * ECL per loan = PD × LGD × balance, rounded half-up: NORMAL stage 1, 12-month PD 0.01, LGD 0.45;
 *   SPECIAL_MENTION stage 2, lifetime PD 0.20, LGD 0.45; SUBSTANDARD / DOUBTFUL / LOSS stage 3, PD 1,
 *   LGD 0.45 / 0.65 / 1 (the services' configured illustrative parameters)
 * </pre>
 */
final class GeneratedBook {

    static final LocalDate AS_OF = LocalDate.of(2024, 1, 31);

    /** What a correct PBOC-2002 run over the first {@code loans} loans stores. */
    record Provisioning(long loans, BigDecimal totalBalance, BigDecimal nplBalance, BigDecimal specificProvision,
            BigDecimal generalReserve, BigDecimal ecl, Map<String, CategoryLine> categories) {

        BigDecimal allowance() {
            return specificProvision.add(generalReserve);
        }
    }

    /** One category's loans, balance, provision and ECL. */
    record CategoryLine(long loans, BigDecimal balance, BigDecimal provision, BigDecimal ecl) {

        CategoryLine plus(BigDecimal loanBalance, BigDecimal loanProvision, BigDecimal loanEcl) {
            return new CategoryLine(loans + 1, balance.add(loanBalance), provision.add(loanProvision), ecl.add(loanEcl));
        }
    }

    private static final List<String> CATEGORIES = List.of("NORMAL", "SPECIAL_MENTION", "SUBSTANDARD", "DOUBTFUL", "LOSS");
    private static final List<BigDecimal> PROVISION_RATE = decimals("0", "0.02", "0.25", "0.50", "1");
    private static final List<BigDecimal> PD = decimals("0.01", "0.20", "1", "1", "1");
    private static final List<BigDecimal> LGD = decimals("0.45", "0.45", "0.45", "0.65", "1");
    private static final BigDecimal GENERAL_RESERVE_RATE = new BigDecimal("0.01");

    private GeneratedBook() {
    }

    static BigDecimal balance(int i) {
        return BigDecimal.valueOf(100_000L + i, 2);
    }

    static int daysPastDue(int i) {
        return i % 400;
    }

    /** Index into {@link #CATEGORIES} of loan {@code i}'s grade. */
    static int category(int i) {
        int dpd = daysPastDue(i);
        return dpd > 360 ? 4 : dpd > 270 ? 3 : dpd > 90 ? 2 : dpd > 0 ? 1 : 0;
    }

    static Provisioning provisioning(int loans) {
        Map<String, CategoryLine> categories = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> categories.put(c, new CategoryLine(0, fen(BigDecimal.ZERO), fen(BigDecimal.ZERO), fen(BigDecimal.ZERO))));
        BigDecimal total = fen(BigDecimal.ZERO), npl = fen(BigDecimal.ZERO), specific = fen(BigDecimal.ZERO), ecl = fen(BigDecimal.ZERO);
        for (int i = 0; i < loans; i++) {
            int c = category(i);
            BigDecimal balance = balance(i);
            BigDecimal provision = fen(balance.multiply(PROVISION_RATE.get(c)));
            BigDecimal loss = fen(PD.get(c).multiply(LGD.get(c)).multiply(balance));
            categories.computeIfPresent(CATEGORIES.get(c), (key, line) -> line.plus(balance, provision, loss));
            total = total.add(balance);
            npl = c >= 2 ? npl.add(balance) : npl;
            specific = specific.add(provision);
            ecl = ecl.add(loss);
        }
        return new Provisioning(loans, total, npl, specific, fen(total.multiply(GENERAL_RESERVE_RATE)), ecl, categories);
    }

    static LoadLoanFactsRequest fact(int i) {
        String id = String.format("SL%06d", i);
        Money balance = cny(balance(i));
        return LoadLoanFactsRequest.newBuilder().setLoanId(id).setAsOf(Dates.toDate(AS_OF)).setOutstandingBalance(balance)
                .setCollateralValue(cny(BigDecimal.ZERO)).setDaysPastDuePrincipal(daysPastDue(i))
                .setLoan(Loan.newBuilder().setLoanId(id).setBorrowerCustomerNumber(String.format("SB%06d", i))
                        .setBorrowerKind(BorrowerKind.BORROWER_KIND_RETAIL).setProduct(Product.PRODUCT_PERSONAL_CONSUMPTION)
                        .setBranchCode("BR01").setPrincipal(balance).setOutstandingBalance(balance)
                        .setOriginationDate(SamplePortfolio.date("2022-01-01")).setMaturityDate(SamplePortfolio.date("2027-01-01"))
                        .setCollateralKind(CollateralKind.COLLATERAL_KIND_NONE).setCollateralValue(cny(BigDecimal.ZERO)))
                .build();
    }

    /** Loads loans {@code from} (inclusive) to {@code to} (exclusive) in one LoadLoanFacts stream, as a risk officer. */
    static LoadLoanFactsResponse load(ServiceProcess loanRisk, int from, int to) throws Exception {
        StreamCall<LoadLoanFactsResponse> answer = StreamCall.collecting();
        StreamObserver<LoadLoanFactsRequest> upload = upload(loanRisk, answer);
        for (int i = from; i < to; i++) {
            upload.onNext(fact(i));
        }
        upload.onCompleted();
        return answer.done.get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS).get(0);
    }

    /** Opens a LoadLoanFacts stream as a risk officer; the caller sends the rows. */
    static StreamObserver<LoadLoanFactsRequest> upload(ServiceProcess loanRisk, StreamObserver<LoadLoanFactsResponse> answer) {
        return LoanRiskServiceGrpc.newStub(loanRisk.channel()).withCallCredentials(Staff.RISK_OFFICER).loadLoanFacts(answer);
    }

    static Money cny(BigDecimal amount) {
        return Money.newBuilder().setAmount(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString()).setCurrencyCode("CNY").build();
    }

    private static BigDecimal fen(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static List<BigDecimal> decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
