package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.api.convert.Dates;
import bankrisk.common.db.ServiceLogins;
import bankrisk.testing.Await;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * PostgreSQL stopped under load. tiering-service runs against a PostgreSQL of its own ({@link OwnPostgres}, port
 * 29432, synchronous commits) while a client keeps sending PutBalances of new keys (10 accounts per write) and records
 * every write the service acknowledged (after a failure it waits 50 ms, then sends the next one). The server is
 * stopped mid-way ({@code pg_ctl stop -m fast}), left down for six seconds and started again on the same data
 * directory. Proven:
 * <ul>
 * <li>{@code /q/health/ready} answers 503 within seconds of the stop, and 200 again within seconds of the start;</li>
 * <li>every failed write failed with UNAVAILABLE (retryable: writes are idempotent) — never INTERNAL or UNKNOWN, also
 * when the connection broke during the commit;</li>
 * <li>writes succeed again once the database is back;</li>
 * <li>every acknowledged write is in the database afterwards, each of its rows (zero loss). Writes that committed
 * although their answer was lost are counted and reported, not treated as loss.</li>
 * </ul>
 */
class DatabaseOutageFaultIT {

    private static final int POSTGRES_PORT = 29432, HTTP = 28490, GRPC = 29490;
    private static final String DATABASE = "tiering_outage";
    private static final int ROWS_PER_WRITE = 10;
    private static final Duration DOWN_FOR = Duration.ofSeconds(6);
    private static final String TEST = "DatabaseOutageFaultIT";

