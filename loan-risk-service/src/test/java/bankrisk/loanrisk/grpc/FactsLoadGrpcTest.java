package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.company;
import static bankrisk.loanrisk.grpc.TestBook.decimal;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.loadInBatches;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.LoadLoanFactsBatch;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.loanrisk.grading.BookQueries;
import bankrisk.loanrisk.grading.LoanFacts;
import bankrisk.testing.TableFingerprints;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/** Facts are dated 2025 here: the classification tests grade 2023 and never see them. */
@QuarkusTest
class FactsLoadGrpcTest {

    static final LocalDate JAN = LocalDate.of(2025, 1, 31);
    static final LocalDate FEB = LocalDate.of(2025, 2, 28);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub blocking;

    @Inject
    BookQueries book;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticateAsOfficer() {
        client = TestBook.asOfficer(client);
        blocking = TestBook.asOfficer(blocking);
    }

    @Test
    void aLoadRegistersLoansAndStoresDatedFactsAndARetryCountsNothingTwice() {
        var rows = List.of(
                retail("FL-1", JAN, "1000.00").setDaysPastDuePrincipal(12),
                company("FL-2", "FC-1", JAN, "2000.00").setOverdueElsewhereShare(decimal("0.25")).setCreditImpaired(true)
                        .setEclRatio(decimal("0.5")),
                facts("FL-1", FEB, "900.00"));

        LoadLoanFactsResponse first = load(client, rows);
        LoadLoanFactsResponse retry = load(client, rows);

        assertThat(first.getRowsReceived()).isEqualTo(3);
        assertThat(first.getFactsInserted()).isEqualTo(3);
        assertThat(first.getLoansRegistered()).isEqualTo(2);
        assertThat(retry.getFactsInserted()).isZero();
        assertThat(retry.getFactsUpdated()).isZero();
        assertThat(retry.getFactsUnchanged()).isEqualTo(3);
        assertThat(retry.getLoansRegistered()).isZero();
        assertThat(retry.getLoansUpdated()).isZero();

        List<LoanFacts> janBook = book.factsOn(JAN, "FC-1");
        assertThat(janBook).singleElement().satisfies(f -> {
            assertThat(f.outstandingBalance()).isEqualByComparingTo("2000.00");
            assertThat(f.overdueElsewhereShare()).isEqualByComparingTo("0.25");
            assertThat(f.eclRatio()).isEqualByComparingTo("0.5");
            assertThat(f.creditImpaired()).isTrue();
        });
        assertThat(book.factsOn(JAN, "P-FL-1")).singleElement().satisfies(f -> assertThat(f.daysPastDuePrincipal()).isEqualTo(12));
        assertThat(book.factsOn(FEB, "P-FL-1")).singleElement().satisfies(f -> {
            assertThat(f.outstandingBalance()).isEqualByComparingTo("900.00");
            assertThat(f.daysPastDuePrincipal()).isZero();
        });
    }

    @Test
    void aCorrectedRowReplacesTheFactsOfItsDateOnlyAndIsCountedAsUpdated() {
        load(client, List.of(retail("FL-3", JAN, "500.00"), facts("FL-3", FEB, "400.00")));

        LoadLoanFactsResponse corrected = load(client, List.of(facts("FL-3", FEB, "400.00").setDaysPastDueInterest(3)));

        assertThat(corrected.getFactsUpdated()).isEqualTo(1);
        assertThat(corrected.getFactsInserted()).isZero();
        assertThat(book.factsOn(JAN, "P-FL-3").get(0).daysPastDueInterest()).isZero();
        assertThat(book.factsOn(FEB, "P-FL-3").get(0).daysPastDueInterest()).isEqualTo(3);
    }

