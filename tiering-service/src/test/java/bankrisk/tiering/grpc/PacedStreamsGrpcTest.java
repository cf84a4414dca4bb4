package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.balance;
import static bankrisk.tiering.TieringFixtures.month;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.rpc.QuotaFailure;

import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.StreamTierAssignmentsRequest;
import bank.tiering.v1.TierAssignment;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TieringServiceGrpc;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bank.tiering.v1.WatchTierChangesRequest;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.platform.stream.PacedStreams;
import bankrisk.testing.PausedSubscriber;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Server streams paced by their client (issue 20, item 4): 6,000 customers of 60,000.00 each are XINRAN in January
 * 2024 and have no tier in February (their accounts emptied on 1 February), so February has 6,000 changes, about
 * 360 KB of messages, against a paused client's 64 KiB window. The test profile allows 3 open streams per caller.
 */
@QuarkusTest
class PacedStreamsGrpcTest {

    private static final int CUSTOMERS = 6000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @Inject
    DataSource dataSource;

    @Inject
    PacedStreams streams;

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int grpcPort;

    private ManagedChannel channel;

    @BeforeEach
    void twoMonthsWithAChangeForEveryone() throws Exception {
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.reset(dataSource);
        PutBalancesRequest.Builder december = PutBalancesRequest.newBuilder();
        PutBalancesRequest.Builder february = PutBalancesRequest.newBuilder();
        for (String customer : customers()) {
            december.addBalances(balance(customer, customer + "-1", "2023-12-31", "60000.00", "CNY"));
            february.addBalances(balance(customer, customer + "-1", "2024-02-01", "0.00", "CNY"));
        }
        tiering.putBalances(december.build());
        tiering.putBalances(february.build());
        evaluate(1, false);
        evaluate(2, false);
        channel = PausedSubscriber.channel(grpcPort);
    }

