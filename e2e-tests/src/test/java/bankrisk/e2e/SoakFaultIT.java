package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.GetCustomerTierRequest;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TierBucket;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TierDistribution;
import bank.tiering.v1.TieringServiceGrpc;
import bank.tiering.v1.WatchTierChangesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.ClientStreams;
import bankrisk.testing.PausedSubscriber;
import bankrisk.testing.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The soak (issue 20): everything a hostile or broken client and a flaky database do, together, for a bounded time
 * ({@code bankrisk.soak.seconds}, 75 s by default), against the packaged tiering-service with the pods' JVM settings
 * ({@code -Xmx256m -XX:+UseSerialGC}) and an idle timeout of 5 s. Meanwhile, each in its own thread:
 * <ul>
 * <li>a loader sends whole loads of 2,000 balances (customers {@code S0000}…), each round one fen per row higher
 * than the last, and resends a round until it is acknowledged;</li>
 * <li>a writer sends PutBalances of 10 new customers each ({@code U…}), resending until acknowledged, and reads tiers
 * and the distribution between writes;</li>
 * <li>an abandoner opens loads of 200 rows ({@code C…}) and cancels them mid-stream, or lets a 300 ms deadline pass
 * mid-stream;</li>
 * <li>an idler opens two loads every 4 s that send one row ({@code I…}) and then nothing;</li>
 * <li>ten auditors watch the tier changes and read nothing, from start to end;</li>
 * <li>an administrator re-evaluates January by force every 6 s;</li>
 * <li>every 10 s all of the service's database sessions are terminated ({@code pg_terminate_backend}), and the time
 * until {@code /q/health/ready} and a unary read answer again is measured.</li>
 * </ul>
 * Afterwards: no call ever answered INTERNAL or UNKNOWN (each kind of call only the codes its situation allows);
 * readiness came back within 5 s after every termination; peak RSS stayed under 512 MiB; the stored balances equal
 * what the clients were told was stored, row by row (nothing acknowledged lost, nothing cancelled, timed out or idle
 * stored); and the month evaluated at the end has the distribution computed here from those balances.
 */
class SoakFaultIT {

    private static final String DATABASE = "tiering_e2e_soak";
    private static final int HTTP = 28497, GRPC = 29497;
    private static final String TEST = "SoakFaultIT";
    private static final Duration SOAK = Duration.ofSeconds(Long.getLong("bankrisk.soak.seconds", 75));
    private static final Duration TERMINATE_EVERY = Duration.ofSeconds(10), RECOVERY = Duration.ofSeconds(5);
    private static final int LOADED_CUSTOMERS = 2_000, PUT_ROWS = 10, ABANDONED_ROWS = 200, AUDITORS = 10;
    private static final LocalDate FIRST_OF_JANUARY = LocalDate.of(2024, 1, 1);
    private static final YearMonth JANUARY = YearMonth.of(2024, 1);
    private static final long MIB = 1024 * 1024;

    private final Outcomes outcomes = new Outcomes();
    private final List<Duration> recoveries = new CopyOnWriteArrayList<>();
    private final AtomicLong peakRss = new AtomicLong();
    /** What the service acknowledged, account → balance: the independent record the stored state must equal. */
    private final Map<String, BigDecimal> acknowledged = new ConcurrentHashMap<>();
    private volatile boolean soaking = true;
    private ServiceProcess tiering;

