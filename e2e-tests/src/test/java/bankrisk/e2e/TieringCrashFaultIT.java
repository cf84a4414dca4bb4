package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.TierBucket;
import bank.tiering.v1.TierDistribution;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.api.convert.Dates;
import bankrisk.testing.Await;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * tiering-service killed with SIGKILL (the JVM itself: no shutdown hook, no drain; the kernel drops its database
 * sessions) in the middle of its writes, then started again on the same database, as an orchestrator would:
 * <ol>
 * <li><b>LoadBalances killed while staging</b> (30 of 60 chunks sent, at least 20,000 rows taken by the load's COPY
 * into its staging table, a temporary table of the load's transaction): nothing of it reaches {@code balance}, the
 * staging table goes with the killed session, and the whole load sent again after the restart inserts its 60,000 rows
 * once.</li>
 * <li><b>LoadBalances killed just after its merge committed</b> (a corrected load, every balance 1.00 higher; the
 * kill follows the commit as soon as it is visible over JDBC, whether or not the answer reached the client): sent
 * again after the restart it only replaces — 60,000 rows and their sum equal one application.</li>
 * <li><b>EvaluateMonth killed mid-run</b> (at its RATES_CHECKED progress message, while the month-end
 * {@code INSERT … SELECT} runs): no {@code evaluation_run} or {@code tier_evaluation} row is visible over JDBC, during
 * and after the orphaned statement, nor through the API (GetTierDistribution NOT_FOUND after the restart); the
 * re-run completes and its distribution equals the one computed here from the generated balances, to the fen.</li>
 * </ol>
 * Balances: customer {@code T000000}… with one deposit account, balance dated 2024-01-01 and carried through January,
 * so the average is the balance: {@code (i × 104,729) mod 10^9} fen (0.00 to 9,999,999.99 CNY, all distinct), plus
 * 1.00 in the corrected load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TieringCrashFaultIT {

    private static final String DATABASE = "tiering_e2e_faults";
    private static final int HTTP = 28480, GRPC = 29480;
    private static final int CUSTOMERS = 60_000, CHUNK = 1_000;
    private static final YearMonth JANUARY = YearMonth.of(2024, 1);
    private static final BigDecimal CORRECTION = new BigDecimal("1.00");
    private static final String TEST = "TieringCrashFaultIT";

    private ServiceProcess tiering;

    @BeforeAll
    void start() throws Exception {
        E2eSettings.recreateDatabases(DATABASE);
        tiering = ServiceProcess.start("tiering-faults", "tiering-service", HTTP, GRPC, DATABASE, Map.of()).awaitReady();
    }

    @AfterAll
    void stop() {
        if (tiering != null) {
            tiering.close();
        }
    }

    @Test
    @Order(1)
    void aLoadKilledWhileStagingStoresNothingAndItsRetryInsertsEveryRowOnce() throws Exception {
        StreamCall<LoadBalancesResponse> answer = StreamCall.collecting();
        StreamObserver<LoadBalancesRequest> upload = streamingAdmin().loadBalances(answer);
        for (int chunk = 0; chunk < CUSTOMERS / CHUNK / 2; chunk++) {
            upload.onNext(chunk(chunk, BigDecimal.ZERO));
        }
        Duration staged = Await.until("20,000 rows taken by the load's COPY", Duration.ofSeconds(60), Duration.ofMillis(20),
                () -> count("SELECT coalesce(sum(tuples_processed), 0) FROM pg_stat_progress_copy"
                        + " WHERE datname = current_database() AND command = 'COPY FROM'") >= 20_000);
        tiering.kill();
        assertThat(answer.failure(Duration.ofSeconds(30)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(count("SELECT count(*) FROM balance")).as("rows of the killed load in balance").isZero();
        Duration stagingGone = Await.until("the killed load's staging table gone with its session", Duration.ofSeconds(30),
                Duration.ofMillis(20), () -> count("SELECT count(*) FROM pg_class WHERE relpersistence = 't'"
                        + " AND relname = 'staged_balance'") == 0);

        restart();
        LoadBalancesResponse retried = load(BigDecimal.ZERO);
        assertThat(List.of(retried.getReceived(), retried.getInserted(), retried.getReplaced()))
                .containsExactly((long) CUSTOMERS, (long) CUSTOMERS, 0L);
        assertThat(count("SELECT count(*) FROM balance")).isEqualTo(CUSTOMERS);
        assertThat(sumOfBalances()).isEqualByComparingTo(expectedSum(BigDecimal.ZERO));
        Figures.record(TEST, "LoadBalances SIGKILL after %s of staging: 0 rows visible; its staging table gone %s after the"
                + " kill; retry after restart inserted %d, sum %s", Figures.seconds(staged), Figures.seconds(stagingGone),
                retried.getInserted(), sumOfBalances().toPlainString());
    }

    @Test
    @Order(2)
    void aLoadKilledAfterItsCommitCountsOnceWhenRetried() throws Exception {
        BigDecimal corrected = expectedSum(CORRECTION);
        StreamCall<LoadBalancesResponse> answer = StreamCall.collecting();
        StreamObserver<LoadBalancesRequest> upload = streamingAdmin().loadBalances(answer);
        for (int chunk = 0; chunk < CUSTOMERS / CHUNK; chunk++) {
            upload.onNext(chunk(chunk, CORRECTION));
        }
        upload.onCompleted();
        Await.until("the corrected load committed", Duration.ofSeconds(120), Duration.ofMillis(5),
                () -> sumOfBalances().compareTo(corrected) == 0);
        tiering.kill();
        boolean answered = answer.done.isDone() && !answer.done.isCompletedExceptionally();

        restart();
        LoadBalancesResponse retried = load(CORRECTION);
        assertThat(List.of(retried.getReceived(), retried.getInserted(), retried.getReplaced()))
                .containsExactly((long) CUSTOMERS, 0L, (long) CUSTOMERS);
        assertThat(count("SELECT count(*) FROM balance")).isEqualTo(CUSTOMERS);
        assertThat(sumOfBalances()).isEqualByComparingTo(corrected);
        Figures.record(TEST, "LoadBalances SIGKILL right after its commit (answer had reached the client: %s); retry after restart:"
                + " inserted 0, replaced %d; %d rows, sum %s = one application", answered, retried.getReplaced(), CUSTOMERS,
                corrected.toPlainString());
    }

    @Test
    @Order(3)
    void aMonthEndKilledMidRunLeavesNothingAndItsRerunEqualsTheReference() throws Exception {
        EvaluateMonthRequest january = EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY)).build();
        long[] killedAt = new long[1];
        String[] beforeKill = new String[1];
        StreamCall<EvaluationProgress> run = StreamCall.when(p -> p.getStage() == EvaluationStage.EVALUATION_STAGE_RATES_CHECKED, p -> {
            beforeKill[0] = E2eSettings.sessions(DATABASE);
            killedAt[0] = System.nanoTime();
            tiering.kill();
        });
        long started = System.nanoTime();
        streamingAdmin().evaluateMonth(january, run);
        run.awaitAction(Duration.ofMinutes(2));
        Duration intoRun = Duration.ofNanos(killedAt[0] - started);

        assertThat(run.failure(Duration.ofSeconds(30)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(run.received()).extracting(EvaluationProgress::getStage)
                .containsExactly(EvaluationStage.EVALUATION_STAGE_STARTED, EvaluationStage.EVALUATION_STAGE_RATES_CHECKED);
        String atKill = E2eSettings.sessions(DATABASE);
        assertNothingEvaluated();
        // The database session of the killed JVM still runs its INSERT … SELECT until it finds the client gone; it
        // must then roll back.
        Duration orphan = Await.until("the killed run's statement ended", Duration.ofSeconds(180), Duration.ofMillis(50),
                () -> count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle'"
                        + " AND pid <> pg_backend_pid()") == 0);
        assertNothingEvaluated();

        restart();
        assertThatThrownBy(() -> admin().getTierDistribution(GetTierDistributionRequest.newBuilder()
                .setMonth(Dates.toYearMonth(JANUARY)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        long rerunStart = System.nanoTime();
        List<EvaluationProgress> rerun = new ArrayList<>();
        admin().withDeadlineAfter(5, TimeUnit.MINUTES).evaluateMonth(january).forEachRemaining(rerun::add);
        Duration rerunTook = Duration.ofNanos(System.nanoTime() - rerunStart);
        assertThat(rerun).last().satisfies(p -> {
            assertThat(p.getStage()).isEqualTo(EvaluationStage.EVALUATION_STAGE_COMPLETED);
            assertThat(p.getRecomputed()).isTrue();
            assertThat(p.getCustomers()).isEqualTo(CUSTOMERS);
        });
        assertThat(count("SELECT count(*) FROM evaluation_run")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tier_evaluation")).isEqualTo(CUSTOMERS);

        TierDistribution distribution = admin().getTierDistribution(GetTierDistributionRequest.newBuilder()
                .setMonth(Dates.toYearMonth(JANUARY)).build());
        Map<String, String> actual = new TreeMap<>();
        for (TierBucket bucket : distribution.getBucketsList()) {
            actual.put(bucket.getTierCode(), bucket.getCustomers() + " / " + bucket.getTotalAverageBalance().getAmount());
        }
        assertThat(actual).isEqualTo(referenceDistribution());
        assertThat(distribution.getCustomers()).isEqualTo(CUSTOMERS);
        assertThat(new BigDecimal(distribution.getTotalAverageBalance().getAmount())).isEqualByComparingTo(expectedSum(CORRECTION));
        Figures.record(TEST, "EvaluateMonth (%d customers) SIGKILL %s into the run, at RATES_CHECKED: 0 evaluation_run / 0"
                + " tier_evaluation rows visible; its database sessions just before the kill: %s, just after: %s; all idle %s after"
                + " the kill; re-run after restart %s, distribution equal to the reference %s", CUSTOMERS, Figures.seconds(intoRun),
                beforeKill[0], atKill,
                Figures.seconds(orphan), Figures.seconds(rerunTook), actual);
    }

    private void assertNothingEvaluated() throws Exception {
        assertThat(count("SELECT count(*) FROM evaluation_run")).as("evaluation_run rows of the killed run").isZero();
        assertThat(count("SELECT count(*) FROM tier_evaluation")).as("tier_evaluation rows of the killed run").isZero();
    }

    /** The distribution of the generated averages, computed here ({@link MinshengTiers}). */
    private static Map<String, String> referenceDistribution() {
        List<BigDecimal> averages = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            averages.add(balance(i, CORRECTION));
        }
        return MinshengTiers.distribution(averages);
    }

    private static BigDecimal balance(int customer, BigDecimal plus) {
        return BigDecimal.valueOf(customer * 104_729L % 1_000_000_000L, 2).add(plus);
    }

    private static BigDecimal expectedSum(BigDecimal plus) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < CUSTOMERS; i++) {
            sum = sum.add(balance(i, plus));
        }
        return sum;
    }

    private static LoadBalancesRequest chunk(int chunk, BigDecimal plus) {
        LoadBalancesRequest.Builder request = LoadBalancesRequest.newBuilder();
        for (int i = chunk * CHUNK; i < (chunk + 1) * CHUNK; i++) {
            request.addBalances(Balance.newBuilder().setCustomerNumber(String.format("T%06d", i)).setAccountId(String.format("TA%06d", i))
                    .setAssetType(AssetType.ASSET_TYPE_DEPOSIT).setBalanceDate(Dates.toDate(LocalDate.of(2024, 1, 1)))
                    .setBalance(GeneratedBook.cny(balance(i, plus))));
        }
        return request.build();
    }

    /** The whole load in one stream, waiting for the answer. */
    private LoadBalancesResponse load(BigDecimal plus) throws Exception {
        StreamCall<LoadBalancesResponse> answer = StreamCall.collecting();
        StreamObserver<LoadBalancesRequest> upload = streamingAdmin().loadBalances(answer);
        for (int chunk = 0; chunk < CUSTOMERS / CHUNK; chunk++) {
            upload.onNext(chunk(chunk, plus));
        }
        upload.onCompleted();
        return answer.done.get(2, TimeUnit.MINUTES).get(0);
    }

    private TieringServiceGrpc.TieringServiceBlockingStub admin() {
        return TieringServiceGrpc.newBlockingStub(tiering.channel()).withCallCredentials(Staff.TIER_ADMIN);
    }

    private TieringServiceGrpc.TieringServiceStub streamingAdmin() {
        return TieringServiceGrpc.newStub(tiering.channel()).withCallCredentials(Staff.TIER_ADMIN);
    }

    private void restart() throws Exception {
        tiering = tiering.restart().awaitReady();
    }

    private static long count(String sql) throws Exception {
        return E2eSettings.count(DATABASE, sql);
    }

    private static BigDecimal sumOfBalances() throws Exception {
        try (var connection = E2eSettings.connect(DATABASE); var statement = connection.createStatement();
                var row = statement.executeQuery("SELECT coalesce(sum(balance), 0) FROM balance")) {
            row.next();
            return row.getBigDecimal(1);
        }
    }
}
