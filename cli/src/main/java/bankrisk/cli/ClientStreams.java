package bankrisk.cli;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/**
 * Sends a client stream with flow control: a message is written only when the transport is ready, so a file of
 * millions of rows passes in bounded memory. A failure while producing messages (a bad CSV line) cancels the call,
 * so the server stores nothing of it.
 */
public final class ClientStreams {

    private ClientStreams() {
    }

    public interface Sent {
        void accept(long messages);
    }

    public static <Q, R> R send(Function<StreamObserver<R>, StreamObserver<Q>> call, Iterator<Q> messages, Sent sent) {
        CompletableFuture<R> result = new CompletableFuture<>();
        @SuppressWarnings("unchecked")
        ClientCallStreamObserver<Q>[] requests = new ClientCallStreamObserver[1];
        ClientResponseObserver<Q, R> responses = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                requests[0] = requestStream;
            }

            @Override
            public void onNext(R value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                result.completeExceptionally(Status.INTERNAL.withDescription("no response").asRuntimeException());
            }
        };
        call.apply(responses);
        ClientCallStreamObserver<Q> out = requests[0];
        long count = 0;
        try {
            while (messages.hasNext()) {
                Q next = messages.next();
                while (!out.isReady() && !result.isDone()) {
                    LockSupport.parkNanos(200_000);
                }
                if (result.isDone()) {
                    break;
                }
                out.onNext(next);
                sent.accept(++count);
            }
        } catch (RuntimeException e) {
            out.cancel("client failed while sending", e);
            throw e;
        }
        if (!result.isDone()) {
            out.onCompleted();
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.cancel("interrupted", e);
            throw new CliException(ExitCodes.OTHER, "interrupted");
        }
    }
}
