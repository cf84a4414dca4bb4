package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TieringServiceGrpc;
import bank.tiering.v1.WatchTierChangesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.PausedSubscriber;
import io.grpc.ManagedChannel;
import io.grpc.Status;

/**
 * Subscribers that stop reading (issue 20, item 4), against the packaged tiering-service with the pods' JVM settings
 * ({@code -Xmx256m -XX:+UseSerialGC}). 50,000 customers hold 60,000.00 through January 2024 (tier XINRAN) and
 * nothing from 1 February (no tier), so February has 50,000 changes. Twenty auditors, each over a connection of its
 * own, watch the changes from February and read nothing; February is then evaluated again three times (each forced
 * re-run sends the month to every subscriber again). Buffered, that is 20 × 4 × 50,000 messages, some 300 MB: the
 * heap of 256 MiB could not hold it (before: OutOfMemoryError, the service wedged and deaf to SIGTERM).
 * <ol>
 * <li>While they are paused the heap after a full GC stays within 64 MiB of what it was before they came, RSS grows by
 * less than 96 MiB (Netty's send buffers are off the heap) and stays under 512 MiB, no OutOfMemoryError is logged, and
 * a unary read still answers at once.</li>
 * <li>When they leave, the heap after a full GC comes back, within 30 s, to within 16 MiB of where it was before they
 * came (after a first round of subscribers and a re-evaluation sent to them has warmed the service up).</li>
 * <li>One caller may hold 8 open streams ({@code STREAM_MAX_PER_CALLER}'s default); the ninth is RESOURCE_EXHAUSTED.</li>
 * <li>SIGTERM with twenty paused subscribers: the service ends their streams and exits well within Kubernetes' grace
 * period.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PausedSubscribersFaultIT {

    private static final String DATABASE = "tiering_e2e_paused";
    private static final int HTTP = 28495, GRPC = 29495;
    private static final int CUSTOMERS = 50_000, SUBSCRIBERS = 20, RE_EVALUATIONS = 3;
    private static final long MIB = 1024 * 1024;
    private static final String TEST = "PausedSubscribersFaultIT";
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private ServiceProcess tiering;
    private long heapBefore;

    @BeforeAll
    void start() throws Exception {
        E2eSettings.recreateDatabases(DATABASE);
        tiering = ServiceProcess.start("tiering-paused", "tiering-service", HTTP, GRPC, DATABASE, Map.of(),
                List.of("-Xmx256m", "-XX:+UseSerialGC")).awaitReady();
        try (Connection connection = E2eSettings.connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO balance (account_id, balance_date, customer_number, asset_type, currency, balance)"
                    + " SELECT 'PA' || i, d, 'P' || lpad(i::text, 6, '0'), 'DEPOSIT', 'CNY', b"
                    + " FROM generate_series(1, " + CUSTOMERS + ") i,"
                    + " (VALUES (DATE '2023-12-31', 60000.00), (DATE '2024-02-01', 0.00)) AS v(d, b)");
        }
        evaluate(1, false);
        evaluate(2, false);
    }

    @AfterAll
    void stop() {
        if (tiering != null) {
            tiering.close();
        }
    }

    @Test
    @Order(1)
    void twentyPausedSubscribersAndThreeReEvaluationsLeaveTheHeapBounded() throws Exception {
        // A first round does what the measured round does (twenty subscribers, a forced re-evaluation sent to them)
        // and warms the service up (classes, pools, statement caches, Netty's arenas), so that "before" is a steady
        // state and "after" compares like with like.
        List<Subscriber> warmUp = subscribe(SUBSCRIBERS);
        Thread.sleep(3000);
        evaluate(2, true);
        Thread.sleep(2000);
        leave(warmUp);
        Thread.sleep(2000);
        heapBefore = heapAfterFullGc();
        long rssBefore = rssBytes();
        List<Subscriber> paused = subscribe(SUBSCRIBERS);
        try {
            Thread.sleep(3000); // the server fills each subscriber's window, then waits on it
            for (int i = 0; i < RE_EVALUATIONS; i++) {
                evaluate(2, true);
            }
            Thread.sleep(3000);
            long heapPaused = heapAfterFullGc();
            long rss = rssBytes();
            long start = System.nanoTime();
            admin().getTierDistribution(GetTierDistributionRequest.newBuilder().setMonth(Dates.toYearMonth(YearMonth.of(2024, 2))).build());
            Duration read = Duration.ofNanos(System.nanoTime() - start);

            assertThat(paused).allSatisfy(s -> assertThat(s.call.isClosed()).as("a paused subscriber's stream").isFalse());
            assertThat(heapPaused - heapBefore).as("heap growth with paused subscribers").isLessThan(64 * MIB);
            // Netty's send buffers are off the heap: RSS shows what the transport holds for the paused subscribers.
            assertThat(rss - rssBefore).as("RSS growth with paused subscribers").isLessThan(96 * MIB);
            assertThat(rss).as("RSS").isLessThan(512 * MIB);
            assertThat(read).as("a unary read meanwhile").isLessThan(Duration.ofSeconds(2));
            assertThat(Files.readString(log())).doesNotContain("OutOfMemoryError");
            Figures.record(TEST, "%d paused subscribers, %d forced re-evaluations of a month of %d changes: heap after full GC"
                    + " %d MiB -> %d MiB, RSS %d MiB -> %d MiB, GetTierDistribution meanwhile %s", SUBSCRIBERS, RE_EVALUATIONS,
                    CUSTOMERS, heapBefore / MIB, heapPaused / MIB, rssBefore / MIB, rss / MIB, Figures.seconds(read));
        } finally {
            leave(paused);
        }
    }

    @Test
    @Order(2)
    void whenTheSubscribersLeaveTheHeapComesBack() throws Exception {
        // What a leak would look like: each subscriber's month kept is 50,000 changes, some 12 MB; twenty of them
        // 240 MB. What is measured in a healthy service: 4-7 MiB above "before", from the pages still in flight on
        // closing connections (consecutive readings of the live heap wander by as much).
        long heapAfter = settledHeap(heapBefore + 16 * MIB);

        assertThat(heapAfter - heapBefore).as("heap after the subscribers left").isLessThan(16 * MIB);
        Figures.record(TEST, "after the subscribers left: heap after full GC %d MiB (before they came %d MiB)", heapAfter / MIB,
                heapBefore / MIB);
    }

    @Test
    @Order(3)
    void oneCallerMayHoldEightOpenStreamsAndNoMore() throws Exception {
        List<Subscriber> crm = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                crm.add(subscriber(i % 2 == 0 ? "crm-service" : "CRM-Service"));
            }
            for (Subscriber admitted : crm) {
                admitted.call.awaitAdmitted(Duration.ofSeconds(30));
            }
            Subscriber ninth = subscriber("Crm-Service");
            crm.add(ninth);

            assertThat(ninth.call.awaitClose(Duration.ofSeconds(30)).getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(crm.subList(0, 8)).allSatisfy(s -> assertThat(s.call.isClosed()).isFalse());
        } finally {
            leave(crm);
        }
    }

    @Test
    @Order(4)
    void sigtermWithTwentyPausedSubscribersEndsTheirStreamsAndTheServiceExits() throws Exception {
        List<Subscriber> paused = subscribe(SUBSCRIBERS);
        try {
            for (Subscriber subscriber : paused) {
                subscriber.call.awaitAdmitted(Duration.ofSeconds(30));
            }
            Thread.sleep(2000);
            Duration exit = tiering.terminate(Duration.ofSeconds(40));

            assertThat(exit).as("from SIGTERM to exit").isLessThan(Duration.ofSeconds(15));
            for (Subscriber subscriber : paused) {
                // A client learns how its stream ended after the messages before the end: it reads them first.
                subscriber.call.read(Integer.MAX_VALUE);
                assertThat(subscriber.call.awaitClose(Duration.ofSeconds(30)).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
            Figures.record(TEST, "SIGTERM with %d paused subscribers: exited after %s, every subscriber's stream ended UNAVAILABLE",
                    SUBSCRIBERS, Figures.seconds(exit));
        } finally {
            leave(paused);
        }
    }

    /** A subscriber over a connection of its own. */
    private record Subscriber(ManagedChannel channel, PausedSubscriber<TierChange> call) {
    }

    private List<Subscriber> subscribe(int count) {
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            subscribers.add(subscriber("auditor-%02d".formatted(i)));
        }
        return subscribers;
    }

    private Subscriber subscriber(String auditor) {
        ManagedChannel channel = PausedSubscriber.channel(GRPC);
        return new Subscriber(channel, PausedSubscriber.open(channel, TieringServiceGrpc.getWatchTierChangesMethod(),
                WatchTierChangesRequest.newBuilder().setFromMonth(Dates.toYearMonth(YearMonth.of(2024, 2))).build(),
                auditor, Roles.AUDITOR));
    }

    private static void leave(List<Subscriber> subscribers) {
        for (Subscriber subscriber : subscribers) {
            subscriber.call.close();
            subscriber.channel.shutdownNow();
        }
    }

    private void evaluate(int monthOf2024, boolean force) {
        admin().withDeadlineAfter(5, TimeUnit.MINUTES).evaluateMonth(EvaluateMonthRequest.newBuilder()
                .setMonth(Dates.toYearMonth(YearMonth.of(2024, monthOf2024))).setForce(force).build())
                .forEachRemaining(progress -> {
                });
    }

    private TieringServiceGrpc.TieringServiceBlockingStub admin() {
        return TieringServiceGrpc.newBlockingStub(tiering.channel()).withCallCredentials(Staff.TIER_ADMIN)
                .withDeadlineAfter(5, TimeUnit.MINUTES);
    }

    /**
     * The heap after a full GC once the service has let go of what departed clients held: closing a connection is
     * asynchronous (the server learns of it, ends the call, Netty returns its buffers), so it is measured every two
     * seconds for up to 30 s until it is at most {@code target}, and the smallest reading is returned.
     */
    private long settledHeap(long target) throws Exception {
        long smallest = Long.MAX_VALUE;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < deadline; ) {
            Thread.sleep(2000);
            smallest = Math.min(smallest, heapAfterFullGc());
            if (smallest <= target) {
                break;
            }
        }
        return smallest;
    }

    /**
     * The bytes of live objects: {@code jcmd GC.class_histogram} collects the whole heap first and counts what
     * survives. (The heap's "used" after {@code GC.run} is not that: the service's threads allocate in the young
     * generation between the collection and the reading, so it wandered by 5-9 MiB from one reading to the next.)
     */
    private long heapAfterFullGc() throws Exception {
        Matcher total = TOTAL.matcher(jcmd("GC.class_histogram"));
        assertThat(total.find()).as("the histogram's total line").isTrue();
        return Long.parseLong(total.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(tiering.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(tiering.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + tiering.pid());
    }

    private static Path log() {
        return E2eSettings.logDirectory().resolve("tiering-paused.log");
    }
}
