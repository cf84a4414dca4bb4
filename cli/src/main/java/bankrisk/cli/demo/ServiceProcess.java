package bankrisk.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import bankrisk.cli.CliException;
import bankrisk.cli.ExitCodes;

/** One service started as a child process ({@code java -jar <svc>/target/quarkus-app/quarkus-run.jar}). */
final class ServiceProcess implements AutoCloseable {

    final String name;
    final int httpPort;
    final int grpcPort;
    final Path log;
    private final Process process;

    private ServiceProcess(String name, int httpPort, int grpcPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(Path home, String name, int httpPort, int grpcPort, Map<String, String> env, Path logDir)
            throws IOException {
        Path jar = home.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new CliException(ExitCodes.USAGE, jar + " is missing: build the services first (./run.sh does: ./mvnw -DskipTests package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString()));
        pb.environment().putAll(env);
        pb.environment().put("HTTP_PORT", Integer.toString(httpPort));
        pb.environment().put("GRPC_PORT", Integer.toString(grpcPort));
        pb.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        return new ServiceProcess(name, httpPort, grpcPort, log, pb.start());
    }

    String grpcTarget() {
        return "127.0.0.1:" + grpcPort;
    }

    String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Waits until /q/health/ready answers 200 (Flyway has migrated, the DB and gRPC checks are up). */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(httpBase() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new CliException(ExitCodes.OTHER, name + " stopped with exit code " + process.exitValue() + "; last lines of " + log
                        + ":\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new CliException(ExitCodes.UNAVAILABLE, name + " not ready after " + timeout.toSeconds() + " s; see " + log + ":\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (graceful: in-flight calls finish), then a hard kill after 20 s. Safe to call twice. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
