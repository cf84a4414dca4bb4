package bankrisk.platform.stream;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.platform.load.Load;
import bankrisk.platform.load.LoadSettings;
import io.grpc.Context;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The gRPC side of every client-streaming load, so that a load RPC is a few lines:
 *
 * <pre>
 * return loadCalls.receive(request, () -> balances.stream(actor),
 *         (chunk, load) -> chunk.getBalancesList().forEach(b -> load.accept((path, v) -> BalanceMapper.read(b, path, v))),
 *         BalanceMapper::toProto);
 * </pre>
 *
 * It opens the load when the call starts (the skeleton may refuse it: RESOURCE_EXHAUSTED), feeds it each message as it
 * arrives and lets the next one in ({@link InboundFlowControl}: at most a window of messages waits in memory), and
 * finishes it when the client half-closes. The load commits only if the call is still alive at that moment: a client
 * that half-closes and then cancels, or whose deadline passes during the merge, gets nothing committed. A stream
 * that sends no message for {@code bankrisk.load.idle-timeout} while the service waits for one ends with
 * DEADLINE_EXCEEDED; a failure, a cancel or a broken connection aborts the load. Every end rolls the load back
 * unless it committed, and gives its connection and its slot back.
 *
 * <p>The service must carry {@code @RegisterInterceptor(InboundFlowControl.class)} and {@code @Blocking} (messages are
 * read and staged on worker threads, one after the other).
 */
@ApplicationScoped
public class LoadCalls {

    private final Duration idleTimeout;
    private final ScheduledExecutorService clock;

    @Inject
    LoadCalls(LoadSettings settings) {
        this.idleTimeout = settings.idleTimeout();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "load-idle-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.clock = timer;
    }

    @PreDestroy
    void stop() {
        clock.shutdownNow();
    }

    /**
     * Receives one load call. Call it on the thread the call arrived on (it reads the call's context there).
     *
     * @param messages the call's request stream
     * @param open opens the domain's load (and may refuse it)
     * @param feed hands one message's rows to the load
     * @param answer the response for the load's result
     */
    public <M, L extends Load<T>, T, O> Uni<O> receive(Multi<M> messages, Supplier<L> open, BiConsumer<M, L> feed,
            Function<T, O> answer) {
        InboundFlowControl.Gate gate = InboundFlowControl.gate();
        Context call = Context.current();
        return Uni.createFrom().emitter(emitter -> new Receiver<>(messages, open, feed, answer, gate, call, emitter).start());
    }

    /** One call: its load, its subscription to the messages and its idle watch. Its lock orders every step. */
    private final class Receiver<M, L extends Load<T>, T, O> {

        private final Multi<M> messages;
        private final Supplier<L> open;
        private final BiConsumer<M, L> feed;
        private final Function<T, O> answer;
        private final InboundFlowControl.Gate gate;
        private final Context call;
        private final UniEmitter<? super O> emitter;
        private final long idleNanos = idleTimeout.toNanos();
        /** When the service began waiting for the client's next message; 0 while it works on one. */
        private volatile long waitingSince;
        private L load;
        private Cancellable upstream;
        private ScheduledFuture<?> idleWatch;
        private boolean done;

        Receiver(Multi<M> messages, Supplier<L> open, BiConsumer<M, L> feed, Function<T, O> answer,
                InboundFlowControl.Gate gate, Context call, UniEmitter<? super O> emitter) {
            this.messages = messages;
            this.open = open;
            this.feed = feed;
            this.answer = answer;
            this.gate = gate;
            this.call = call;
            this.emitter = emitter;
        }

        void start() {
            synchronized (this) {
                try {
                    load = open.get();
                } catch (RuntimeException refused) {
                    done = true;
                    emitter.fail(refused);
                    return;
                }
                // The caller went away (cancel, deadline, broken connection): abort on a worker, never on gRPC's thread.
                emitter.onTermination(() -> worker().execute(() -> end(null)));
                waitingSince = System.nanoTime();
                long tick = Math.max(10_000_000L, Math.min(1_000_000_000L, idleNanos / 10));
                idleWatch = clock.scheduleAtFixedRate(this::checkIdle, tick, tick, TimeUnit.NANOSECONDS);
            }
            Cancellable subscription = messages.subscribe().with(this::message, this::failed, this::completed);
            synchronized (this) {
                upstream = subscription;
                if (done) {
                    upstream.cancel(); // ended while subscribing (buffered messages are delivered at once)
                }
            }
        }

        private void message(M message) {
            synchronized (this) {
                if (done) {
                    return;
                }
                waitingSince = 0;
                try {
                    feed.accept(message, load);
                } catch (RuntimeException failure) {
                    end(failure);
                    return;
                }
                waitingSince = System.nanoTime();
            }
            gate.processed();
        }

        private void failed(Throwable failure) {
            end(failure);
        }

        private void completed() {
            synchronized (this) {
                if (done) {
                    return;
                }
                stopWatch();
                O response;
                try {
                    response = answer.apply(load.finish(() -> !call.isCancelled()));
                } catch (RuntimeException failure) {
                    end(failure);
                    return;
                }
                done = true;
                emitter.complete(response);
            }
        }

        private void checkIdle() {
            long since = waitingSince;
            if (since != 0 && System.nanoTime() - since >= idleNanos) {
                worker().execute(() -> {
                    synchronized (this) {
                        long now = waitingSince;
                        if (!done && now != 0 && System.nanoTime() - now >= idleNanos) {
                            end(Status.DEADLINE_EXCEEDED.withDescription("no message for " + idleTimeout.toSeconds()
                                    + " s while the service waited for one (bankrisk.load.idle-timeout): the load was rolled"
                                    + " back and nothing of it is stored").asRuntimeException());
                        }
                    }
                });
            }
        }

        /** Ends the call once: aborts the load, stops reading, and answers the failure (none when the caller left). */
        private synchronized void end(Throwable failure) {
            if (done) {
                return;
            }
            done = true;
            stopWatch();
            try {
                load.abort();
            } finally {
                if (upstream != null) {
                    upstream.cancel();
                }
                if (failure != null) {
                    emitter.fail(failure);
                }
            }
        }

        private void stopWatch() {
            waitingSince = 0;
            if (idleWatch != null) {
                idleWatch.cancel(false);
            }
        }
    }

    private static Executor worker() {
        return Infrastructure.getDefaultWorkerPool();
    }
}
