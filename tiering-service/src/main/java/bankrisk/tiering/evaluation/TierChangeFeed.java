package bankrisk.tiering.evaluation;

import java.time.YearMonth;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

import bankrisk.platform.stream.Source;

/**
 * What a WatchTierChanges subscriber receives: the changes of every evaluated month from {@code from} on (each
 * against its previous month), oldest month first, then the changes of each month this instance evaluates later (a
 * forced re-run sends its month again). A month is read a page at a time (keyset on the customer number) when the
 * subscriber has taken the previous page, so a subscriber that stops reading holds one page, not the month.
 * Delivery is at least once: a month re-evaluated while it is being sent is sent again from its start; months
 * waiting to be sent are kept once each, however often they are re-evaluated meanwhile.
 *
 * <p>Issue 17 replaces the month list by a durable feed read by sequence number; the pacing stays.
 */
public final class TierChangeFeed implements Source<TierQueries.Change> {

    private final YearMonth from;
    private final TierQueries queries;
    private final TierChangeBroadcaster broadcaster;
    private final int pageSize;
    private final NavigableSet<YearMonth> waiting = new ConcurrentSkipListSet<>();
    private volatile Runnable unsubscribe = () -> {
    };
    private boolean listed;
    private YearMonth sending;
    private String after;

    public TierChangeFeed(YearMonth from, TierQueries queries, TierChangeBroadcaster broadcaster, int pageSize) {
        this.from = from;
        this.queries = queries;
        this.broadcaster = broadcaster;
        this.pageSize = pageSize;
    }

    @Override
    public void open(Runnable wake) {
        // Listen before listing the months, so that no month evaluated in between is missed.
        unsubscribe = broadcaster.subscribe(month -> {
            if (!month.isBefore(from)) {
                waiting.add(month);
                wake.run();
            }
        });
    }

    @Override
    public Batch<TierQueries.Change> next() {
        if (!listed) {
            waiting.addAll(queries.evaluatedMonthsFrom(from));
            listed = true;
        }
        if (sending == null) {
            sending = waiting.pollFirst();
            after = "";
            if (sending == null) {
                return Batch.caughtUp(List.of());
            }
        }
        List<TierQueries.Change> page = queries.changesOfMonth(sending, after, pageSize);
        if (page.size() < pageSize) {
            sending = null;
        } else {
            after = page.get(page.size() - 1).customerNumber();
        }
        return Batch.more(page);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
