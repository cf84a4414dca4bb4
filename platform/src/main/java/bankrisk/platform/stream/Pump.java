package bankrisk.platform.stream;

import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import bankrisk.platform.stream.Source.Batch;

/**
 * Moves one source's messages to one outlet while the client reads: a batch is read only when the previous one has
 * been handed to the transport, and nothing is sent while the transport is not ready. No thread waits for a slow
 * client: a pass ends when the transport is full and the next one starts on {@code onReady} (or on a wake of a live
 * source). Passes run on {@code executor}, one at a time (a work-in-progress counter: a signal during a pass makes
 * another pass), so the source and the outlet are never used concurrently.
 *
 * <p>Memory per stream: one batch plus the transport's send window, however slow the client and however much the
 * source holds.
 */
final class Pump<T> {

    private final Source<T> source;
    private final Outlet<T> outlet;
    private final Executor executor;
    private final Consumer<Pump<T>> onEnd;
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicBoolean news = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Throwable closing;

    // Only touched inside a pass.
    private Iterator<T> pending = Collections.emptyIterator();
    private Batch.State state = Batch.State.MORE;
    private volatile long sent;

    Pump(Source<T> source, Outlet<T> outlet, Executor executor, Consumer<Pump<T>> onEnd) {
        this.source = source;
        this.outlet = outlet;
        this.executor = executor;
        this.onEnd = onEnd;
    }

    void start() {
        source.open(this::wake);
        drain();
    }

    /** The source may have something new. */
    void wake() {
        news.set(true);
        drain();
    }

    /** The transport may take more. */
    void drain() {
        if (work.getAndIncrement() == 0) {
            executor.execute(this::passes);
        }
    }

    /** The client went away: stop, send nothing more. */
    void cancel() {
        end();
    }

    /** Ends the stream with {@code failure} (e.g. UNAVAILABLE at shutdown) even if the client is not reading. */
    void close(Throwable failure) {
        closing = failure;
        drain();
    }

    boolean isEnded() {
        return ended.get();
    }

    /** Messages handed to the transport so far. */
    long sent() {
        return sent;
    }

    private void passes() {
        int missed = 1;
        do {
            try {
                pass();
            } catch (RuntimeException | Error failure) {
                if (end()) {
                    outlet.fail(failure);
                }
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private void pass() {
        while (!ended.get()) {
            Throwable close = closing;
            if (close != null) {
                if (end()) {
                    outlet.fail(close);
                }
                return;
            }
            if (!outlet.isReady()) {
                return; // onReady calls drain()
            }
            if (pending.hasNext()) {
                outlet.send(pending.next());
                sent++;
                continue;
            }
            if (state == Batch.State.LAST) {
                if (end()) {
                    outlet.complete();
                }
                return;
            }
            if (state == Batch.State.CAUGHT_UP && !news.getAndSet(false)) {
                return; // wake() calls drain()
            }
            news.set(false);
            Batch<T> batch = source.next();
            pending = batch.items().iterator();
            state = batch.state();
        }
    }

    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        try {
            source.close();
        } finally {
            onEnd.accept(this);
        }
        return true;
    }
}
