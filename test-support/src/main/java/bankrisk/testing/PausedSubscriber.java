package bankrisk.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;

/**
 * The client of a server stream that reads only when told to, as a subscriber whose consumer is stuck would: it asks
 * its transport for no message until {@link #read(int)}, so the server's messages fill the client's HTTP/2 window
 * and then wait on the server. Use it over {@link #channel(int)}, whose window is fixed and small (64 KiB; grpc-java
 * would otherwise grow it as it measures the connection), so a test knows how much the transport can hold.
 */
public final class PausedSubscriber<R> extends ClientCall.Listener<R> implements AutoCloseable {

    /** The HTTP/2 window of {@link #channel(int)}. */
    public static final int WINDOW = 64 * 1024;

    private final ClientCall<?, R> call;
    private final List<R> received = new ArrayList<>();
    private final CompletableFuture<StatusRuntimeException> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> admitted = new CompletableFuture<>();

    private PausedSubscriber(ClientCall<?, R> call) {
        this.call = call;
    }

    /** A plaintext channel to {@code localhost:port} with a fixed window of {@link #WINDOW} bytes. */
    public static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("localhost", port).usePlaintext().flowControlWindow(WINDOW).build();
    }

    /** Sends {@code request} as {@code subject} with {@code roles} and reads nothing yet. */
    public static <Q, R> PausedSubscriber<R> open(Channel channel, MethodDescriptor<Q, R> method, Q request, String subject,
            String... roles) {
        ClientCall<Q, R> call = channel.newCall(method, CallOptions.DEFAULT);
        PausedSubscriber<R> subscriber = new PausedSubscriber<>(call);
        Metadata headers = new Metadata();
        headers.put(TestTokens.AUTHORIZATION, "Bearer " + TestTokens.token(subject, roles));
        call.start(subscriber, headers);
        call.sendMessage(request);
        call.halfClose();
        return subscriber;
    }

    /** Lets {@code messages} more in. */
    public void read(int messages) {
        call.request(messages);
    }

    /** The messages read so far. */
    public synchronized List<R> received() {
        return List.copyOf(received);
    }

    /** Whether the call has ended (and how, from {@link #awaitClose}). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** How the call ended (its status and trailers, also for OK), waiting at most {@code timeout}. */
    public StatusRuntimeException awaitClose(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Waits until {@code count} messages have been read (after {@link #read(int)}); fails on timeout or an early end. */
    public List<R> awaitReceived(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received().size() < count) {
            if (closed.isDone()) {
                throw new AssertionError("the stream ended (" + closed.join().getStatus() + ") after " + received().size() + " of "
                        + count + " messages");
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(received().size() + " of " + count + " messages within " + timeout);
            }
            Thread.sleep(10);
        }
        return received();
    }

    /**
     * Waits until the server has started the stream (sent its headers: the call was admitted); fails when the call
     * ended without (refused) or on timeout.
     */
    public void awaitAdmitted(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            CompletableFuture.anyOf(admitted, closed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        if (!admitted.isDone()) {
            throw new AssertionError("the stream was refused: " + closed.join().getStatus());
        }
    }

    @Override
    public void onHeaders(Metadata headers) {
        admitted.complete(null);
    }

    @Override
    public synchronized void onMessage(R message) {
        received.add(message);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        closed.complete(status.asRuntimeException(trailers));
    }

    /** Cancels the call (the subscriber goes away). */
    @Override
    public void close() {
        call.cancel("the subscriber left", null);
    }
}
