package bankrisk.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongFunction;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/** Client-streaming uploads with flow control (send only while the transport is ready), as a real loader would. */
final class Streams {

    private Streams() {
    }

    /**
     * Sends messages 0..count-1 made by {@code message} on one client stream opened by {@code call}, then waits for the
     * single response.
     */
    static <Q, R> R upload(Function<StreamObserver<R>, StreamObserver<Q>> call, long count, LongFunction<Q> message) throws Exception {
        CompletableFuture<R> result = new CompletableFuture<>();
        call.apply(new ClientResponseObserver<Q, R>() {
            private R response;
            private long next;
            private boolean finished;

            @Override
            public void beforeStart(ClientCallStreamObserver<Q> out) {
                out.setOnReadyHandler(() -> {
                    while (out.isReady() && !finished) {
                        if (next < count) {
                            out.onNext(message.apply(next++));
                        } else {
                            finished = true;
                            out.onCompleted();
                        }
                    }
                });
            }

            @Override
            public void onNext(R value) {
                response = value;
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                result.complete(response);
            }
        });
        return result.get(6, TimeUnit.HOURS);
    }
}
