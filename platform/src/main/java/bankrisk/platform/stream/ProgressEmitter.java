package bankrisk.platform.stream;

/**
 * Where a long job (a month-end run) reports its progress to the caller (see {@link PacedStreams#progress}). The
 * job never waits for the client: while the client is not reading, a newer report replaces the one not yet sent,
 * so the last report before {@link #complete()} (the result) always arrives and memory stays at one message.
 */
public interface ProgressEmitter<T> {

    void emit(T report);

    /** Ends the stream after the last report has been sent. */
    void complete();

    /** Ends the stream with {@code failure} (mapped to a status as every failure is); unsent reports are dropped. */
    void fail(Throwable failure);

    /** Whether the caller has gone (cancelled, deadline passed). */
    boolean isCancelled();
}
