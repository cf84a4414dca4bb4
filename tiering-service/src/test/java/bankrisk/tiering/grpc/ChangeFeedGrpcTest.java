package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.balance;
import static bankrisk.tiering.TieringFixtures.evaluate;
import static bankrisk.tiering.TieringFixtures.month;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TierChange;
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
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The durable change feed: A, B, C, D hold 60,000 from December 2023, so January 2024 has four changes (none →
 * XINRAN); A empties its account on 1 February (one change), B holds 400,000 from 1 March (one change).
 */
@QuarkusTest
class ChangeFeedGrpcTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    /** Without headers: each subscriber is a caller of its own (the per-caller stream limit is 3 in tests). */
    @GrpcClient("tiering")
    TieringService subscribers;

    private final List<AssertSubscriber<TierChange>> opened = new ArrayList<>();
    private int callers;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void fourCustomers() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.reset(dataSource);
        PutBalancesRequest.Builder rows = PutBalancesRequest.newBuilder();
        for (String customer : List.of("A", "B", "C", "D")) {
            rows.addBalances(balance(customer, customer + "-1", "2023-12-31", "60000.00", "CNY"));
        }
        rows.addBalances(balance("A", "A-1", "2024-02-01", "0.00", "CNY"));
        rows.addBalances(balance("B", "B-1", "2024-03-01", "400000.00", "CNY"));
        tiering.putBalances(rows.build());
        evaluate(client, 2024, 1, false);
    }

    @Test
    void twoSubscribersAndOneThatReconnectsWithItsLastSequenceSeeEveryChangeOnceInOrder() {
        AssertSubscriber<TierChange> steady = watch(WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 1)).build(),
                Long.MAX_VALUE);
        AssertSubscriber<TierChange> leaving = watch(WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 1)).build(), 2);
        steady.awaitItems(4, WAIT);
        leaving.awaitItems(2, WAIT);
        leaving.cancel();
        long last = leaving.getItems().get(1).getSequence();

        evaluate(client, 2024, 2, false);
        steady.awaitItems(5, WAIT);
        // Back, maybe on another replica, with the last sequence it received.
        AssertSubscriber<TierChange> back = watch(WatchTierChangesRequest.newBuilder().setFromSequence(last).build(),
                Long.MAX_VALUE);
        back.awaitItems(3, WAIT);
        evaluate(client, 2024, 3, false);
        steady.awaitItems(6, WAIT);
        back.awaitItems(4, WAIT);
        steady.cancel();
        back.cancel();

        assertThat(steady.getItems()).extracting(c -> c.getToMonth().getMonth(), TierChange::getCustomerNumber,
                TierChange::getToTierCode, TierChange::getTierReason).containsExactly(
                        tuple(1, "A", "XINRAN", "AVERAGE"), tuple(1, "B", "XINRAN", "AVERAGE"),
                        tuple(1, "C", "XINRAN", "AVERAGE"), tuple(1, "D", "XINRAN", "AVERAGE"),
                        tuple(2, "A", "", "AVERAGE"), tuple(3, "B", "YOURAN", "AVERAGE"));
        List<TierChange> resumed = new ArrayList<>(leaving.getItems());
        resumed.addAll(back.getItems());
        assertThat(resumed).isEqualTo(steady.getItems());
        assertThat(steady.getItems()).extracting(TierChange::getSequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aChangeCommittedByAnotherReplicaReachesASubscriberOfThisOne() throws Exception {
        AssertSubscriber<TierChange> watcher = watch(WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 1)).build(),
                Long.MAX_VALUE);
        watcher.awaitItems(4, WAIT);

        // What another replica's evaluation commits: a row of the feed, and no wake of this instance.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO tier_change (sequence, month, customer_number, from_tier_code, to_tier_code, upgrade,
                                             average_balance, currency, tier_reason)
                    VALUES (nextval('tier_change_sequence'), DATE '2024-02-01', 'ELSEWHERE', NULL, 'XINRAN', true,
                            50000.00, 'CNY', 'AVERAGE')""");
        }

        watcher.awaitItems(5, WAIT);
        watcher.cancel();
        assertThat(watcher.getItems().get(4)).extracting(TierChange::getCustomerNumber, TierChange::getToTierCode)
                .containsExactly("ELSEWHERE", "XINRAN");
    }

    @Test
    void aSequenceBeyondTheLastOrNegativeIsInvalid() {
        long last = watch(WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 1)).build(), Long.MAX_VALUE)
                .awaitItems(4, WAIT).getItems().get(3).getSequence();

        assertInvalid(WatchTierChangesRequest.newBuilder().setFromSequence(last + 1).build(), "from_sequence",
                (last + 1) + " is beyond the last sequence " + last);
        assertInvalid(WatchTierChangesRequest.newBuilder().setFromMonth(month(2024, 1)).setFromSequence(-1).build(),
                "from_sequence", "must not be negative");
        assertInvalid(WatchTierChangesRequest.getDefaultInstance(), "from_month", "is required");
        // The last one itself is a subscription that waits for what comes next.
        AssertSubscriber<TierChange> caughtUp = watch(WatchTierChangesRequest.newBuilder().setFromSequence(last).build(),
                Long.MAX_VALUE);
        evaluate(client, 2024, 2, false);
        caughtUp.awaitItems(1, WAIT).cancel();
        assertThat(caughtUp.getItems()).extracting(TierChange::getCustomerNumber, TierChange::getSequence)
                .containsExactly(tuple("A", last + 1));
    }

    private AssertSubscriber<TierChange> watch(WatchTierChangesRequest request, long demand) {
        AssertSubscriber<TierChange> subscriber = GrpcClientUtils.attachHeaders(subscribers,
                TestTokens.headers("crm-" + ++callers, Roles.SERVICE)).watchTierChanges(request)
                .subscribe().withSubscriber(AssertSubscriber.create(demand));
        opened.add(subscriber);
        return subscriber;
    }

    @AfterEach
    void endEveryStream() {
        opened.forEach(AssertSubscriber::cancel);
    }

    private void assertInvalid(WatchTierChangesRequest request, String field, String description) {
        assertThatThrownBy(() -> tiering.withDeadlineAfter(10, TimeUnit.SECONDS).watchTierChanges(request).hasNext())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsExactly(entry(field, description));
                });
    }
}
