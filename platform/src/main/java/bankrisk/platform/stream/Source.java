package bankrisk.platform.stream;

import java.util.List;
import java.util.function.Function;

/**
 * What a paced server stream sends, read a batch at a time and only when the client has taken the previous batch
 * (see {@link PacedStreams}). A source keeps its own position (a keyset, a sequence number) between batches, so it
 * holds no database connection or cursor while the client is slow; a batch should be small (a page of rows).
 *
 * <p>A finite source (a month's results) ends with a {@link Batch#last last} batch. A live source (changes as they
 * are committed) answers {@link Batch#caughtUp caughtUp} when it has nothing more for now and calls the
 * {@code wake} it was {@link #open opened} with whenever there may be something new; the stream then asks again.
 */
public interface Source<T> {

    /** The next messages; called on a worker thread, one call at a time. */
    Batch<T> next();

    /** Called once before the first {@link #next()}; a live source subscribes to its news here. */
    default void open(Runnable wake) {
    }

    /** Called once when the stream ends, however it ends (completed, failed, cancelled, shut down). */
    default void close() {
    }

    /** This source's items turned into messages by {@code mapper} (domain rows into contract messages). */
    default <R> Source<R> map(Function<? super T, ? extends R> mapper) {
        Source<T> items = this;
        return new Source<>() {
            @Override
            public Batch<R> next() {
                Batch<T> batch = items.next();
                return new Batch<>(batch.items().stream().<R> map(mapper).toList(), batch.state());
            }

            @Override
            public void open(Runnable wake) {
                items.open(wake);
            }

            @Override
            public void close() {
                items.close();
            }
        };
    }

    /** Messages and where the source stands after them. */
    record Batch<T>(List<T> items, State state) {

        public enum State {
            /** More can be read now. */
            MORE,
            /** Nothing more now; ask again after a wake. */
            CAUGHT_UP,
            /** Nothing more ever: the stream completes after these items. */
            LAST
        }

        public static <T> Batch<T> more(List<T> items) {
            return new Batch<>(items, State.MORE);
        }

        public static <T> Batch<T> caughtUp(List<T> items) {
            return new Batch<>(items, State.CAUGHT_UP);
        }

        public static <T> Batch<T> last(List<T> items) {
            return new Batch<>(items, State.LAST);
        }
    }
}
