package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.company;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.streamGrades;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.GetLoanHistoryRequest;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanFxRate;
import bank.loanrisk.v1.LoanGrade;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.PutFxRatesRequest;
import bank.loanrisk.v1.RepaymentMethod;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Foreign-currency loans (issue 13 item 4): a snapshot converts each balance at the rate dated exactly its as-of date,
 * the debtor-centred rule compares CNY amounts, and a missing rate (or one of another date) fails the run instead of
 * assuming 1.0. The loans are dated 2023-07-12, a date no other test classifies, and leave the book the next day, so
 * no other snapshot sees them.
 */
@QuarkusTest
class ForeignCurrencyGrpcTest {

    static final LocalDate DAY = LocalDate.of(2023, 7, 12);
    static final LocalDate DAY_BEFORE = LocalDate.of(2023, 7, 11);
    static final LocalDate NEXT_DAY = LocalDate.of(2023, 7, 13);

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
     * Borrower FX-B (non-retail) owes FX-USD, USD 150,000.00 and 100 days past due (Substandard), and FX-CNY,
     * CNY 9,000,000.00, performing. On 2023-07-12 USD 1 = CNY 7.10:
     * FX-USD in CNY = 150,000.00 × 7.10 = 1,065,000.00; the debtor's total = 1,065,000.00 + 9,000,000.00 = 10,065,000.00;
     * non-performing share = 1,065,000.00 ÷ 10,065,000.00 = 10.58 % > 10 % → every claim of FX-B is at least
     * Substandard: FX-CNY becomes Substandard by DEBTOR_CONTAGION_OVER_10PCT.
     * The same share taken on the unconverted figures (USD and CNY added as if one currency) is
     * 150,000.00 ÷ 9,150,000.00 = 1.64 %, and at the previous day's rate 6.00 it is 900,000.00 ÷ 9,900,000.00 = 9.09 %:
     * either would leave FX-CNY Normal, which is why the run converts, and only at the day's own rate.
     */
    @Test
    void aUsdLoansShareOfItsDebtorIsJudgedInCnyAtTheRateOfTheDay() throws Exception {
        load(client, List.of(inUsd(company("FX-USD", "FX-B", DAY, "150000.00")).setDaysPastDuePrincipal(100),
                withTerms(company("FX-CNY", "FX-B", DAY, "9000000.00"))));

        // No USD rate at all: neither the run nor an on-demand grade assumes one.
        assertMissingRate(() -> classify(client, DAY));
        assertMissingRate(() -> loanRisk.getLoanGrade(grade("FX-CNY")));
        // A rate of another date is not the day's rate: still refused, never used as a fallback.
        loanRisk.putFxRates(PutFxRatesRequest.newBuilder().addRates(rate(DAY_BEFORE, "6.00")).build());
        assertMissingRate(() -> classify(client, DAY));
        assertThatThrownBy(() -> snapshots.getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(DAY)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

        loanRisk.putFxRates(PutFxRatesRequest.newBuilder().addRates(rate(DAY, "7.10")).build());
        LoanGrade onDemand = loanRisk.getLoanGrade(grade("FX-CNY"));
        assertThat(onDemand.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(onDemand.getReasonCodesList()).containsExactly("DEBTOR_CONTAGION_OVER_10PCT");

        classify(client, DAY);
        Snapshot snapshot = snapshots.getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(DAY)).build());
        List<SnapshotGrade> rows = streamGrades(snapshots, snapshot.getSnapshotId());
        List<SnapshotGrade> ours = rows.stream().filter(g -> g.getLoanId().startsWith("FX-")).toList();
        assertThat(ours).extracting(SnapshotGrade::getLoanId, g -> g.getCategory(), g -> g.getReasonCodesList(),
                g -> g.getOutstandingBalance(), SnapshotGrade::getOriginalCurrencyCode, g -> g.getOriginalBalance(),
                g -> g.getFxRate().getValue())
                .containsExactly(
                        tuple("FX-CNY", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, List.of("DEBTOR_CONTAGION_OVER_10PCT"),
                                money("9000000.00", "CNY"), "CNY", money("9000000.00", "CNY"), "1.00000000"),
                        tuple("FX-USD", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, List.of("DEBTOR_CONTAGION_OVER_10PCT", "DPD_OVER_90"),
                                money("1065000.00", "CNY"), "USD", money("150000.00", "USD"), "7.10000000"));
        // The contract terms the loan was booked with ride on its row (SnapshotGrade 19..22); unset ones stay unset.
        assertThat(ours.get(0).getContractualInterestRate().getValue()).isEqualTo("0.04350000");
        assertThat(ours.get(0).getRepaymentMethod()).isEqualTo(RepaymentMethod.REPAYMENT_METHOD_EQUAL_INSTALMENT);
        assertThat(ours.get(0).getUndrawnCommitment()).isEqualTo(money("500000.00", "CNY"));
        assertThat(ours.get(0).getCategoryAtOrigination()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL);
        assertThat(ours.get(1).hasContractualInterestRate()).isFalse();
        assertThat(ours.get(1).getRepaymentMethodValue()).isZero();
        assertThat(ClassificationAtScaleTest.fingerprintLine(ours.get(0))).isEqualTo(
                "FX-CNY|FX-B|NON_RETAIL|CORPORATE_WORKING_CAPITAL|SH-001|9000000.00|NONE|0.00|SUBSTANDARD|0|"
                        + "DEBTOR_CONTAGION_OVER_10PCT|0.04350000|EQUAL_INSTALMENT|500000.00|NORMAL\n");
        // GetLoanHistory gives the balance in the loan's own currency.
        assertThat(loanRisk.getLoanHistory(GetLoanHistoryRequest.newBuilder().setLoanId("FX-USD").build()).getEntriesList())
                .extracting(e -> e.getOutstandingBalance()).containsExactly(money("150000.00", "USD"));
        // The total adds the CNY amounts (FX-CNY 9,000,000.00 + FX-USD 1,065,000.00 among them).
        assertThat(snapshot.getTotalBalance()).isEqualTo(money(rows.stream().map(g -> new java.math.BigDecimal(
                g.getOutstandingBalance().getAmount())).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString(), "CNY"));
        // The fingerprint covers the loan's own currency, balance and rate (only for loans not in CNY).
        assertThat(ClassificationAtScaleTest.fingerprintLine(ours.get(1))).isEqualTo(
                "FX-USD|FX-B|NON_RETAIL|CORPORATE_WORKING_CAPITAL|SH-001|1065000.00|NONE|0.00|SUBSTANDARD|100|"
                        + "DEBTOR_CONTAGION_OVER_10PCT,DPD_OVER_90|USD|150000.00|7.10000000\n");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        rows.forEach(g -> sha256.update(ClassificationAtScaleTest.fingerprintLine(g).getBytes(StandardCharsets.UTF_8)));
        assertThat(snapshot.getFingerprint()).isEqualTo(HexFormat.of().formatHex(sha256.digest()));

        // The facts of a registered USD loan are in USD: CNY amounts are refused, naming the row.
        assertThatThrownBy(() -> load(client, List.of(facts("FX-USD", NEXT_DAY, "0.00"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsEntry("loans[0].outstanding_balance.currency_code", "must be the loan's currency USD"));
        // Both loans leave the book the next day, so no later snapshot of another test sees them.
        load(client, List.of(inUsd(facts("FX-USD", NEXT_DAY, "0.00")), facts("FX-CNY", NEXT_DAY, "0.00")));
    }

    private static void assertMissingRate(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(e.getStatus().getDescription()).contains("USD").contains("2023-07-12");
        });
    }

    private static GetLoanGradeRequest grade(String loanId) {
        return GetLoanGradeRequest.newBuilder().setLoanId(loanId).setAsOf(Dates.toDate(DAY)).build();
    }

    private static LoanFxRate rate(LocalDate date, String value) {
        return LoanFxRate.newBuilder().setCurrencyCode("USD").setRateDate(Dates.toDate(date))
                .setRate(Decimal.newBuilder().setValue(value)).build();
    }

    private static Money money(String amount, String currency) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode(currency).build();
    }

