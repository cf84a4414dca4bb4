package bankrisk.tiering.evaluation;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes the WatchTierChanges subscribers of this instance when the durable feed may have grown: at once after this
 * instance commits an evaluation, and — for evaluations committed by other replicas — when a poll of the feed's last
 * sequence ({@code tiering.feed.poll-interval-ms}, 1,000 ms by default; only while someone subscribes) finds it
 * higher. A wake with nothing new costs the subscriber one empty read.
 */
@ApplicationScoped
public class TierChangeBroadcaster {

    private static final Logger LOG = Logger.getLogger(TierChangeBroadcaster.class);

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final TierQueries queries;
    private final long pollMillis;
    private ScheduledExecutorService poller;
    private long lastSeen = -1;

    @Inject
    public TierChangeBroadcaster(TierQueries queries,
            @ConfigProperty(name = "tiering.feed.poll-interval-ms", defaultValue = "1000") long pollMillis) {
        this.queries = queries;
        this.pollMillis = pollMillis;
    }

    public synchronized Runnable subscribe(Runnable wake) {
        listeners.add(wake);
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tier-change-poller");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
        return () -> listeners.remove(wake);
    }

    void evaluated() {
        listeners.forEach(Runnable::run);
    }

    private void poll() {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            long last = queries.lastSequence();
            if (last != lastSeen) {
                lastSeen = last;
                listeners.forEach(Runnable::run);
            }
        } catch (RuntimeException unreachable) {
            // The database is away for a moment: the next poll tries again; subscribers keep their position.
            LOG.debugf("tier change poll failed: %s", unreachable.getMessage());
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
