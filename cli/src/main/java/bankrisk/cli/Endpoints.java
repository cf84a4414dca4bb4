package bankrisk.cli;

import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** Where the services listen; options of the top command, defaults from environment variables. */
public record Endpoints(String tiering, String loanRisk, String provision, String provisionHttp) {

    /**
     * A plaintext channel to {@code host:port} that sends {@code credentials} with every call; the caller closes it
     * with {@link #close(ManagedChannel)}.
     */
    public static ManagedChannel channel(String target, Credentials credentials) {
        return ManagedChannelBuilder.forTarget(target)
                .usePlaintext()
                .intercept(credentials.interceptor())
                .maxInboundMessageSize(16 * 1024 * 1024)
                .build();
    }

    public static void close(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