    /** The row's loan with every contract term for ECL: 4.35 % effective, 等额本息, 500,000.00 undrawn, Normal at origination. */
    private static LoadLoanFactsRequest.Builder withTerms(LoadLoanFactsRequest.Builder row) {
        return row.setLoan(row.getLoan().toBuilder().setContractualInterestRate(Decimal.newBuilder().setValue("0.0435"))
                .setRepaymentMethod(RepaymentMethod.REPAYMENT_METHOD_EQUAL_INSTALMENT).setUndrawnCommitment(money("500000", "CNY"))
                .setCategoryAtOrigination(LoanCategory.LOAN_CATEGORY_NORMAL));
    }

    /** The row, and the loan it carries, in USD. */
    private static LoadLoanFactsRequest.Builder inUsd(LoadLoanFactsRequest.Builder row) {
        row.setOutstandingBalance(usd(row.getOutstandingBalance())).setCollateralValue(usd(row.getCollateralValue()));
        if (row.hasLoan()) {
            var loan = row.getLoan().toBuilder();
            row.setLoan(loan.setPrincipal(usd(loan.getPrincipal())).setOutstandingBalance(usd(loan.getOutstandingBalance()))
                    .setCollateralValue(usd(loan.getCollateralValue())));
        }
        return row;
    }

    private static Money usd(Money money) {
        return money.toBuilder().setCurrencyCode("USD").build();
    }
}