    @AfterEach
    void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void aSubscriberThatDoesNotReadHoldsTheServerAtItsWindowAndMissesNothingWhenItReadsAgain() throws Exception {
        try (PausedSubscriber<TierChange> paused = PausedSubscriber.open(channel, TieringServiceGrpc.getWatchTierChangesMethod(),
                WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 2)).build(), "auditor-paused", Roles.AUDITOR)) {
            long sent = settled(() -> sentTo("auditor-paused"));
            // The 64 KiB window, gRPC's 32 KiB send buffer and one page (7 rows) hold about 1,600 messages of ~60 bytes.
            assertThat(sent).isPositive().isLessThan(CUSTOMERS / 2);

            // Three forced re-runs of February while it is paused: each records the month's changes in the durable feed
            // again; the server keeps only the subscriber's position.
            for (int i = 0; i < 3; i++) {
                evaluate(2, true);
            }
            assertThat(settled(() -> sentTo("auditor-paused"))).isEqualTo(sent);

            paused.read(Integer.MAX_VALUE);
            // February, then each re-run's changes, each once, in sequence order.
            List<TierChange> received = paused.awaitReceived(4 * CUSTOMERS, WAIT);
            Thread.sleep(500);
            assertThat(paused.received()).hasSize(4 * CUSTOMERS);
            for (int run = 0; run < 4; run++) {
                assertThat(received.subList(run * CUSTOMERS, (run + 1) * CUSTOMERS)).extracting(TierChange::getCustomerNumber)
                        .containsExactlyElementsOf(customers());
            }
            assertThat(received).extracting(TierChange::getSequence).isSorted().doesNotHaveDuplicates();
            assertThat(received).allSatisfy(change -> {
                assertThat(change.getFromTierCode()).isEqualTo("XINRAN");
                assertThat(change.getToTierCode()).isEmpty();
            });
            assertThat(paused.isClosed()).isFalse();
        }
        awaitNoStreamOf("auditor-paused");
    }

    @Test
    void aPausedReaderOfAMonthGetsItWholeWhenItReadsAgain() throws Exception {
        try (PausedSubscriber<TierAssignment> paused = PausedSubscriber.open(channel,
                TieringServiceGrpc.getStreamTierAssignmentsMethod(),
                StreamTierAssignmentsRequest.newBuilder().setMonth(month(2024, 1)).build(), "provision-service", Roles.SERVICE)) {
            assertThat(settled(() -> sentTo("provision-service"))).isLessThan(CUSTOMERS / 2);

            paused.read(Integer.MAX_VALUE);

            assertThat(paused.awaitClose(WAIT).getStatus().getCode()).isEqualTo(Status.Code.OK);
            assertThat(paused.received()).extracting(TierAssignment::getCustomerNumber).containsExactlyElementsOf(customers());
            assertThat(paused.received()).allSatisfy(a -> assertThat(a.getTierCode()).isEqualTo("XINRAN"));
        }
    }

    @Test
    void aMonthEvaluatedAgainWhileItIsStreamedEndsTheStreamAbortedInsteadOfMixingTwoEvaluations() throws Exception {
        try (PausedSubscriber<TierAssignment> paused = PausedSubscriber.open(channel,
                TieringServiceGrpc.getStreamTierAssignmentsMethod(),
                StreamTierAssignmentsRequest.newBuilder().setMonth(month(2024, 2)).build(), "provision-service", Roles.SERVICE)) {
            settled(() -> sentTo("provision-service"));

            evaluate(2, true);
            paused.read(Integer.MAX_VALUE);

            StatusRuntimeException end = paused.awaitClose(WAIT);
            assertThat(end.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(StatusDetails.reason(end)).contains("MONTH_REEVALUATED");
            assertThat(paused.received().size()).isLessThan(CUSTOMERS);
        }
    }

    @Test
    void aCallerMayHoldThreeOpenStreamsComparedAsTheIdentityProviderComparesNames() throws Exception {
        WatchTierChangesRequest fromFebruary = WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 2)).build();
        PausedSubscriber<TierChange> first = watch("Auditor-Cap", fromFebruary);
        PausedSubscriber<TierChange> second = watch("auditor-cap", fromFebruary);
        PausedSubscriber<TierChange> third = watch("AUDITOR-CAP", fromFebruary);
        PausedSubscriber<TierChange> other = watch("auditor-other", fromFebruary);
        try {
            awaitOpen(4);

            try (PausedSubscriber<TierChange> fourth = watch("auditor-CAP", fromFebruary)) {
                StatusRuntimeException refused = fourth.awaitClose(WAIT);
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(StatusDetails.detail(refused, QuotaFailure.class).orElseThrow().getViolations(0).getSubject())
                        .isEqualTo("bankrisk.stream.max-per-caller");
            }
            assertThat(other.isClosed()).isFalse();

            first.close();
            awaitOpen(3);
            try (PausedSubscriber<TierChange> again = watch("Auditor-CAP", fromFebruary)) {
                awaitOpen(4);
                assertThat(again.isClosed()).isFalse();
            }
        } finally {
            second.close();
            third.close();
            other.close();
        }
        // The subscribers left: nothing of theirs stays on the server.
        awaitOpen(0);
    }

    private PausedSubscriber<TierChange> watch(String auditor, WatchTierChangesRequest request) {
        return PausedSubscriber.open(channel, TieringServiceGrpc.getWatchTierChangesMethod(), request, auditor, Roles.AUDITOR);
    }

    private void evaluate(int monthOf2024, boolean force) {
        tiering.evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(month(2024, monthOf2024)).setForce(force).build())
                .forEachRemaining(progress -> {
                });
    }

    private static List<String> customers() {
        return IntStream.rangeClosed(1, CUSTOMERS).mapToObj(i -> "PACE%05d".formatted(i)).toList();
    }

    private long sentTo(String caller) {
        return streams.open().stream().filter(s -> s.caller().equals(caller)).mapToLong(PacedStreams.OpenStream::sent).sum();
    }

    /** The value once it has not changed for half a second. */
    private static long settled(LongSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = value.getAsLong();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
            Thread.sleep(500);
        }
        throw new AssertionError("still changing after " + WAIT + ": " + last);
    }

    /** Waits until this test's auditors hold {@code count} open streams (other test classes may leave theirs open). */
    private void awaitOpen(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.open().stream().filter(s -> s.caller().toLowerCase(Locale.ROOT).startsWith("auditor-")).count() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("open streams " + streams.open() + ", expected " + count + " of auditor-*");
            }
            Thread.sleep(20);
        }
    }

    private void awaitNoStreamOf(String caller) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.open().stream().anyMatch(s -> s.caller().equals(caller))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still open: " + streams.open());
            }
            Thread.sleep(20);
        }
    }
}
