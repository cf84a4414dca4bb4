package bankrisk.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The client side of a call: collects the messages it receives and how it ended; when the first message that
 * matches {@code trigger} arrives, runs {@code action} on a thread of its own (another call, a SIGKILL) without
 * holding up the stream.
 */
final class StreamCall<T> implements StreamObserver<T> {

    /** Completes with every message when the call ends normally, exceptionally with its failure. */
    final CompletableFuture<List<T>> done = new CompletableFuture<>();
    /** Completes when the action has run. */
    final CompletableFuture<Void> acted = new CompletableFuture<>();

    private final List<T> received = new ArrayList<>();
    private final Predicate<T> trigger;
    private final Consumer<T> action;
    private boolean triggered;

    private StreamCall(Predicate<T> trigger, Consumer<T> action) {
        this.trigger = trigger;
        this.action = action;
    }

    static <T> StreamCall<T> collecting() {
        return new StreamCall<>(message -> false, message -> { });
    }

    static <T> StreamCall<T> onFirst(Consumer<T> action) {
        return new StreamCall<>(message -> true, action);
    }

    static <T> StreamCall<T> when(Predicate<T> trigger, Consumer<T> action) {
        return new StreamCall<>(trigger, action);
    }

    /**
     * Waits until the action has run; fails at once, saying how the call ended, when the call ended without the
     * trigger message (a run refused or failed before it got under way).
     */
    void awaitAction(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acted.isDone()) {
            if (done.isDone() && !triggered()) {
                throw new AssertionError("the call ended before the message the test waited for: " + outcome());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no message the test waited for within " + timeout + "; received " + received());
            }
            Thread.sleep(10);
        }
        acted.get();
    }

    private synchronized boolean triggered() {
        return triggered;
    }

    private String outcome() {
        try {
            return "completed after " + done.getNow(List.of());
        } catch (CompletionException failed) {
            return Status.fromThrowable(failed.getCause()).toString();
        }
    }

    /**
     * Waits for the call to end and returns the status it failed with; an {@link AssertionError} when it completed
     * normally.
     */
    Status failure(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            return Status.fromThrowable(failed.getCause());
        }
        throw new AssertionError("the call completed normally after " + received());
    }

    /** The messages received so far (also after a failure). */
    synchronized List<T> received() {
        return List.copyOf(received);
    }

    @Override
    public synchronized void onNext(T message) {
        received.add(message);
        if (!triggered && trigger.test(message)) {
            triggered = true;
            CompletableFuture.runAsync(() -> action.accept(message)).whenComplete((ok, failure) -> {
                if (failure == null) {
                    acted.complete(null);
                } else {
                    acted.completeExceptionally(failure);
                }
            });
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public synchronized void onCompleted() {
        done.complete(List.copyOf(received));
    }
}
