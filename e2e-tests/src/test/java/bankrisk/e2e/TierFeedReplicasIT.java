package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TieringServiceGrpc;
import bank.tiering.v1.WatchTierChangesRequest;
import bankrisk.api.convert.Dates;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The durable change feed across two tiering replicas on ONE database. A subscriber of {@code WatchTierChanges}
 * (from sequence 0 and month 2023-12: the service reads a 0 sequence as unset, so it requires the month) is connected to replica A before anything is evaluated; December is evaluated through replica B
 * (A learns of B's commits only by polling the feed), January through A. The subscriber reads half of the feed, hangs
 * up, reconnects to replica B with the last sequence it received and reads the rest: together exactly the rows of
 * {@code tier_change} (read over JDBC), each once, in sequence order, and nothing after them.
 *
 * <p>The book, 300 customers {@code F000}..{@code F299}, one deposit account each, its balance on the 1st carried
 * through the month (so the month's average is that balance): December {@code i × 1,000.00}, January
 * {@code i × 2,000.00}. Hand count of the changes (Minsheng bounds XINRAN 50,000, YOURAN 300,000):
 * December against the unevaluated November: i = 50..299 (50,000.00..299,000.00) become XINRAN = 250 changes;
 * January: i = 25..49 (50,000.00..98,000.00) none → XINRAN = 25, i = 150..299 (300,000.00..598,000.00)
 * XINRAN → YOURAN = 150 (all upgrades, so no grace holds a tier) = 175; 425 in all.
 */
class TierFeedReplicasIT {

    private static final String DATABASE = "tiering_e2e_feed";
    private static final YearMonth DECEMBER = YearMonth.of(2023, 12), JANUARY = YearMonth.of(2024, 1);
    private static final int CUSTOMERS = 300;

    @Test
    void aSubscriberThatReconnectsToTheOtherReplicaReceivesEveryChangeOnceInOrder() throws Exception {
        E2eSettings.recreateDatabases(DATABASE);
        try (ServiceProcess a = ServiceProcess.start("tiering-feed-a", "tiering-service", 18094, 19014, DATABASE, Map.of());
                ServiceProcess b = ServiceProcess.start("tiering-feed-b", "tiering-service", 18095, 19015, DATABASE, Map.of())) {
            a.awaitReady();
            b.awaitReady();
            TieringServiceGrpc.TieringServiceBlockingStub onA = TieringServiceGrpc.newBlockingStub(a.channel()).withCallCredentials(Staff.TIER_ADMIN);
            TieringServiceGrpc.TieringServiceBlockingStub onB = TieringServiceGrpc.newBlockingStub(b.channel()).withCallCredentials(Staff.TIER_ADMIN);
            onA.putBalances(book(DECEMBER, 1_000));
            onA.putBalances(book(JANUARY, 2_000));

            // Subscribed to A before anything is evaluated; the blocking iterator reads only when the test asks.
            Context.CancellableContext firstConnection = Context.current().withCancellation();
            Iterator<TierChange> fromA = firstConnection.call(() -> onA.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .watchTierChanges(WatchTierChangesRequest.newBuilder().setFromMonth(Dates.toYearMonth(DECEMBER)).setFromSequence(0).build()));

            onB.evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(DECEMBER)).build()).forEachRemaining(p -> { });
            onA.evaluateMonth(EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY)).build()).forEachRemaining(p -> { });

            List<String> stored = storedFeed();
            assertThat(stored).hasSize(250 + 175);

            List<String> received = new ArrayList<>();
            long last = 0;
            int half = stored.size() / 2;
            while (received.size() < half) {
                TierChange change = fromA.next();
                received.add(line(change));
                last = change.getSequence();
            }
            firstConnection.cancel(null); // hang up mid-stream

            // Reconnect to the other replica with the last sequence received; read until the deadline ends the stream.
            Iterator<TierChange> fromB = onB.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .watchTierChanges(WatchTierChangesRequest.newBuilder().setFromSequence(last).build());
            assertThatThrownBy(() -> fromB.forEachRemaining(change -> received.add(line(change))))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

            assertThat(received).containsExactlyElementsOf(stored);
            assertThat(received.subList(0, 250)).allMatch(l -> l.contains(" 2023-12 -> XINRAN"));
            assertThat(received.subList(250, received.size()))
                    .allMatch(l -> l.contains(" 2024-01 -> XINRAN") || l.contains(" 2024-01 XINRAN -> YOURAN"));

            // Beyond the last sequence: refused, naming the field.
            long beyond = Long.parseLong(stored.get(stored.size() - 1).split(" ")[0]) + 1;
            assertThatThrownBy(() -> onB.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .watchTierChanges(WatchTierChangesRequest.newBuilder().setFromSequence(beyond).build()).hasNext())
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).contains("from_sequence");
                    });
        }
    }

    /** Customer i's one account, its balance {@code i × perCustomer} on the month's 1st. */
    private static PutBalancesRequest book(YearMonth month, long perCustomer) {
        PutBalancesRequest.Builder request = PutBalancesRequest.newBuilder();
        for (int i = 0; i < CUSTOMERS; i++) {
            request.addBalances(Balance.newBuilder().setCustomerNumber(String.format("F%03d", i)).setAccountId(String.format("FA%03d", i))
                    .setAssetType(AssetType.ASSET_TYPE_DEPOSIT).setBalanceDate(Dates.toDate(month.atDay(1)))
                    .setBalance(GeneratedBook.cny(BigDecimal.valueOf(perCustomer * i))));
        }
        return request.build();
    }

    /** "sequence customer to-month from-tier -> to-tier", as the feed sent it. */
    private static String line(TierChange change) {
        return change.getSequence() + " " + change.getCustomerNumber() + " " + YearMonth.of(change.getToMonth().getYear(), change.getToMonth().getMonth()) + " "
                + (change.getFromTierCode().isEmpty() ? "" : change.getFromTierCode() + " ") + "-> " + change.getToTierCode();
    }

    /** The same lines for every row of {@code tier_change}, read straight from the database, by sequence. */
    private static List<String> storedFeed() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection connection = E2eSettings.connect(DATABASE); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT sequence, customer_number, to_char(month, 'YYYY-MM'),"
                        + " coalesce(from_tier_code || ' ', ''), coalesce(to_tier_code, '') FROM tier_change ORDER BY sequence")) {
            while (rows.next()) {
                lines.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4) + "-> "
                        + rows.getString(5));
            }
        }
        return lines;
    }
}
