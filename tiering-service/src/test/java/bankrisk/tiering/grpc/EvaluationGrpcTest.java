package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.balance;
import static bankrisk.tiering.TieringFixtures.evaluate;
import static bankrisk.tiering.TieringFixtures.month;
import static bankrisk.tiering.TieringFixtures.rates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.rpc.ResourceInfo;

import bank.common.v1.PageRequest;
import bank.tiering.v1.ChangeDirection;
import bank.tiering.v1.CustomerTier;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.GetCustomerTierRequest;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.GetTierHistoryRequest;
import bank.tiering.v1.ListTierChangesRequest;
import bank.tiering.v1.ListTierChangesResponse;
import bank.tiering.v1.ListTierCustomersRequest;
import bank.tiering.v1.ListTierCustomersResponse;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.StreamTierAssignmentsRequest;
import bank.tiering.v1.TierAssignment;
import bank.tiering.v1.TierBucket;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TierDistribution;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bank.tiering.v1.WatchTierChangesRequest;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * Loads a small bank by stream and evaluates January and February 2024 under the seeded Minsheng 2017 scheme
 * (grace 0): the boundaries 49,999.99 / 50,000.00 and 7,999,999.99 / 8,000,000.00, a USD customer, an upgrade and a
 * downgrade in leap February.
 */
