package bankrisk.platform.load;

import java.util.function.BooleanSupplier;

/** A load in progress as the transport sees it: finished when the caller's stream ends, aborted otherwise. */
public interface Load<T> {

    /**
     * Stores the load, or refuses it and stores nothing. The load commits only while {@code callerWaiting} holds: a
     * caller that cancelled (or whose deadline passed) in the meantime gets nothing committed.
     */
    T finish(BooleanSupplier callerWaiting);

    /** Forgets the load and gives back everything it holds. Safe to call more than once, from any thread. */
    void abort();
}