    @Test
    void theServiceGoesNotReadyFailsWritesAsUnavailableRecoversAndLosesNoAcknowledgedWrite() throws Exception {
        try (OwnPostgres postgres = OwnPostgres.fresh(E2eSettings.logDirectory().resolveSibling("faults-postgres"), POSTGRES_PORT)) {
            try (Connection admin = postgres.connect("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            try (Connection admin = postgres.connect(DATABASE)) {
                ServiceLogins.local(DATABASE).apply(admin, E2eSettings.repoRoot());
            }
            ServiceProcess tiering = ServiceProcess.start("tiering-outage", "tiering-service", HTTP, GRPC, DATABASE,
                    Map.of("DB_URL", postgres.jdbcUrl(DATABASE)));
            try (tiering; Writer writer = new Writer(tiering)) {
                tiering.awaitReady();
                writer.start();
                Await.until("writes acknowledged before the outage", Duration.ofSeconds(60), Duration.ofMillis(50),
                        () -> writer.acknowledged.size() >= 50);
                int beforeOutage = writer.acknowledged.size();

                long stopped = System.nanoTime();
                postgres.stop();
                Duration notReady = Await.until("/q/health/ready answering 503", Duration.ofSeconds(10), Duration.ofMillis(100),
                        () -> tiering.readiness() == 503);
                Thread.sleep(Math.max(0, DOWN_FOR.toMillis() - Duration.ofNanos(System.nanoTime() - stopped).toMillis()));
                int failedWhileDown = writer.failed();

                long restarted = System.nanoTime();
                postgres.start();
                Duration ready = Await.until("/q/health/ready answering 200", Duration.ofSeconds(30), Duration.ofMillis(100),
                        () -> tiering.readiness() == 200);
                int atRecovery = writer.acknowledged.size();
                Duration writing = Await.until("writes acknowledged after the outage", Duration.ofSeconds(60), Duration.ofMillis(20),
                        () -> writer.acknowledged.size() >= atRecovery + 50);
                writer.close();

                assertThat(failedWhileDown).as("writes failed while PostgreSQL was down").isPositive();
                assertThat(writer.failures).as("status of every failed write (each failure, from the stop: %s)",
                        writer.failureLog(stopped)).containsOnlyKeys(Status.Code.UNAVAILABLE);

                Set<Integer> stored = storedWrites(postgres);
                Set<Integer> lost = new HashSet<>(writer.acknowledged);
                lost.removeAll(stored);
                Set<Integer> unacknowledged = new HashSet<>(stored);
                unacknowledged.removeAll(writer.acknowledged);
                assertThat(lost).as("acknowledged writes missing from the database").isEmpty();
                assertThat(rowsStored(postgres)).isEqualTo((long) stored.size() * ROWS_PER_WRITE);

                Figures.record(TEST, "writes sent %d: acknowledged %d (%d before the stop), failed %s (the slowest in %d ms);"
                        + " after the restart all %d acknowledged writes (%d rows) found, lost %d; committed without an answer %d;"
                        + " not ready %s after the stop; down %s; ready %s after the start; 50 more writes acknowledged %s after"
                        + " ready", writer.sent.get(), writer.acknowledged.size(), beforeOutage, new TreeMap<>(writer.failures),
                        writer.slowestFailureMillis.get(), writer.acknowledged.size(), writer.acknowledged.size() * ROWS_PER_WRITE,
                        lost.size(), unacknowledged.size(), Figures.seconds(notReady),
                        Figures.seconds(Duration.ofNanos(restarted - stopped)), Figures.seconds(ready), Figures.seconds(writing));
            }
        }
    }

    /** The writes (by number) whose rows are in {@code balance}, each checked complete. */
    private static Set<Integer> storedWrites(OwnPostgres postgres) throws Exception {
        Set<Integer> writes = new HashSet<>();
        try (Connection connection = postgres.connect(DATABASE); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT substr(account_id, 2, 7)::int, count(*) FROM balance GROUP BY 1")) {
            while (rows.next()) {
                assertThat(rows.getInt(2)).as("rows of write %d", rows.getInt(1)).isEqualTo(ROWS_PER_WRITE);
                writes.add(rows.getInt(1));
            }
        }
        return writes;
    }

    private static long rowsStored(OwnPostgres postgres) throws Exception {
        try (Connection connection = postgres.connect(DATABASE); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM balance")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The client under load: one PutBalances after the other, each of {@value #ROWS_PER_WRITE} new accounts
     * ({@code W<write>-<row>}), as a tier admin, 10 s deadline; keeps the numbers of the acknowledged writes and the
     * status of each failure.
     */
    private static final class Writer implements AutoCloseable {

        final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<Status.Code, Integer> failures = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        /** The longest a failed write took to fail, in milliseconds. */
        final AtomicLong slowestFailureMillis = new AtomicLong();
        /** Each failure: when it was sent (System.nanoTime), how long it took, its status. */
        private final List<Failure> failureLog = new CopyOnWriteArrayList<>();
        private final TieringServiceGrpc.TieringServiceBlockingStub tiering;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::writeUntilStopped, "outage-writer");

        Writer(ServiceProcess service) {
            this.tiering = TieringServiceGrpc.newBlockingStub(service.channel()).withCallCredentials(Staff.TIER_ADMIN);
        }

        void start() {
            thread.start();
        }

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        private void writeUntilStopped() {
            while (running.get()) {
                int write = sent.getAndIncrement();
                PutBalancesRequest.Builder request = PutBalancesRequest.newBuilder();
                for (int row = 0; row < ROWS_PER_WRITE; row++) {
                    request.addBalances(Balance.newBuilder().setCustomerNumber(String.format("W%07d", write))
                            .setAccountId(String.format("W%07d-%d", write, row)).setAssetType(AssetType.ASSET_TYPE_DEPOSIT)
                            .setBalanceDate(Dates.toDate(LocalDate.of(2024, 3, 1)))
                            .setBalance(GeneratedBook.cny(BigDecimal.valueOf(write * 100L + row, 2))));
                }
                long start = System.nanoTime();
                try {
                    tiering.withDeadlineAfter(10, TimeUnit.SECONDS).putBalances(request.build());
                    acknowledged.add(write);
                } catch (StatusRuntimeException failure) {
                    failures.merge(failure.getStatus().getCode(), 1, Integer::sum);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    slowestFailureMillis.accumulateAndGet(millis, Math::max);
                    failureLog.add(new Failure(write, start, millis, failure.getStatus()));
                    pause(); // a client backs off before it retries
                }
            }
        }

        /** The failures as "write N sent at +X ms after the stop, failed after Y ms: CODE description". */
        List<String> failureLog(long stopped) {
            return failureLog.stream().map(f -> String.format("write %d sent at %+d ms, failed after %d ms: %s %s", f.write,
                    (f.sent - stopped) / 1_000_000, f.millis, f.status.getCode(), f.status.getDescription())).toList();
        }

        private record Failure(int write, long sent, long millis, Status status) {
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
