package bankrisk.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import bankrisk.common.db.ServiceLogins;
import bankrisk.testing.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * One packaged service started as an operator would ({@code java -jar <service>/target/quarkus-app/quarkus-run.jar})
 * with its configuration in environment variables, its output in {@code target/e2e-logs/<name>.log}. Every service
 * runs with authentication configured: it trusts tokens signed with the repository's sample key
 * ({@code deploy/dev-keys}, issuer {@code bankrisk}) and signs its own calls to the other services with that key.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final int grpcPort;
    private final ProcessBuilder launch;
    private final Process process;
    private final Path log;
    private ManagedChannel channel;

    private ServiceProcess(String name, int httpPort, int grpcPort, ProcessBuilder launch, Path log) throws IOException {
        this.name = name;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.launch = launch;
        this.process = launch.start();
        this.log = log;
    }

    /**
     * Starts {@code module}'s packaged jar against {@code database} on the suite's PostgreSQL ({@code DB_URL} in
     * {@code extraEnvironment} points it elsewhere); {@link #awaitReady()} waits for its readiness probe.
     */
    public static ServiceProcess start(String name, String module, int httpPort, int grpcPort, String database,
            Map<String, String> extraEnvironment) throws IOException {
        return start(name, module, httpPort, grpcPort, database, extraEnvironment, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    }

    /** The same with the JVM options given (e.g. the pods' {@code -Xmx256m -XX:+UseSerialGC}). */
    public static ServiceProcess start(String name, String module, int httpPort, int grpcPort, String database,
            Map<String, String> extraEnvironment, List<String> jvmOptions) throws IOException {
        Path jar = E2eSettings.repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -pl e2e-tests -am verify)");
        }
        Path logs = E2eSettings.logDirectory();
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        // The JVM itself, not a shell or launcher script: kill() must hit the process that holds the connections.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DB_URL", E2eSettings.jdbcUrl(database));
        env.putAll(ServiceLogins.local(database).environment());
        env.put("DB_POOL_MAX", "8");
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("GRPC_PORT", Integer.toString(grpcPort));
        env.put("JWT_PUBLIC_KEY_LOCATION", TestTokens.publicKey().toString());
        env.put("JWT_ISSUER", TestTokens.ISSUER);
        env.put("SERVICE_TOKEN_KEY_LOCATION", TestTokens.privateKey().toString());
        env.putAll(extraEnvironment);
        return new ServiceProcess(name, httpPort, grpcPort, builder, log);
    }

    /**
     * Starts the same service again (same jar, ports and environment) after this process has gone, appending to
     * the same log; {@link #awaitReady()} waits for it.
     */
    public ServiceProcess restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        close();
        Files.writeString(log, "\n===== restarted by the test =====\n", StandardOpenOption.APPEND);
        return new ServiceProcess(name, httpPort, grpcPort, launch.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())), log);
    }

    /**
     * SIGKILL, as the kernel's OOM killer or a node failure would end it: no shutdown hook, no graceful drain, the
     * database sessions dropped by the kernel. Returns once the process is gone; the client channel stays open, so
     * calls in flight see what a real client sees.
     */
    public void kill() {
        String command = process.info().command().orElse("");
        if (!command.endsWith("/java")) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") is " + command + ", not the JVM");
        }
        process.destroyForcibly(); // SIGKILL on Unix
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to die", e);
        }
    }

    /**
     * SIGTERM, as Kubernetes sends it when a pod is stopped; returns how long the JVM took to exit (a kill follows
     * after {@code patience}, and the test fails).
     */
    public Duration terminate(Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not exit within " + patience + " of SIGTERM:\n" + logTail());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The JVM's process id (for jcmd and /proc). */
    public long pid() {
        return process.pid();
    }

    /** The status {@code /q/health/ready} answers now, or -1 when nothing answers on the HTTP port. */
    public int readiness() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(httpBase() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }

    /** Polls {@code /q/health/ready} until it answers 200 (database reachable, migrations done). */
    public ServiceProcess awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            if (readiness() == 200) {
                return this;
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

    /** GET {@code path} with the {@code Authorization} header given; fails unless it answers 200. */
    public byte[] download(String path, String authorization) throws Exception {
        HttpResponse<byte[]> response = get(path, authorization);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body();
    }

    /** GET {@code path}, with the {@code Authorization} header when it is not null. */
    public HttpResponse<byte[]> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(httpBase() + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
