package bankrisk.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Client streams driven step by step with grpc-java's own {@code ClientCall}, as a broken, slow or hostile client
 * drives them: send some messages, half-close, cancel, or simply stop sending, in any order the test needs.
 */
public final class ClientStreams {

    private ClientStreams() {
    }

    /** Starts a client stream of {@code method} with {@code headers} (e.g. a bearer token). */
    public static <Q, R> Stream<Q, R> start(Channel channel, MethodDescriptor<Q, R> method, Metadata headers) {
        return new Stream<>(channel.newCall(method, CallOptions.DEFAULT), headers);
    }

    /** The same with a deadline: the client gives up {@code deadline} after the start, wherever the stream is. */
    public static <Q, R> Stream<Q, R> start(Channel channel, MethodDescriptor<Q, R> method, Metadata headers, Duration deadline) {
        return new Stream<>(channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)),
                headers);
    }

    /** One client stream: its steps and how it ended. */
    public static final class Stream<Q, R> {

        private final ClientCall<Q, R> call;
        private final CompletableFuture<Status> closed = new CompletableFuture<>();
        private final CompletableFuture<R> response = new CompletableFuture<>();

        Stream(ClientCall<Q, R> call, Metadata headers) {
            this.call = call;
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onMessage(R message) {
                    response.complete(message);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.complete(status);
                }
            }, headers);
            call.request(1);
        }

        public Stream<Q, R> send(List<Q> messages) {
            messages.forEach(call::sendMessage);
            return this;
        }

        /** Ends the client's side: the server sees the end of the stream. */
        public Stream<Q, R> halfClose() {
            call.halfClose();
            return this;
        }

        /** Cancels the call, as a client whose user gave up or whose deadline passed does. */
        public Stream<Q, R> cancel() {
            call.cancel("the client gave up", null);
            return this;
        }

        /** How the call ended, waiting at most {@code wait}. */
        public Status status(Duration wait) {
            try {
                return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            } catch (ExecutionException | TimeoutException failure) {
                throw new AssertionError("the call did not end within " + wait, failure);
            }
        }

        /** The response, when the call ended OK (null otherwise). */
        public R response() {
            return response.getNow(null);
        }

        public boolean isClosed() {
            return closed.isDone();
        }
    }
}
