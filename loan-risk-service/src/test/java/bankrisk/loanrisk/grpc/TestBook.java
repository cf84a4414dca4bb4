package bankrisk.loanrisk.grpc;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.LoadLoanFactsBatch;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.Product;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Multi;

/** Small named builders of loans and facts rows for the gRPC tests. */
final class TestBook {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The officer most tests act as (loads, runs, proposals, reads). */
    static final String OFFICER = "risk-officer-1";

    private TestBook() {
    }

    /** {@code client} (an injected stub or Mutiny client) calling with a token for {@code subject} and {@code roles}. */
    static <T> T as(T client, String subject, String... roles) {
        return GrpcClientUtils.attachHeaders(client, TestTokens.headers(subject, roles));
    }

    static <T> T asOfficer(T client) {
        return as(client, OFFICER, Roles.RISK_OFFICER);
    }

    static Money cny(String amount) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode("CNY").build();
    }

    static Decimal decimal(String value) {
        return Decimal.newBuilder().setValue(value).build();
    }

    static Loan loan(String loanId, String borrower, BorrowerKind kind) {
        return Loan.newBuilder()
                .setLoanId(loanId)
                .setBorrowerCustomerNumber(borrower)
                .setBorrowerKind(kind)
                .setProduct(kind == BorrowerKind.BORROWER_KIND_RETAIL ? Product.PRODUCT_PERSONAL_CONSUMPTION
                        : Product.PRODUCT_CORPORATE_WORKING_CAPITAL)
                .setBranchCode("SH-001")
                .setPrincipal(cny("1000000.00"))
                .setOutstandingBalance(cny("1000000.00"))
                .setOriginationDate(Dates.toDate(LocalDate.of(2022, 1, 1)))
                .setMaturityDate(Dates.toDate(LocalDate.of(2030, 1, 1)))
                .setCollateralKind(CollateralKind.COLLATERAL_KIND_NONE)
                .setCollateralValue(cny("0"))
                .setGuaranteed(false)
                .build();
    }

    /** A facts row registering a retail loan: performing, with the given balance. */
    static LoadLoanFactsRequest.Builder retail(String loanId, LocalDate asOf, String balance) {
        return row(loan(loanId, "P-" + loanId, BorrowerKind.BORROWER_KIND_RETAIL), asOf, balance);
    }

    /** A facts row registering a non-retail loan of {@code borrower}. */
    static LoadLoanFactsRequest.Builder company(String loanId, String borrower, LocalDate asOf, String balance) {
        return row(loan(loanId, borrower, BorrowerKind.BORROWER_KIND_NON_RETAIL), asOf, balance);
    }

    /** A facts row for an already registered loan. */
    static LoadLoanFactsRequest.Builder facts(String loanId, LocalDate asOf, String balance) {
        return LoadLoanFactsRequest.newBuilder()
                .setLoanId(loanId)
                .setAsOf(Dates.toDate(asOf))
                .setOutstandingBalance(cny(balance))
                .setCollateralValue(cny("0"));
    }

    private static LoadLoanFactsRequest.Builder row(Loan loan, LocalDate asOf, String balance) {
        return facts(loan.getLoanId(), asOf, balance).setLoan(loan);
    }

    /** The rows through LoadLoanFactsBatches, {@code perBatch} supplying each message's number of rows. */
    static LoadLoanFactsResponse loadInBatches(LoanRiskService client, List<LoadLoanFactsRequest> rows, IntSupplier perBatch) {
        List<LoadLoanFactsBatch> batches = new ArrayList<>();
        for (int from = 0; from < rows.size();) {
            int to = Math.min(rows.size(), from + perBatch.getAsInt());
            batches.add(LoadLoanFactsBatch.newBuilder().addAllRows(rows.subList(from, to)).build());
            from = to;
        }
        return client.loadLoanFactsBatches(Multi.createFrom().iterable(batches)).await().atMost(TIMEOUT);
    }

    static LoadLoanFactsResponse load(LoanRiskService client, List<LoadLoanFactsRequest.Builder> rows) {
        return client.loadLoanFacts(Multi.createFrom().iterable(rows.stream().map(LoadLoanFactsRequest.Builder::build).toList()))
                .await().atMost(TIMEOUT);
    }

    /** Every row of a snapshot, read through the flow-controlled stream. */
    static List<SnapshotGrade> streamGrades(SnapshotServiceBlockingStub snapshots, String snapshotId) {
        List<SnapshotGrade> rows = new ArrayList<>();
        snapshots.streamSnapshotGrades(StreamSnapshotGradesRequest.newBuilder().setSnapshotId(snapshotId).build())
                .forEachRemaining(rows::add);
        return rows;
    }

    static List<ClassificationProgress> classify(LoanRiskService client, LocalDate asOf) {
        return classify(client, asOf, TIMEOUT);
    }

    /** For a test that classifies late in the suite, when the other tests' loans make the book larger. */
    static List<ClassificationProgress> classify(LoanRiskService client, LocalDate asOf, Duration timeout) {
        return client.classifyPortfolio(ClassifyPortfolioRequest.newBuilder().setAsOf(Dates.toDate(asOf)).build()).collect().asList()
                .await().atMost(timeout);
    }
}
