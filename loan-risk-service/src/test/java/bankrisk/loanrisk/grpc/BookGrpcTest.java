package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.EventsTestBook.disbursement;
import static bankrisk.loanrisk.grpc.EventsTestBook.record;
import static bankrisk.loanrisk.grpc.EventsTestBook.writeOff;
import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Decimal;
import bank.common.v1.PageRequest;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.GetLoanHistoryRequest;
import bank.loanrisk.v1.ListLoansRequest;
import bank.loanrisk.v1.ListLoansResponse;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanFxRate;
import bank.loanrisk.v1.LoanHistory;
import bank.loanrisk.v1.LoanHistoryEntry;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.Product;
import bank.loanrisk.v1.PutFxRatesRequest;
import bank.loanrisk.v1.PutFxRatesResponse;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * ListLoans, GetLoanHistory and PutFxRates. The loans of this class sit in branch {@link #BRANCH} alone, with facts
 * from 2026-07-31 (month-ends no other test classifies), so the filters can be asserted exactly.
 */
@QuarkusTest
class BookGrpcTest {

    static final String BRANCH = "LL-BR";
    static final LocalDate JULY = LocalDate.of(2026, 7, 31);
    static final LocalDate AUGUST = LocalDate.of(2026, 8, 31);

    /** The whole book of the suite is graded on these dates. */
    static final Duration CLASSIFY_TIMEOUT = Duration.ofMinutes(3);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @BeforeEach
    void authenticate() {
        client = TestBook.asOfficer(client);
    }

    @Test
    void theBookIsListedByFiltersAndALoanHistoryIsOldestFirst() {
        load(client, List.of(inBranch("LL-1", BorrowerKind.BORROWER_KIND_RETAIL, "500.00").setDaysPastDuePrincipal(100),
                inBranch("LL-2", BorrowerKind.BORROWER_KIND_NON_RETAIL, "1000.00"),
                inBranch("LL-3", BorrowerKind.BORROWER_KIND_RETAIL, "300.00")));
        String july = snapshotId(classify(client, JULY, CLASSIFY_TIMEOUT));
        load(client, List.of(facts("LL-1", AUGUST, "450.00").setDaysPastDuePrincipal(300)));
        String august = snapshotId(classify(client, AUGUST, CLASSIFY_TIMEOUT));
        LoanRiskServiceBlockingStub officer = TestBook.asOfficer(loanRisk);
        officer.recordLoanEvent(record(disbursement("LL-3-D", "LL-3", LocalDate.of(2026, 1, 5), "300.00")));
        officer.recordLoanEvent(record(writeOff("LL-3-W", "LL-3", LocalDate.of(2026, 3, 31), "300.00")));
        TestBook.as(loanRisk, "checker-ll", Roles.RISK_APPROVER).approveWriteOff(DecideWriteOffRequest.newBuilder()
                .setEventId("LL-3-W").build());

        ListLoansResponse first = list(branch().setPage(PageRequest.newBuilder().setPageSize(2)));
        assertThat(first.getLoansList()).extracting(Loan::getLoanId).containsExactly("LL-1", "LL-2");
        assertThat(first.getPage().getTotalSize()).isEqualTo(3);
        ListLoansResponse second = list(branch().setPage(PageRequest.newBuilder().setPageSize(2)
                .setPageToken(first.getPage().getNextPageToken())));
        assertThat(second.getLoansList()).extracting(Loan::getLoanId).containsExactly("LL-3");
        assertThat(second.getPage().getNextPageToken()).isEmpty();

        assertThat(ids(branch().setCategoryInSnapshotId(july).setCategory(LoanCategory.LOAN_CATEGORY_SUBSTANDARD))).containsExactly("LL-1");
        assertThat(ids(branch().setCategoryInSnapshotId(august).setCategory(LoanCategory.LOAN_CATEGORY_DOUBTFUL))).containsExactly("LL-1");
        assertThat(ids(branch().setCategoryInSnapshotId(july).setCategory(LoanCategory.LOAN_CATEGORY_NORMAL)))
                .containsExactly("LL-2", "LL-3");
        assertThat(ids(branch().setProduct(Product.PRODUCT_CORPORATE_WORKING_CAPITAL))).containsExactly("LL-2");
        assertThat(ids(branch().setBorrowerCustomerNumber("P-LL-3"))).containsExactly("LL-3");
        assertThat(ids(branch().setWrittenOff(true))).containsExactly("LL-3");
        assertThat(ids(branch().setWrittenOff(false))).containsExactly("LL-1", "LL-2");
        assertThat(ids(branch().setCurrencyCode("CNY"))).containsExactly("LL-1", "LL-2", "LL-3");
        assertThat(ids(branch().setCurrencyCode("USD"))).isEmpty();
        assertThatThrownBy(() -> list(branch().setCategory(LoanCategory.LOAN_CATEGORY_LOSS)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsKey("category_in_snapshot_id"));

        LoanHistory history = auditor().getLoanHistory(GetLoanHistoryRequest.newBuilder().setLoanId("LL-1").build());
        assertThat(history.getEntriesList()).extracting(e -> e.getSnapshot().getSnapshotId(), LoanHistoryEntry::getCategory,
                e -> e.getOutstandingBalance().getAmount(), LoanHistoryEntry::getDaysPastDue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(july, LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "500.00", 100),
                        org.assertj.core.groups.Tuple.tuple(august, LoanCategory.LOAN_CATEGORY_DOUBTFUL, "450.00", 300));
        assertThat(history.getEntries(0).getReasonCodesList()).containsExactly("DPD_OVER_90");
        assertThat(history.getEntries(1).getReasonCodesList()).containsExactly("DPD_OVER_270");
        assertThatThrownBy(() -> auditor().getLoanHistory(GetLoanHistoryRequest.newBuilder().setLoanId("LL-NONE").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void fxRatesAreStoredOnceAndBadOnesNamedByRow() {
        LoanRiskServiceBlockingStub officer = TestBook.asOfficer(loanRisk);
        PutFxRatesRequest rates = PutFxRatesRequest.newBuilder().addRates(rate("USD", "7.10250000")).addRates(rate("EUR", "7.7"))
                .build();
        PutFxRatesResponse stored = officer.putFxRates(rates);
        assertThat(stored.getStored()).isEqualTo(2);
        assertThat(stored.getUnchanged()).isZero();
        // A retry changes nothing; a changed rate is stored again.
        assertThat(officer.putFxRates(rates).getUnchanged()).isEqualTo(2);
        PutFxRatesResponse changed = officer.putFxRates(PutFxRatesRequest.newBuilder().addRates(rate("USD", "7.11"))
                .addRates(rate("EUR", "7.70")).build());
        assertThat(changed.getStored()).isEqualTo(1);
        assertThat(changed.getUnchanged()).isEqualTo(1);

        assertThatThrownBy(() -> officer.putFxRates(PutFxRatesRequest.newBuilder().addRates(rate("CNY", "1"))
                .addRates(rate("USD", "7.1")).addRates(rate("USD", "7.2")).addRates(rate("JPY", "0")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e).keySet()).containsExactlyInAnyOrder("rates[0].currency_code",
                            "rates[2].rate_date", "rates[3].rate.value");
                });
    }

    private static LoanFxRate rate(String currency, String value) {
        return LoanFxRate.newBuilder().setCurrencyCode(currency).setRateDate(Dates.toDate(JULY))
                .setRate(Decimal.newBuilder().setValue(value)).build();
    }

    private static LoadLoanFactsRequest.Builder inBranch(String loanId, BorrowerKind kind, String balance) {
        Loan loan = TestBook.loan(loanId, "P-" + loanId, kind).toBuilder().setBranchCode(BRANCH).build();
        return facts(loanId, JULY, balance).setLoan(loan);
    }

    private static ListLoansRequest.Builder branch() {
        return ListLoansRequest.newBuilder().setBranchCode(BRANCH);
    }

    private List<String> ids(ListLoansRequest.Builder request) {
        return list(request).getLoansList().stream().map(Loan::getLoanId).toList();
    }

    private ListLoansResponse list(ListLoansRequest.Builder request) {
        return auditor().listLoans(request.build());
    }

    private static String snapshotId(List<ClassificationProgress> run) {
        return run.get(run.size() - 1).getSnapshot().getSnapshotId();
    }

    private LoanRiskServiceBlockingStub auditor() {
        return TestBook.as(loanRisk, "auditor-1", Roles.AUDITOR);
    }
}