    @Test
    void underHostileClientsAndLostConnectionsNothingIsInternalNothingAcknowledgedIsLostAndTheServiceRecovers() throws Exception {
        E2eSettings.recreateDatabases(DATABASE);
        tiering = ServiceProcess.start("tiering-soak", "tiering-service", HTTP, GRPC, DATABASE,
                Map.of("BANKRISK_LOAD_IDLE_TIMEOUT", "5S"), List.of("-Xmx256m", "-XX:+UseSerialGC"));
        List<PausedSubscriber<TierChange>> auditors = new ArrayList<>();
        List<ManagedChannel> channels = new ArrayList<>();
        ExecutorService workers = Executors.newCachedThreadPool();
        try (ServiceProcess service = tiering) {
            tiering.awaitReady();
            loadRound(0); // January exists before the auditors come and the first evaluation runs
            evaluate();
            for (int i = 1; i <= AUDITORS; i++) {
                ManagedChannel channel = PausedSubscriber.channel(GRPC);
                channels.add(channel);
                auditors.add(PausedSubscriber.open(channel, TieringServiceGrpc.getWatchTierChangesMethod(),
                        WatchTierChangesRequest.newBuilder().setFromMonth(Dates.toYearMonth(JANUARY)).build(),
                        "soak-auditor-%02d".formatted(i), Roles.AUDITOR));
            }
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            running.add(workers.submit(this::loader));
            running.add(workers.submit(this::writer));
            running.add(workers.submit(this::abandoner));
            running.add(workers.submit(this::idler));
            running.add(workers.submit(this::evaluator));
            running.add(workers.submit(this::rssSampler));
            int terminations = terminator(start);
            soaking = false;
            for (Future<?> worker : running) {
                worker.get(3, TimeUnit.MINUTES);
            }
            Duration soaked = Duration.ofNanos(System.nanoTime() - start);

            for (PausedSubscriber<TierChange> auditor : auditors) {
                if (auditor.isClosed()) {
                    outcomes.record("WatchTierChanges (paused)", auditor.awaitClose(Duration.ZERO).getStatus().getCode());
                }
            }
            assertThat(outcomes.codes()).as("codes answered, by kind of call").allSatisfy((call, codes) -> assertThat(codes.keySet())
                    .as(call).doesNotContain(Status.Code.INTERNAL, Status.Code.UNKNOWN).isSubsetOf(Outcomes.allowed(call)));
            assertThat(outcomes.count("LoadBalances (whole)", Status.Code.OK)).as("loads acknowledged").isGreaterThan(3);
            assertThat(outcomes.count("PutBalances", Status.Code.OK)).as("writes acknowledged").isGreaterThan(10);
            assertThat(outcomes.count("LoadBalances (cancelled mid-stream)", Status.Code.CANCELLED)).as("loads cancelled mid-stream")
                    .isGreaterThan(5);
            assertThat(outcomes.count("LoadBalances (deadline mid-stream)", Status.Code.DEADLINE_EXCEEDED))
                    .as("loads past their deadline mid-stream").isGreaterThan(5);
            assertThat(outcomes.count("LoadBalances (idle)", Status.Code.DEADLINE_EXCEEDED)).as("idle loads timed out").isGreaterThan(5);
            assertThat(recoveries).as("recoveries after terminations").hasSize(terminations)
                    .allSatisfy(recovery -> assertThat(recovery).isLessThan(RECOVERY));
            assertThat(peakRss.get()).as("peak RSS").isLessThan(512 * MIB);
            assertThat(Files.readString(log())).doesNotContain("OutOfMemoryError");

            Map<String, BigDecimal> stored = storedBalances();
            assertThat(stored.keySet()).as("accounts of cancelled, timed-out and idle loads").noneMatch(account -> account.startsWith("C")
                    || account.startsWith("I"));
            assertThat(stored).as("stored balances = acknowledged balances").isEqualTo(new TreeMap<>(acknowledged));
            evaluate();
            TierDistribution distribution = admin().getTierDistribution(GetTierDistributionRequest.newBuilder()
                    .setMonth(Dates.toYearMonth(JANUARY)).build());
            Map<String, String> actual = new TreeMap<>();
            for (TierBucket bucket : distribution.getBucketsList()) {
                actual.put(bucket.getTierCode(), bucket.getCustomers() + " / " + bucket.getTotalAverageBalance().getAmount());
            }
            // One account per customer, balance dated 1 January and carried through the month: the average is it.
            assertThat(actual).isEqualTo(MinshengTiers.distribution(acknowledged.values()));

            Figures.record(TEST, "%s of soak: %d database terminations, readiness back after each within %s (slowest %s);"
                    + " calls by outcome %s; %d balances stored = acknowledged; peak RSS %d MiB; January's distribution %s",
                    Figures.seconds(soaked), terminations, Figures.seconds(RECOVERY),
                    Figures.seconds(recoveries.stream().max(Duration::compareTo).orElse(Duration.ZERO)), outcomes.codes(),
                    stored.size(), peakRss.get() / MIB, actual);
        } finally {
            soaking = false;
            workers.shutdownNow();
            auditors.forEach(PausedSubscriber::close);
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    // ---- the workers ----

    private void loader() {
        for (int round = 1; soaking; round++) {
            loadRound(round);
        }
    }

    /** Sends round {@code round} whole until it is acknowledged, then records what it stored. */
    private void loadRound(int round) {
        while (true) {
            ClientStreams.Stream<LoadBalancesRequest, LoadBalancesResponse> load = loadStream();
            for (int from = 0; from < LOADED_CUSTOMERS; from += 500) {
                LoadBalancesRequest.Builder chunk = LoadBalancesRequest.newBuilder();
                for (int i = from; i < from + 500; i++) {
                    chunk.addBalances(balance("S%04d".formatted(i), loaded(i, round)));
                }
                load.send(List.of(chunk.build()));
            }
            Status status = load.halfClose().status(Duration.ofMinutes(2));
            outcomes.record("LoadBalances (whole)", status.getCode());
            if (status.isOk()) {
                for (int i = 0; i < LOADED_CUSTOMERS; i++) {
                    acknowledged.put("S%04d".formatted(i), loaded(i, round));
                }
                return;
            }
            pause(200);
        }
    }

    private void writer() {
        for (int write = 0; soaking; write++) {
            PutBalancesRequest.Builder request = PutBalancesRequest.newBuilder();
            Map<String, BigDecimal> rows = new HashMap<>();
            for (int i = 0; i < PUT_ROWS; i++) {
                String account = "U%05d".formatted(write * PUT_ROWS + i);
                BigDecimal amount = BigDecimal.valueOf((write * PUT_ROWS + i) * 7_919_777L % 1_200_000_000L, 2);
                request.addBalances(balance(account, amount));
                rows.put(account, amount);
            }
            while (true) {
                Status.Code code = call("PutBalances", () -> admin().putBalances(request.build()));
                if (code == Status.Code.OK) {
                    acknowledged.putAll(rows);
                    break;
                }
                pause(100);
            }
            call("GetCustomerTier", () -> admin().getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber("S0001")
                    .setMonth(Dates.toYearMonth(JANUARY)).build()));
            call("GetTierDistribution", () -> admin().getTierDistribution(GetTierDistributionRequest.newBuilder()
                    .setMonth(Dates.toYearMonth(JANUARY)).build()));
        }
    }

    private void abandoner() {
        for (int attempt = 0; soaking; attempt++) {
            boolean deadline = attempt % 2 == 1;
            ClientStreams.Stream<LoadBalancesRequest, LoadBalancesResponse> load = deadline
                    ? ClientStreams.start(tiering.channel(), TieringServiceGrpc.getLoadBalancesMethod(), headers(),
                            Duration.ofMillis(300))
                    : loadStream();
            for (int chunk = 0; chunk < 4; chunk++) {
                LoadBalancesRequest.Builder rows = LoadBalancesRequest.newBuilder();
                for (int i = 0; i < ABANDONED_ROWS / 4; i++) {
                    rows.addBalances(balance("C%d-%d-%d".formatted(attempt, chunk, i), BigDecimal.ONE));
                }
                load.send(List.of(rows.build()));
                pause(deadline ? 100 : 20);
            }
            if (!deadline) {
                load.cancel();
            }
            outcomes.record(deadline ? "LoadBalances (deadline mid-stream)" : "LoadBalances (cancelled mid-stream)",
                    load.status(Duration.ofMinutes(1)).getCode());
            pause(300);
        }
    }

    private void idler() {
        for (int round = 0; soaking; round++) {
            List<ClientStreams.Stream<LoadBalancesRequest, LoadBalancesResponse>> idle = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                idle.add(loadStream().send(List.of(LoadBalancesRequest.newBuilder()
                        .addBalances(balance("I%d-%d".formatted(round, i), BigDecimal.TEN)).build())));
            }
            pause(4_000);
            for (ClientStreams.Stream<LoadBalancesRequest, LoadBalancesResponse> stream : idle) {
                outcomes.record("LoadBalances (idle)", stream.status(Duration.ofMinutes(1)).getCode());
            }
        }
    }