@QuarkusTest
class EvaluationGrpcTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void loadTheBank() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.reset(dataSource);
        tiering.putFxRates(rates("USD", YearMonth.of(2024, 1), "7.00000000"));
        tiering.putFxRates(rates("USD", YearMonth.of(2024, 2), "7.00000000"));
        LoadBalancesResponse ack = load(
                LoadBalancesRequest.newBuilder()
                        .addBalances(balance("B-LOW", "B-LOW-1", "2023-12-31", "49999.99", "CNY"))
                        .addBalances(balance("B-HIGH", "B-HIGH-1", "2023-12-31", "30000.00", "CNY"))
                        .addBalances(balance("B-HIGH", "B-HIGH-2", "2023-12-31", "20000.00", "CNY"))
                        .build(),
                LoadBalancesRequest.newBuilder()
                        .addBalances(balance("P-LOW", "P-LOW-1", "2023-12-31", "7999999.99", "CNY"))
                        .addBalances(balance("P-HIGH", "P-HIGH-1", "2023-12-31", "8000000.00", "CNY"))
                        .addBalances(balance("U-1", "U-1-USD", "2024-01-01", "100000.00", "USD"))
                        // February: B-LOW moves up, P-HIGH empties its account on the 15th
                        .addBalances(balance("B-LOW", "B-LOW-1", "2024-02-01", "300000.00", "CNY"))
                        .addBalances(balance("P-HIGH", "P-HIGH-1", "2024-02-15", "0.00", "CNY"))
                        .build());
        assertThat(ack.getReceived()).isEqualTo(8);
        assertThat(ack.getInserted()).isEqualTo(8);
        assertThat(ack.getReplaced()).isZero();
    }

    @Test
    void evaluatesAMonthAndAnswersTierQuestions() {
        List<EvaluationProgress> progress = evaluate(client, 2024, 1, false);

        assertThat(progress).extracting(EvaluationProgress::getStage).containsExactly(
                EvaluationStage.EVALUATION_STAGE_STARTED, EvaluationStage.EVALUATION_STAGE_RATES_CHECKED,
                EvaluationStage.EVALUATION_STAGE_TIERS_ASSIGNED, EvaluationStage.EVALUATION_STAGE_COMPLETED);
        EvaluationProgress last = progress.get(progress.size() - 1);
        assertThat(last.getCustomers()).isEqualTo(5);
        assertThat(last.getSchemeVersion()).isEqualTo(1);
        assertThat(last.getRecomputed()).isTrue();

        assertThat(tier("B-LOW", 2024, 1)).extracting(CustomerTier::getTierCode, t -> t.getAverageBalance().getAmount())
                .containsExactly("", "49999.99");
        assertThat(tier("B-HIGH", 2024, 1)).extracting(CustomerTier::getTierCode, CustomerTier::getTierName,
                t -> t.getAverageBalance().getAmount()).containsExactly("XINRAN", "欣然", "50000.00");
        assertThat(tier("P-LOW", 2024, 1)).extracting(CustomerTier::getTierCode, t -> t.getAverageBalance().getAmount())
                .containsExactly("ZHUORAN", "7999999.99");
        CustomerTier privateBanking = tier("P-HIGH", 2024, 1);
        assertThat(privateBanking.getTierCode()).isEqualTo("PRIVATE");
        assertThat(privateBanking.getTierName()).isEqualTo("私人銀行");
        assertThat(privateBanking.getAverageBalance().getAmount()).isEqualTo("8000000.00");
        assertThat(privateBanking.getAverageBalance().getCurrencyCode()).isEqualTo("CNY");
        // 100,000 USD x 7.0 every day of January
        assertThat(tier("U-1", 2024, 1)).extracting(CustomerTier::getTierCode, t -> t.getAverageBalance().getAmount())
                .containsExactly("YOURAN", "700000.00");

        TierDistribution distribution = tiering.getTierDistribution(
                GetTierDistributionRequest.newBuilder().setMonth(month(2024, 1)).build());
        assertThat(distribution.getBucketsList()).extracting(TierBucket::getTierCode, TierBucket::getCustomers,
                b -> b.getTotalAverageBalance().getAmount()).containsExactly(
                        tuple("XINRAN", 1L, "50000.00"),
                        tuple("YOURAN", 1L, "700000.00"),
                        tuple("ZHUORAN", 1L, "7999999.99"),
                        tuple("PRIVATE", 1L, "8000000.00"),
                        tuple("", 1L, "49999.99"));
        assertThat(distribution.getCustomers()).isEqualTo(5);
        assertThat(distribution.getTotalAverageBalance().getAmount()).isEqualTo("16799999.98");
    }

    @Test
    void comparesMonthsPagesATierAndStreamsAssignments() {
        evaluate(client, 2024, 1, false);
        evaluate(client, 2024, 2, false);

        // P-HIGH: 14 of 29 days at 8,000,000 = 3,862,068.965... -> 3,862,068.97
        CustomerTier dropped = tier("P-HIGH", 2024, 2);
        assertThat(dropped.getAverageBalance().getAmount()).isEqualTo("3862068.97");
        assertThat(dropped.getTierCode()).isEqualTo("ZHUORAN");
        assertThat(dropped.getPreviousTierCode()).isEqualTo("PRIVATE");
        assertThat(dropped.getGraceHeld()).isFalse();

        ListTierChangesResponse changes = tiering.listTierChanges(ListTierChangesRequest.newBuilder()
                .setFromMonth(month(2024, 1)).setToMonth(month(2024, 2)).build());
        assertThat(changes.getChangesList()).extracting(TierChange::getCustomerNumber, TierChange::getFromTierCode,
                TierChange::getToTierCode, TierChange::getDirection, c -> c.getAverageBalance().getAmount())
                .containsExactly(
                        tuple("B-LOW", "", "YOURAN", ChangeDirection.CHANGE_DIRECTION_UPGRADE, "300000.00"),
                        tuple("P-HIGH", "PRIVATE", "ZHUORAN", ChangeDirection.CHANGE_DIRECTION_DOWNGRADE, "3862068.97"));
        assertThat(changes.getPage().getTotalSize()).isEqualTo(2);

        assertThat(tiering.getTierHistory(GetTierHistoryRequest.newBuilder().setCustomerNumber("P-HIGH").build())
                .getMonthsList()).extracting(t -> t.getMonth().getMonth(), CustomerTier::getTierCode)
                .containsExactly(tuple(1, "PRIVATE"), tuple(2, "ZHUORAN"));

        ListTierCustomersResponse first = tiering.listTierCustomers(ListTierCustomersRequest.newBuilder()
                .setMonth(month(2024, 2)).setTierCode("ZHUORAN").setPage(PageRequest.newBuilder().setPageSize(1)).build());
        ListTierCustomersResponse second = tiering.listTierCustomers(ListTierCustomersRequest.newBuilder()
                .setMonth(month(2024, 2)).setTierCode("ZHUORAN")
                .setPage(PageRequest.newBuilder().setPageSize(1).setPageToken(first.getPage().getNextPageToken())).build());
        assertThat(first.getCustomersList()).extracting(CustomerTier::getCustomerNumber).containsExactly("P-HIGH");
        assertThat(first.getPage().getTotalSize()).isEqualTo(2);
        assertThat(second.getCustomersList()).extracting(CustomerTier::getCustomerNumber).containsExactly("P-LOW");
        assertThat(second.getPage().getNextPageToken()).isEmpty();

        List<TierAssignment> assignments = client.streamTierAssignments(
                StreamTierAssignmentsRequest.newBuilder().setMonth(month(2024, 2)).build())
                .collect().asList().await().atMost(WAIT);
        // Total 12,912,068.96 (80 % = 10,329,655.17, 95 % = 12,266,465.51). Richest first, by the assets of the
        // richer customers before each: P-LOW 0 -> A; P-HIGH 7,999,999.99 -> A; U-1 11,862,068.96 -> B;
        // B-LOW 12,562,068.96 -> C; B-HIGH -> C.
        assertThat(assignments).extracting(TierAssignment::getCustomerNumber, TierAssignment::getTierCode,
                a -> a.getAverageBalance().getAmount(), TierAssignment::getValueClass).containsExactly(
                        tuple("B-HIGH", "XINRAN", "50000.00", "C"),
                        tuple("B-LOW", "YOURAN", "300000.00", "C"),
                        tuple("P-HIGH", "ZHUORAN", "3862068.97", "A"),
                        tuple("P-LOW", "ZHUORAN", "7999999.99", "A"),
                        tuple("U-1", "YOURAN", "700000.00", "B"));
    }

    @Test
    void aMonthIsEvaluatedOnceUnlessForced() throws Exception {
        evaluate(client, 2024, 1, false);
        // The month is stored as a partition of its own (V9).
        assertThat(TieringFixtures.count(dataSource, "tier_evaluation_2024_01")).isEqualTo(5);
        tiering.putBalances(bank.tiering.v1.PutBalancesRequest.newBuilder()
                .addBalances(balance("B-LOW", "B-LOW-1", "2024-01-31", "3099999.99", "CNY")).build());

        List<EvaluationProgress> again = evaluate(client, 2024, 1, false);
        assertThat(again).extracting(EvaluationProgress::getStage, EvaluationProgress::getRecomputed, EvaluationProgress::getCustomers)
                .containsExactly(tuple(EvaluationStage.EVALUATION_STAGE_COMPLETED, false, 5L));
        assertThat(tier("B-LOW", 2024, 1).getAverageBalance().getAmount()).isEqualTo("49999.99");

        List<EvaluationProgress> forced = evaluate(client, 2024, 1, true);
        assertThat(forced.get(forced.size() - 1).getRecomputed()).isTrue();
        // 30 x 49,999.99 + 3,099,999.99 = 4,599,999.69; / 31 = 148,387.0867... -> 148,387.09
        assertThat(tier("B-LOW", 2024, 1)).extracting(CustomerTier::getTierCode, t -> t.getAverageBalance().getAmount())
                .containsExactly("XINRAN", "148387.09");
        assertThat(TieringFixtures.count(dataSource, "tier_evaluation_2024_01")).isEqualTo(5);
        assertThat(TieringFixtures.count(dataSource, "tier_evaluation")).isEqualTo(5);
    }

    @Test
    void watchReplaysStoredChangesThenPushesNewOnes() {
        evaluate(client, 2024, 1, false);
        AssertSubscriber<TierChange> watcher = client.watchTierChanges(
                WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 1)).build())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        // January against nothing: everyone with a tier is an upgrade from no tier.
        watcher.awaitItems(4, WAIT);
        evaluate(client, 2024, 2, false);
        watcher.awaitItems(6, WAIT);
        watcher.cancel();

        assertThat(watcher.getItems()).extracting(c -> c.getToMonth().getMonth(), TierChange::getCustomerNumber,
                TierChange::getToTierCode).containsExactly(
                        tuple(1, "B-HIGH", "XINRAN"), tuple(1, "P-HIGH", "PRIVATE"), tuple(1, "P-LOW", "ZHUORAN"),
                        tuple(1, "U-1", "YOURAN"), tuple(2, "B-LOW", "YOURAN"), tuple(2, "P-HIGH", "ZHUORAN"));
    }

    @Test
    void aMonthNeverEvaluatedIsNotFound() {
        assertThatThrownBy(() -> client.streamTierAssignments(
                StreamTierAssignmentsRequest.newBuilder().setMonth(month(2024, 5)).build())
                .collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(StatusDetails.detail(e, ResourceInfo.class).orElseThrow().getResourceType())
                            .isEqualTo("evaluation");
                });
        assertThatThrownBy(() -> tier("B-LOW", 2024, 5)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aMissingRateFailsTheMonthNamingCurrencyAndDateAndStoresNothing() {
        tiering.putBalances(bank.tiering.v1.PutBalancesRequest.newBuilder()
                .addBalances(balance("E-1", "E-1-EUR", "2024-01-10", "10.00", "EUR")).build());

        assertThatThrownBy(() -> evaluate(client, 2024, 1, false)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(StatusDetails.reason(e)).contains("FX_RATE_MISSING");
            assertThat(e.getStatus().getDescription()).startsWith("no FX rate EUR->CNY for 2024-01-10");
        });
        assertThatThrownBy(() -> tiering.getTierDistribution(
                GetTierDistributionRequest.newBuilder().setMonth(month(2024, 1)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aFutureMonthIsInvalidAndTheCurrentMonthIsNotCompleteYet() {
        YearMonth now = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"));
        YearMonth next = now.plusMonths(1);

        assertThatThrownBy(() -> evaluate(client, next.getYear(), next.getMonthValue(), false))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("month");
                });
        assertThatThrownBy(() -> evaluate(client, now.getYear(), now.getMonthValue(), false))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(StatusDetails.reason(e)).contains("MONTH_NOT_COMPLETE");
                });
        assertThatThrownBy(() -> client.evaluateMonth(bank.tiering.v1.EvaluateMonthRequest.newBuilder()
                .setMonth(bank.common.v1.YearMonth.newBuilder().setYear(2024).setMonth(13)).build())
                .collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("month.month"));
    }

    @Test
    void aGapBeforeTheMonthIsRefusedBecauseTheGraceNeedsThePreviousMonth() {
        evaluate(client, 2024, 1, false);

        assertThatThrownBy(() -> evaluate(client, 2024, 3, false)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.reason(e)).contains("PREVIOUS_MONTH_NOT_EVALUATED"));
    }

    private CustomerTier tier(String customer, int year, int month) {
        return tiering.getCustomerTier(GetCustomerTierRequest.newBuilder()
                .setCustomerNumber(customer).setMonth(month(year, month)).build());
    }

    private LoadBalancesResponse load(LoadBalancesRequest... chunks) {
        return client.loadBalances(Multi.createFrom().items(chunks)).await().atMost(WAIT);
    }
}
