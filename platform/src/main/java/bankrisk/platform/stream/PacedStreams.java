package bankrisk.platform.stream;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import bankrisk.api.error.GrpcErrors;
import bankrisk.common.error.ResourceExhaustedException;
import bankrisk.common.security.Identities;
import bankrisk.platform.security.Caller;
import bankrisk.platform.stream.OutboundFlowControl.Outbound;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Every server stream of a service, paced by its client (the one way to write one):
 * <ul>
 * <li>{@link #stream(Source)} / {@link #stream(StreamObserver, Source)}: data streams (a month's results, a
 * snapshot, a change feed). A batch is read from the source only when the client has taken the previous one, so a
 * client that stops reading holds the server in HTTP/2 flow control at one batch plus the transport's window of
 * memory, and holds no database connection. Each open one counts against its caller's limit
 * ({@code bankrisk.stream.max-per-caller}; beyond it RESOURCE_EXHAUSTED), callers compared as the identity provider
 * compares them ({@link Identities}).
 * <li>{@link #progress}: a job's progress reports; the job never waits for the client, a report not yet sent is
 * replaced by a newer one, the last always arrives.
 * </ul>
 * When the service shuts down, every open data stream ends at once with UNAVAILABLE (a client reconnects to another
 * instance and resumes), also when its client is not reading, so a paused client never holds up a SIGTERM.
 */
@ApplicationScoped
public class PacedStreams {

    private static final Logger LOG = Logger.getLogger(PacedStreams.class);

    /** An open data stream: whose, and how many messages it has handed to the transport. */
    public record OpenStream(String caller, long sent) {
    }

    private final Caller caller;
    private final int maxPerCaller;
    private final Map<String, Integer> openByCaller = new ConcurrentHashMap<>();
    private final Map<Pump<?>, String> live = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    @Inject
    PacedStreams(Caller caller, @ConfigProperty(name = "bankrisk.stream.max-per-caller", defaultValue = "8") int maxPerCaller) {
        if (maxPerCaller < 1) {
            throw new IllegalArgumentException("bankrisk.stream.max-per-caller must be at least 1");
        }
        this.caller = caller;
        this.maxPerCaller = maxPerCaller;
    }

    /**
     * The current call's server stream (Mutiny stubs) of {@code source}'s messages. Call it on the thread the method
     * was called on; a caller over its limit gets RESOURCE_EXHAUSTED and {@code source} is never opened.
     */
    public <T> Multi<T> stream(Source<T> source) {
        Outbound outbound = OutboundFlowControl.current();
        String who = caller.name();
        admit(who);
        return Multi.createFrom().emitter(emitter -> {
            Pump<T> pump = register(who, source, new EmitterOutlet<>(emitter, outbound));
            outbound.onReady(pump::drain);
            outbound.onEnd(pump::cancel);
            emitter.onTermination(pump::cancel);
            start(pump);
        });
    }

    /** The same for a service written against grpc-java's observer API. */
    public <T> void stream(StreamObserver<T> observer, Source<T> source) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
        String who;
        try {
            who = caller.name();
            admit(who);
        } catch (RuntimeException refused) {
            observer.onError(GrpcErrors.toStatusException(refused));
            return;
        }
        Pump<T> pump = register(who, source, new ObserverOutlet<>(call));
        call.setOnReadyHandler(pump::drain);
        call.setOnCancelHandler(pump::cancel);
        start(pump);
    }

    /**
     * The current call's progress stream (Mutiny stubs): {@code job} runs when the stream is subscribed to (on the
     * subscribing thread; add {@code runSubscriptionOn} to move it) and reports to its {@link ProgressEmitter}. Call
     * it on the thread the method was called on.
     */
    public <T> Multi<T> progress(Consumer<ProgressEmitter<T>> job) {
        Outbound outbound = OutboundFlowControl.current();
        return Multi.createFrom().<T> emitter(emitter -> {
            LatestProgress<T> progress = new LatestProgress<>(new EmitterOutlet<>(emitter, outbound));
            outbound.onReady(progress::flush);
            outbound.onEnd(progress::cancelled);
            emitter.onTermination(() -> {
                if (emitter.isCancelled()) {
                    progress.cancelled();
                }
            });
            try {
                job.accept(progress);
            } catch (RuntimeException failure) {
                progress.fail(failure);
            }
        });
    }

    /** The data streams open now (operations and tests). */
    public List<OpenStream> open() {
        return live.entrySet().stream().map(e -> new OpenStream(e.getValue(), e.getKey().sent())).toList();
    }

    void shutdown(@Observes ShutdownEvent event) {
        shuttingDown = true;
        if (!live.isEmpty()) {
            LOG.infof("Ending %d open server streams with UNAVAILABLE: the service is shutting down", live.size());
        }
        live.keySet().forEach(pump -> pump.close(shuttingDownStatus()));
    }

    private <T> Pump<T> register(String who, Source<T> source, Outlet<T> outlet) {
        String key = Identities.key(who);
        Pump<T> pump = new Pump<>(source, outlet, worker(), ended -> {
            live.remove(ended);
            release(key);
        });
        live.put(pump, who);
        return pump;
    }

    private void start(Pump<?> pump) {
        if (shuttingDown) {
            pump.close(shuttingDownStatus());
        }
        pump.start();
    }

    private void admit(String who) {
        String key = Identities.key(who);
        openByCaller.compute(key, (k, open) -> {
            int now = open == null ? 0 : open;
            if (now >= maxPerCaller) {
                throw new ResourceExhaustedException("bankrisk.stream.max-per-caller",
                        who + " already has " + now + " open server streams on this instance (the limit); end one first");
            }
            return now + 1;
        });
    }

    private void release(String key) {
        openByCaller.computeIfPresent(key, (k, open) -> open <= 1 ? null : open - 1);
    }

    private static RuntimeException shuttingDownStatus() {
        return Status.UNAVAILABLE.withDescription("the service instance is shutting down; reconnect to resume").asRuntimeException();
    }

    private static Executor worker() {
        return Infrastructure.getDefaultWorkerPool();
    }

    private record EmitterOutlet<T>(MultiEmitter<? super T> emitter, Outbound outbound) implements Outlet<T> {

        @Override
        public boolean isReady() {
            return outbound.isReady();
        }

        @Override
        public void send(T message) {
            emitter.emit(message);
        }

        @Override
        public void complete() {
            emitter.complete();
        }

        @Override
        public void fail(Throwable failure) {
            if (!emitter.isCancelled()) { // a stream its client has left has nobody to tell
                emitter.fail(failure);
            }
        }
    }

    private record ObserverOutlet<T>(ServerCallStreamObserver<T> call) implements Outlet<T> {

        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public void send(T message) {
            call.onNext(message);
        }

        @Override
        public void complete() {
            call.onCompleted();
        }

        @Override
        public void fail(Throwable failure) {
            call.onError(GrpcErrors.toStatusException(failure));
        }
    }
}
