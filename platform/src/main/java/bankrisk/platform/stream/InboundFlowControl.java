package bankrisk.platform.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Bounds how many messages of a client stream a server holds at once. Quarkus's Mutiny stubs ask the transport for
 * the next message as soon as one is handed over, so a fast client fills the heap while the service is still
 * writing to the database. With this interceptor on a service, at most {@code window} messages are requested and
 * not yet processed; the service method reports each message it is done with through {@link Gate#processed()} (on
 * any thread), which lets the next one in. Meanwhile the client waits in HTTP/2 flow control.
 *
 * <p>Register it with {@code @RegisterInterceptor(InboundFlowControl.class)} only on a service whose every
 * client-streaming method reports {@code processed()}: a stream that never does stops after {@code window}
 * messages. Unary and server-streaming calls pass straight through (they get the open gate).
 */
@ApplicationScoped
public class InboundFlowControl implements ServerInterceptor {

    private static final Context.Key<Gate> GATE = Context.key("bankrisk-inbound-gate");

    private final int window;

    @Inject
    public InboundFlowControl(@ConfigProperty(name = "bankrisk.grpc.inbound-window", defaultValue = "4") int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.window = window;
    }

    /**
     * The gate of the current call; take it on the thread that assembles the stream pipeline (the gRPC thread). A call
     * without this interceptor gets a gate that holds nothing back.
     */
    public static Gate gate() {
        Gate gate = GATE.get();
        return gate != null ? gate : Gate.OPEN;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getType().clientSendsOneMessage()) {
            return next.startCall(call, headers); // nothing to bound: no gate, no context, nothing allocated
        }
        Gate gate = new Gate(call, window);
        ServerCall<Q, R> gated = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void request(int messages) {
                gate.requested(messages);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(GATE, gate), gated, headers, next);
    }

    /** Messages requested from the transport and not yet processed, and the requests held back beyond the window. */
    public static final class Gate {

        static final Gate OPEN = new Gate(null, Integer.MAX_VALUE);

        private final ServerCall<?, ?> call;
        private final int window;
        private int outstanding;
        private long deferred;

        Gate(ServerCall<?, ?> call, int window) {
            this.call = call;
            this.window = window;
        }

        /** The service is done with one message: a held-back request goes through. */
        public void processed() {
            if (call == null) {
                return;
            }
            boolean release;
            synchronized (this) {
                outstanding--;
                release = deferred > 0;
                if (release) {
                    deferred--;
                    outstanding++;
                }
            }
            if (release) {
                call.request(1); // ServerCall.request may be called from any thread
            }
        }

        /** Messages requested and not yet processed. */
        public synchronized int outstanding() {
            return outstanding;
        }

        void requested(int messages) {
            int now;
            synchronized (this) {
                now = Math.max(0, Math.min(messages, window - outstanding));
                outstanding += now;
                deferred += messages - now;
            }
            if (now > 0) {
                call.request(now);
            }
        }
    }
}
