package bankrisk.tiering.evaluation;

import java.time.YearMonth;
import java.util.List;

import bankrisk.platform.stream.Source;

/**
 * What a WatchTierChanges subscriber receives: the durable feed ({@code tier_change}, V15) after a sequence number, of
 * months from {@code from} on, in sequence order — first what is stored, then what any replica's evaluations commit
 * later. A page is read when the subscriber has taken the previous one (keyset on the sequence), so a subscriber that
 * stops reading holds its position and one page, never the feed; it reconnects to any replica with the last sequence
 * it received and misses nothing and sees nothing twice. Told of new changes by {@link TierChangeBroadcaster} (at
 * once for this instance's evaluations, by polling for other replicas').
 */
public final class TierChangeFeed implements Source<TierQueries.Change> {

    private final YearMonth from;
    private final TierQueries queries;
    private final TierChangeBroadcaster broadcaster;
    private final int pageSize;
    private volatile Runnable unsubscribe = () -> {
    };
    private long after;

    /** @param from first month of interest (null: every month); @param after the last sequence already received */
    public TierChangeFeed(YearMonth from, long after, TierQueries queries, TierChangeBroadcaster broadcaster, int pageSize) {
        this.from = from;
        this.after = after;
        this.queries = queries;
        this.broadcaster = broadcaster;
        this.pageSize = pageSize;
    }

    @Override
    public void open(Runnable wake) {
        // Listen before the first read, so that nothing committed in between is missed (a wake finds it).
        unsubscribe = broadcaster.subscribe(wake);
    }

    @Override
    public Batch<TierQueries.Change> next() {
        List<TierQueries.Change> page = queries.changesAfter(after, from, pageSize);
        if (!page.isEmpty()) {
            after = page.get(page.size() - 1).sequence();
        }
        return page.size() < pageSize ? Batch.caughtUp(page) : Batch.more(page);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
