package bankrisk.tiering.grpc;

import java.util.function.Supplier;

import io.grpc.Context;

/**
 * The gRPC context of a call, captured on the thread that received it, made current again around work that runs
 * on another thread (a stream's last chunk, a month-end run): the change reason the audit log records lives in
 * it, and gRPC keeps it per thread.
 */
final class CallContext {

    private final Context context = Context.current();

    <T> T get(Supplier<T> work) {
        Context previous = context.attach();
        try {
            return work.get();
        } finally {
            context.detach(previous);
        }
    }

    void run(Runnable work) {
        get(() -> {
            work.run();
            return null;
        });
    }
}