    @Test
    void anInvalidRowRejectsTheWholeStreamWithItsIndexAndNothingIsWritten() {
        var rows = List.of(
                retail("FL-4", JAN, "100.00"),
                retail("FL-5", JAN, "100.00"),
                retail("FL-6", JAN, "-1.00").setDaysPastDuePrincipal(-5).setEclRatio(decimal("1.5")),
                retail("FL-7", JAN, "100.00").setRestructuredOn(Dates.toDate(JAN)));

        assertThatThrownBy(() -> load(client, rows)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys(
                    "loans[2].outstanding_balance.amount", "loans[2].days_past_due_principal", "loans[2].ecl_ratio.value",
                    "loans[3].observation_end");
        });
        assertNoLoan("FL-4");
        assertNoLoan("FL-5");
    }

    @Test
    void batchesLoadTheSameRowsAsOneRowPerMessageAndNameRowsAcrossBatches() throws SQLException {
        var rows = List.of(
                retail("FB2-1", JAN, "100.00"),
                company("FB2-2", "FB2-C", JAN, "250.50").setDaysPastDuePrincipal(91),
                retail("FB2-3", JAN, "300.00"),
                facts("FB2-1", FEB, "90.00"),
                facts("FB2-2", FEB, "250.50"));

        LoadLoanFactsResponse loaded = loadInBatches(client, built(rows), () -> 2);
        LoadLoanFactsResponse retry = load(client, rows);

        assertThat(loaded.getRowsReceived()).isEqualTo(5);
        assertThat(loaded.getFactsInserted()).isEqualTo(5);
        assertThat(loaded.getLoansRegistered()).isEqualTo(3);
        assertThat(retry.getFactsUnchanged()).isEqualTo(5); // the same rows, whichever RPC carried them
        assertThat(book.factsOn(JAN, "FB2-C")).singleElement().satisfies(f -> {
            assertThat(f.outstandingBalance()).isEqualByComparingTo("250.50");
            assertThat(f.daysPastDuePrincipal()).isEqualTo(91);
        });
        assertThat(book.factsOn(FEB, "P-FB2-1")).singleElement()
                .satisfies(f -> assertThat(f.outstandingBalance()).isEqualByComparingTo("90.00"));

        Map<String, String> before = TableFingerprints.all(dataSource);
        var bad = List.of(retail("FB2-4", JAN, "1.00"), retail("FB2-5", JAN, "1.00"), retail("FB2-6", JAN, "1.00"),
                retail("FB2-7", JAN, "-1.00"));
        assertThatThrownBy(() -> loadInBatches(client, built(bad), () -> 3)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("loans[3].outstanding_balance.amount");
        });
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
    }

    @Test
    void aStreamWithoutRowsIsInvalidWhicheverRpcCarriesItAndWritesNothing() throws SQLException {
        Map<String, String> before = TableFingerprints.all(dataSource);

        for (ThrowingCallable empty : List.<ThrowingCallable> of(() -> load(client, List.of()),
                () -> loadInBatches(client, List.of(), () -> 1),
                () -> client.loadLoanFactsBatches(Multi.createFrom().items(LoadLoanFactsBatch.getDefaultInstance(),
                        LoadLoanFactsBatch.getDefaultInstance())).await().atMost(Duration.ofSeconds(30)))) {
            assertThatThrownBy(empty).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(StatusDetails.fieldViolations(e)).containsExactly(Map.entry("loans", "the stream carried no rows"));
            });
        }
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
    }

    /** {@code count} new retail loans {@code <prefix>00000…} on JAN, 10.00 each, in a list the test may extend. */
    private static List<LoadLoanFactsRequest.Builder> newRetailLoans(String prefix, int count) {
        return new ArrayList<>(IntStream.range(0, count)
                .mapToObj(i -> retail(String.format(prefix + "%05d", i), JAN, "10.00")).toList());
    }

    private static List<LoadLoanFactsRequest> built(List<LoadLoanFactsRequest.Builder> rows) {
        return rows.stream().map(LoadLoanFactsRequest.Builder::build).toList();
    }

    @Test
    void factsOfAnUnknownLoanWithoutBookDataRejectTheStream() {
        var rows = List.of(retail("FL-8", JAN, "100.00"), facts("FL-NOPE", JAN, "1.00"));

        assertThatThrownBy(() -> load(client, rows)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("loans[1].loan_id"));
        assertNoLoan("FL-8");
    }

    @Test
    void theSameLoanAndDateTwiceInOneStreamIsInvalid() {
        var rows = List.of(retail("FL-9", JAN, "100.00"), facts("FL-9", JAN, "90.00"));

        assertThatThrownBy(() -> load(client, rows)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsEntry("loans[1].as_of", "repeats loan FL-9 on 2025-01-31 of loans[0]"));
        assertNoLoan("FL-9");
    }

    @Test
    void aBalanceInAnotherCurrencyThanTheLoansIsInvalid() {
        var row = retail("FL-10", JAN, "1.00").setOutstandingBalance(TestBook.cny("1.00").toBuilder().setCurrencyCode("USD"));
        var collateral = retail("FL-11", JAN, "1.00").setCollateralValue(TestBook.cny("0").toBuilder().setCurrencyCode("EUR"));
        var unknown = retail("FL-12", JAN, "1.00").setOutstandingBalance(TestBook.cny("1.00").toBuilder().setCurrencyCode("XYZ"));

        assertThatThrownBy(() -> load(client, List.of(row, collateral, unknown))).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsEntry("loans[0].outstanding_balance.currency_code", "must be the loan's currency CNY")
                        .containsEntry("loans[1].collateral_value.currency_code", "must be outstanding_balance's currency CNY")
                        .containsEntry("loans[2].outstanding_balance.currency_code", "'XYZ' is not a known ISO 4217 currency"));
        assertNoLoan("FL-10");
    }

    @Test
    void aRegisteredLoansCurrencyNeverChanges() {
        load(client, List.of(retail("FL-13", JAN, "1.00")));
        var usd = retail("FL-13", JAN.plusDays(1), "1.00");
        usd.setLoan(usd.getLoan().toBuilder().setPrincipal(TestBook.cny("1000000.00").toBuilder().setCurrencyCode("USD"))
                .setOutstandingBalance(TestBook.cny("1000000.00").toBuilder().setCurrencyCode("USD"))
                .setCollateralValue(TestBook.cny("0").toBuilder().setCurrencyCode("USD")))
                .setOutstandingBalance(TestBook.cny("1.00").toBuilder().setCurrencyCode("USD"))
                .setCollateralValue(TestBook.cny("0").toBuilder().setCurrencyCode("USD"));

        assertThatThrownBy(() -> load(client, List.of(usd))).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e)).containsEntry("loans[0].loan.principal.currency_code",
                        "must stay the loan's currency CNY: a loan's facts and events are amounts in it"));
    }

    @Test
    void aLoadOfSeveralStagingBatchesIsStoredWholeAndLeavesNothingStaged() throws SQLException {
        List<LoadLoanFactsRequest.Builder> rows = IntStream.range(0, 12_001)
                .mapToObj(i -> retail(String.format("FB-%05d", i), JAN, (i + 1) + ".00").setDaysPastDuePrincipal(i % 400)).toList();

        LoadLoanFactsResponse response = load(client, rows);

        assertThat(response.getRowsReceived()).isEqualTo(12_001);
        assertThat(response.getFactsInserted()).isEqualTo(12_001);
        assertThat(response.getLoansRegistered()).isEqualTo(12_001);
        assertThat(TableFingerprints.count(dataSource, "loan_fact", "loan_id LIKE 'FB-%' AND as_of_date = DATE '2025-01-31'"))
                .isEqualTo(12_001);
        assertThat(TableFingerprints.count(dataSource, "loan_fact", "loan_id = 'FB-12000' AND days_past_due_principal = 0"
                + " AND outstanding_balance = 12001.00")).isEqualTo(1);
        assertThat(TableFingerprints.temporaryTables(dataSource, "staged_facts")).isZero();
    }

    @Test
    void aRepeatAfterSeveralStagedBatchesRefusesTheLoadAndWritesNothing() throws SQLException {
        Map<String, String> before = TableFingerprints.all(dataSource);
        List<LoadLoanFactsRequest.Builder> rows = newRetailLoans("FR-", 11_000);
        rows.add(facts("FR-00007", JAN, "20.00"));
        rows.add(facts("FR-NOPE", JAN, "20.00"));

        assertThatThrownBy(() -> load(client, rows)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(StatusDetails.fieldViolations(e)).containsOnly(
                    Map.entry("loans[11000].as_of", "repeats loan FR-00007 on 2025-01-31 of loans[7]"));
        });
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
    }

    @Test
    void factsOfAnUnknownLoanAfterSeveralStagedBatchesAreNamedByRow() throws SQLException {
        Map<String, String> before = TableFingerprints.all(dataSource);
        List<LoadLoanFactsRequest.Builder> rows = newRetailLoans("FU-", 6_000);
        rows.add(facts("FU-NOPE", JAN, "20.00"));
        rows.add(facts("FU-00003", FEB, "20.00"));

        assertThatThrownBy(() -> load(client, rows)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e)).containsOnly(
                        Map.entry("loans[6000].loan_id", "loan 'FU-NOPE' is not registered; send its book data in `loan`")));
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
    }

    private void assertNoLoan(String loanId) {
        assertThatThrownBy(() -> blocking.getLoan(GetLoanRequest.newBuilder().setLoanId(loanId).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
}