    private void evaluator() {
        while (soaking) {
            pause(6_000);
            call("EvaluateMonth", this::evaluate);
        }
    }

    private void rssSampler() {
        while (soaking) {
            peakRss.accumulateAndGet(rssBytes(), Math::max);
            pause(250);
        }
    }

    /** Terminates the service's database sessions every 10 s until the soak's time is up; returns how many times. */
    private int terminator(long start) throws Exception {
        int terminations = 0;
        while (System.nanoTime() - start < SOAK.toNanos() - TERMINATE_EVERY.toNanos()) {
            Thread.sleep(TERMINATE_EVERY.toMillis());
            long terminated = System.nanoTime();
            try (Connection connection = E2eSettings.connect(DATABASE); Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid()");
            }
            terminations++;
            while (tiering.readiness() != 200 || call("GetTierDistribution (after termination)",
                    () -> admin().getTierDistribution(GetTierDistributionRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY))
                            .build())) != Status.Code.OK) {
                if (System.nanoTime() - terminated > TimeUnit.MINUTES.toNanos(1)) {
                    throw new AssertionError("not recovered a minute after termination " + terminations + ":\n" + tiering.logTail());
                }
                Thread.sleep(50);
            }
            recoveries.add(Duration.ofNanos(System.nanoTime() - terminated));
        }
        Thread.sleep(Math.max(0, SOAK.toMillis() - Duration.ofNanos(System.nanoTime() - start).toMillis()));
        return terminations;
    }

    // ---- helpers ----

    /** What each kind of call may answer in this soak; anything else, INTERNAL and UNKNOWN above all, fails it. */
    private static final class Outcomes {
        private final Map<String, Map<Status.Code, Long>> codes = new ConcurrentHashMap<>();

        void record(String call, Status.Code code) {
            codes.computeIfAbsent(call, c -> new ConcurrentHashMap<>()).merge(code, 1L, Long::sum);
        }

        long count(String call, Status.Code code) {
            return codes.getOrDefault(call, Map.of()).getOrDefault(code, 0L);
        }

        Map<String, Map<Status.Code, Long>> codes() {
            Map<String, Map<Status.Code, Long>> sorted = new TreeMap<>();
            codes.forEach((call, byCode) -> sorted.put(call, new EnumMap<>(byCode)));
            return sorted;
        }

        /**
         * A lost database session is UNAVAILABLE (or ABORTED when a merge's retries ran out); a load may find the four
         * bulk slots taken (RESOURCE_EXHAUSTED); a load the client abandons ends as the client ended it (CANCELLED,
         * DEADLINE_EXCEEDED); an idle load ends DEADLINE_EXCEEDED after the idle timeout;
         * a forced re-evaluation may find another one running (ABORTED); paused auditors' streams end only UNAVAILABLE.
         */
        static List<Status.Code> allowed(String call) {
            List<Status.Code> lostSession = List.of(Status.Code.OK, Status.Code.UNAVAILABLE, Status.Code.ABORTED);
            return switch (call) {
                case "LoadBalances (whole)" -> plus(lostSession, Status.Code.RESOURCE_EXHAUSTED);
                case "LoadBalances (cancelled mid-stream)" -> List.of(Status.Code.CANCELLED, Status.Code.RESOURCE_EXHAUSTED,
                        Status.Code.UNAVAILABLE);
                case "LoadBalances (deadline mid-stream)" -> List.of(Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED,
                        Status.Code.UNAVAILABLE);
                case "LoadBalances (idle)" -> List.of(Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED,
                        Status.Code.UNAVAILABLE);
                case "WatchTierChanges (paused)" -> List.of(Status.Code.UNAVAILABLE);
                default -> lostSession;
            };
        }

        private static List<Status.Code> plus(List<Status.Code> codes, Status.Code code) {
            List<Status.Code> all = new ArrayList<>(codes);
            all.add(code);
            return all;
        }
    }

    private Status.Code call(String kind, Runnable call) {
        Status.Code code;
        try {
            call.run();
            code = Status.Code.OK;
        } catch (StatusRuntimeException failure) {
            code = failure.getStatus().getCode();
        }
        outcomes.record(kind, code);
        return code;
    }

    private void evaluate() {
        admin().withDeadlineAfter(2, TimeUnit.MINUTES).evaluateMonth(EvaluateMonthRequest.newBuilder()
                .setMonth(Dates.toYearMonth(JANUARY)).setForce(true).build()).forEachRemaining(progress -> {
                });
    }

    private static BigDecimal loaded(int customer, int round) {
        return BigDecimal.valueOf(customer * 5_003_909L % 900_000_000L + round, 2);
    }

    private static Balance balance(String account, BigDecimal amount) {
        return Balance.newBuilder().setCustomerNumber(account).setAccountId(account).setAssetType(AssetType.ASSET_TYPE_DEPOSIT)
                .setBalanceDate(Dates.toDate(FIRST_OF_JANUARY)).setBalance(GeneratedBook.cny(amount)).build();
    }

    private ClientStreams.Stream<LoadBalancesRequest, LoadBalancesResponse> loadStream() {
        return ClientStreams.start(tiering.channel(), TieringServiceGrpc.getLoadBalancesMethod(), headers());
    }

    private static Metadata headers() {
        return TestTokens.headers("soak-tier-admin", Roles.TIER_ADMIN);
    }

    private TieringServiceGrpc.TieringServiceBlockingStub admin() {
        return TieringServiceGrpc.newBlockingStub(tiering.channel()).withCallCredentials(Staff.TIER_ADMIN)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private Map<String, BigDecimal> storedBalances() throws Exception {
        Map<String, BigDecimal> stored = new TreeMap<>();
        try (Connection connection = E2eSettings.connect(DATABASE); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT account_id, balance FROM balance")) {
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getBigDecimal(2).setScale(2));
            }
        }
        return stored;
    }

    private long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(tiering.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (java.io.IOException gone) {
            return 0;
        }
        return 0;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path log() {
        return E2eSettings.logDirectory().resolve("tiering-soak.log");
    }
}
