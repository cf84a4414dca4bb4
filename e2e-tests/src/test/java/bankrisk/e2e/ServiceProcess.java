package bankrisk.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * One packaged service started as an operator would ({@code java -jar <service>/target/quarkus-app/quarkus-run.jar})
 * with its configuration in environment variables, its output in {@code target/e2e-logs/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final int grpcPort;
    private final Process process;
    private final Path log;
    private ManagedChannel channel;

    private ServiceProcess(String name, int httpPort, int grpcPort, Process process, Path log) {
        this.name = name;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code module}'s packaged jar; {@link #awaitReady()} waits for its readiness probe. */
    public static ServiceProcess start(String name, String module, int httpPort, int grpcPort, String database,
            Map<String, String> extraEnvironment) throws IOException {
        Path jar = E2eSettings.repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -pl e2e-tests -am verify)");
        }
        Path logs = E2eSettings.logDirectory();
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DB_URL", E2eSettings.jdbcUrl(database));
        env.put("DB_USER", E2eSettings.DB_USER);
        env.put("DB_PASSWORD", "");
        env.put("DB_POOL_MAX", "8");
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("GRPC_PORT", Integer.toString(grpcPort));
        env.putAll(extraEnvironment);
        return new ServiceProcess(name, httpPort, grpcPort, builder.start(), log);
    }

    /** Polls {@code /q/health/ready} until it answers 200 (database reachable, migrations done). */
    public ServiceProcess awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(httpBase() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + READY_TIMEOUT + ":\n" + logTail());
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** One plaintext channel per process, as a client in another service would hold it. */
    public synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        }
        return channel;
    }

    public byte[] download(String path) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(httpBase() + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (graceful shutdown), then a kill if the process has not gone after 35 s. */
    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
        process.destroy();
        try {
            if (!process.waitFor(35, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
