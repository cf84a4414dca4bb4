package bankrisk.platform.stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Lets the method serving a server stream see its transport: whether the client has room for another message now
 * ({@code isReady}) and when it has again ({@code onReady}), and when the call ends. Quarkus's Mutiny stubs
 * subscribe to the {@code Multi} a method returns with unbounded demand and write each item at once
 * (quarkusio/quarkus#46475), so without this a client that stops reading makes the server buffer everything it
 * sends. {@link PacedStreams} reads it; unary and client-streaming calls pass straight through.
 *
 * <p>Global, so no service can forget it: a server stream built by {@link PacedStreams} needs it.
 */
@GlobalInterceptor
@ApplicationScoped
public class OutboundFlowControl implements ServerInterceptor {

    private static final Context.Key<Outbound> OUTBOUND = Context.key("bankrisk-outbound");

    /** The transport of the current server-streaming call; take it on the thread the method was called on. */
    static Outbound current() {
        Outbound outbound = OUTBOUND.get();
        if (outbound == null) {
            throw new IllegalStateException("not a server-streaming gRPC call, or OutboundFlowControl is not installed");
        }
        return outbound;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getType().serverSendsOneMessage()) {
            return next.startCall(call, headers);
        }
        Outbound outbound = new Outbound(call);
        ServerCall.Listener<Q> listener = Contexts.interceptCall(Context.current().withValue(OUTBOUND, outbound), call, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onReady() {
                try {
                    super.onReady();
                } finally {
                    outbound.ready();
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    outbound.ended();
                }
            }

            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    outbound.ended();
                }
            }
        };
    }

    /** One server-streaming call's transport. */
    static final class Outbound {

        private final ServerCall<?, ?> call;
        private volatile Runnable onReady = () -> {
        };
        private volatile Runnable onEnd = () -> {
        };

        Outbound(ServerCall<?, ?> call) {
            this.call = call;
        }

        boolean isReady() {
            return call.isReady();
        }

        void onReady(Runnable handler) {
            onReady = handler;
        }

        void onEnd(Runnable handler) {
            onEnd = handler;
        }

        private void ready() {
            onReady.run();
        }

        private void ended() {
            onEnd.run();
        }
    }
}
