package bankrisk.platform.stream;

/** A {@link ProgressEmitter} over one outlet: sends at once while the client reads, else keeps only the newest. */
final class LatestProgress<T> implements ProgressEmitter<T> {

    private final Outlet<T> outlet;
    private T unsent;
    private boolean completing;
    private Throwable failure;
    private boolean closed;
    private volatile boolean cancelled;

    LatestProgress(Outlet<T> outlet) {
        this.outlet = outlet;
    }

    @Override
    public synchronized void emit(T report) {
        if (!closed) {
            unsent = report;
            flush();
        }
    }

    @Override
    public synchronized void complete() {
        completing = true;
        flush();
    }

    @Override
    public synchronized void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        flush();
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    void cancelled() {
        cancelled = true;
        synchronized (this) {
            closed = true;
            unsent = null;
        }
    }

    /** Sends what waits if the transport takes it; called on every report and when the transport is ready again. */
    synchronized void flush() {
        if (closed) {
            return;
        }
        if (failure != null) {
            closed = true;
            unsent = null;
            outlet.fail(failure);
            return;
        }
        if (unsent != null && outlet.isReady()) {
            T report = unsent;
            unsent = null;
            outlet.send(report);
        }
        if (unsent == null && completing) {
            closed = true;
            outlet.complete();
        }
    }
}
