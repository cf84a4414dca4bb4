package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.balance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Decimal;
import bank.tiering.v1.Balance;
import bank.tiering.v1.FxRate;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.PutFxRatesRequest;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TableFingerprints;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/** Balance loads: counts, replacement on retry, all-or-nothing rejection with the row's index in the stream. */
@QuarkusTest
class BalanceLoadGrpcTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void reset() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.reset(dataSource);
    }

    @Test
    void aLargeStreamIsAcknowledgedWithCountsAndARetryReplacesInsteadOfCounting() throws Exception {
        // 3 chunks of 40 rows: more than the test batch size (50), so rows are staged in several COPY batches.
        List<LoadBalancesRequest> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            LoadBalancesRequest.Builder request = LoadBalancesRequest.newBuilder();
            for (int i = 0; i < 40; i++) {
                int n = chunk * 40 + i;
                request.addBalances(balance("C-" + (n % 7), "A-" + n, "2024-01-" + String.format("%02d", 1 + n % 28),
                        n + ".50", "CNY"));
            }
            chunks.add(request.build());
        }

        LoadBalancesResponse first = load(chunks);
        LoadBalancesResponse retry = load(chunks);

        assertThat(first).extracting(LoadBalancesResponse::getReceived, LoadBalancesResponse::getInserted,
                LoadBalancesResponse::getReplaced).containsExactly(120L, 120L, 0L);
        assertThat(retry).extracting(LoadBalancesResponse::getReceived, LoadBalancesResponse::getInserted,
                LoadBalancesResponse::getReplaced).containsExactly(120L, 0L, 120L);
        assertThat(TieringFixtures.count(dataSource, "balance")).isEqualTo(120);
        assertThat(TableFingerprints.temporaryTables(dataSource, "staged_balance")).isZero();
    }

    @Test
    void aLoadStagesInATableOfItsOwnTransactionSoNothingIsLeftToSweep() throws Exception {
        // Until V10 loads staged into one shared table, where the rows of a killed process stayed for 24 h.
        assertThat(TieringFixtures.count(dataSource, "pg_tables WHERE tablename = 'balance_staging'")).isZero();

        load(List.of(LoadBalancesRequest.newBuilder().addBalances(balance("C-1", "A-1", "2024-01-05", "10.00", "CNY")).build()));

        assertThat(TieringFixtures.count(dataSource, "balance WHERE account_id = 'A-1'")).isEqualTo(1);
        assertThat(TableFingerprints.temporaryTables(dataSource, "staged_balance")).isZero();
    }

    @Test
    void theLastRowOfAKeyInOneLoadWins() throws Exception {
        LoadBalancesResponse ack = tiering.putBalances(PutBalancesRequest.newBuilder()
                .addBalances(balance("C-1", "A-1", "2024-01-05", "10.00", "CNY"))
                .addBalances(balance("C-1", "A-1", "2024-01-05", "20.00", "CNY"))
                .build());

        assertThat(ack).extracting(LoadBalancesResponse::getReceived, LoadBalancesResponse::getInserted,
                LoadBalancesResponse::getReplaced).containsExactly(2L, 1L, 0L);
        assertThat(TieringFixtures.count(dataSource, "balance WHERE balance = 20.00")).isEqualTo(1);
    }

    @Test
    void aStreamWithBadRowsIsRejectedAsAWholeNamingEachRowByItsIndexInTheStream() throws Exception {
        LoadBalancesRequest good = LoadBalancesRequest.newBuilder()
                .addBalances(balance("C-1", "A-1", "2024-01-01", "10.00", "CNY"))
                .addBalances(balance("C-1", "A-2", "2024-01-01", "10.00", "CNY"))
                .build();
        Balance negativeDay = balance("C-2", "A-3", "2024-01-01", "1.00", "CNY").toBuilder()
                .setBalanceDate(bank.common.v1.Date.newBuilder().setYear(2024).setMonth(1).setDay(-3)).build();
        LoadBalancesRequest bad = LoadBalancesRequest.newBuilder()
                .addBalances(balance("C-2", "A-4", "2024-01-01", "1e5", "CNY"))
                .addBalances(balance("C-2", "A-5", "2024-01-01", "-5.00", "CNY"))
                .addBalances(balance("C-2", "A-6", "2024-01-01", "5.00", "XXY"))
                .addBalances(negativeDay)
                .addBalances(balance("C-2", "A-7", LocalDate.now().plusDays(3).toString(), "5.00", "CNY"))
                .addBalances(balance("C-2", "A-8", "2024-01-01", "5.001", "CNY"))
                .build();

        assertThatThrownBy(() -> load(List.of(good, good, bad))).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(StatusDetails.fieldViolations(e)).containsExactly(
                    entry("balances[4].balance.amount", "'1e5' is not a plain decimal such as 1234.56"),
                    entry("balances[5].balance.amount", "must not be negative"),
                    entry("balances[6].balance.currency_code", "'XXY' is not a known ISO 4217 currency"),
                    entry("balances[7].balance_date", "2024-1--3 is not a calendar date"),
                    entry("balances[8].balance_date", "must not be in the future"),
                    entry("balances[9].balance.amount", "has more than 2 decimals"));
        });
        assertThat(TieringFixtures.count(dataSource, "balance")).isZero();
        assertThat(TableFingerprints.temporaryTables(dataSource, "staged_balance")).isZero();
    }

    @Test
    void anEmptyStreamIsInvalid() {
        assertThatThrownBy(() -> load(List.of())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("balances");
        });
        assertThatThrownBy(() -> load(List.of(LoadBalancesRequest.getDefaultInstance())))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void badFxRatesAreRejectedAndNothingIsStored() throws Exception {
        FxRate good = FxRate.newBuilder().setCurrencyCode("USD").setBaseCurrencyCode("CNY")
                .setRateDate(Dates.toDate(LocalDate.of(2024, 1, 2))).setRate(Decimal.newBuilder().setValue("7.1")).build();

        assertThatThrownBy(() -> tiering.putFxRates(PutFxRatesRequest.newBuilder()
                .addRates(good)
                .addRates(good.toBuilder().setRate(Decimal.newBuilder().setValue("0")))
                .addRates(good.toBuilder().setBaseCurrencyCode("USD"))
                .addRates(good.toBuilder().setCurrencyCode("usd"))
                .build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("rates[1].rate.value",
                            "rates[2].base_currency_code", "rates[3].currency_code");
                });
        assertThat(TieringFixtures.count(dataSource, "fx_rate")).isZero();

        assertThat(tiering.putFxRates(PutFxRatesRequest.newBuilder().addRates(good).build()).getStored()).isEqualTo(1);
        assertThat(TieringFixtures.count(dataSource, "fx_rate WHERE rate = 7.10000000")).isEqualTo(1);
    }

    private LoadBalancesResponse load(List<LoadBalancesRequest> chunks) {
        return client.loadBalances(Multi.createFrom().iterable(chunks)).await().atMost(WAIT);
    }
}
