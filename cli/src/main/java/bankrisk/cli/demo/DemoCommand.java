package bankrisk.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import bank.provision.v1.ProvisionRun;
import bank.tiering.v1.TierDistribution;
import bankrisk.cli.BankRiskCommand;
import bankrisk.cli.CliException;
import bankrisk.cli.Credentials;
import bankrisk.cli.Endpoints;
import bankrisk.cli.ExitCodes;
import bankrisk.cli.Operations;
import bankrisk.cli.Progress;
import bankrisk.cli.Summaries;
import bankrisk.cli.Uploads;
import bankrisk.common.db.ServiceLogins;
import bankrisk.common.security.Roles;
import bankrisk.common.security.TokenSigner;
import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job in one command: PostgreSQL, the three services, a generated sample bank, the month-end runs, the
 * finance reports and a summary; everything it started is stopped at the end, on failure and on Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start PostgreSQL (DEMO_DB_URL / PGHOST, else embedded) and the three services, load a generated sample bank, "
                + "evaluate tiers, classify loans, provision with PBOC-2002, write the reports and print a summary.")
public class DemoCommand implements Callable<Integer> {

    static final String[] SERVICES = { "tiering-service", "loan-risk-service", "provision-service" };

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "reports", description = "Folder for the reports, sample CSVs and service logs (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--home", defaultValue = "${env:BANKRISK_HOME:-.}", description = "The repository, where <service>/target/quarkus-app is (default ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--month", description = "Month to evaluate, yyyy-mm (default: the last complete month by the bank's clock, Asia/Shanghai).")
    String month;

    @Option(names = "--customers", defaultValue = "2000", description = "Retail customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--loans", defaultValue = "3000", description = "Loans (default ${DEFAULT-VALUE}).")
    int loans;

    @Option(names = "--seed", defaultValue = "20261031", description = "Seed of the sample bank (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--policy", defaultValue = "PBOC-2002", description = "Provisioning policy (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--base-port", defaultValue = "${env:DEMO_BASE_PORT:-0}",
            description = "First of the ports to use (services at +0..+5, embedded PostgreSQL at +6); 0 = free ports (default).")
    int basePort;

    @Option(names = "--db-url", defaultValue = "${env:DEMO_DB_URL}",
            description = "PostgreSQL server for the demo databases, jdbc:postgresql://host:port/ (env DEMO_DB_URL; PGHOST/PGPORT also work); "
                    + "unset = embedded PostgreSQL.")
    String dbUrl;

    private static final String DEMO_ISSUER = "bankrisk";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Credentials credentials;

    @Override
    public Integer call() throws Exception {
        if (customers < 1 || loans < 10) {
            throw new CliException(ExitCodes.USAGE, "--customers must be at least 1 and --loans at least 10");
        }
        long t0 = System.nanoTime();
        PrintWriter stdout = BankRiskCommand.out(spec);
        Progress progress = BankRiskCommand.progress(spec);
        YearMonth m = month != null ? BankRiskCommand.month(month)
                : BankRiskCommand.previousMonth(Clock.systemUTC());
        Thread hook = new Thread(this::stopAll, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoDatabase db = database(progress);
            Map<String, ServiceProcess> svc = startServices(db, progress);
            credentials = demoCredentials();

            SampleBank bank = new SampleBank(m, customers, loans, seed);
            SampleBank.Files3 files = bank.write(out.resolve("sample"));
            progress.done(String.format("sample bank (seed %d): %,d customers, %,d balance rows for %s, %,d loans as of %s -> %s", seed,
                    customers, files.balanceRows(), m, loans, bank.asOf, out.resolve("sample")));

            ManagedChannel tiering = channel(svc.get("tiering-service").grpcTarget());
            ManagedChannel loanRisk = channel(svc.get("loan-risk-service").grpcTarget());
            ManagedChannel provision = channel(svc.get("provision-service").grpcTarget());

            Uploads.fxRates(tiering, files.fxRates(), progress);
            Uploads.balances(tiering, files.balances(), 5000, progress);
            Uploads.loanFacts(loanRisk, files.loans(), Uploads.LOAN_ROWS_PER_STREAM, progress);

            Operations.evaluate(tiering, m, false, progress);
            TierDistribution distribution = Operations.distribution(tiering, m);
            var snapshot = Operations.classify(loanRisk, bank.asOf, "demo", progress);
            ProvisionRun run = Operations.provision(provision, bank.asOf, policy, 0, progress);

            String http = svc.get("provision-service").httpBase();
            Path[] reports = new Path[Operations.Format.values().length];
            for (Operations.Format f : Operations.Format.values()) {
                reports[f.ordinal()] = Operations.fetchReport(http, credentials, run.getRunId(), f,
                        out.resolve("provision-run-" + run.getRunId() + "-" + bank.asOf + "." + f.name()));
            }
            progress.done("reports written");

            stdout.println();
            stdout.println("=== Sample bank, " + m + " (as of " + bank.asOf + ") ===");
            stdout.print(Summaries.tierDistribution(distribution));
            stdout.println();
            stdout.print(Summaries.snapshot(Operations.snapshotSummary(loanRisk, snapshot.getSnapshotId())));
            stdout.println();
            stdout.print(Summaries.provisionRun(run));
            stdout.println();
            stdout.println("Reports:");
            for (Path p : reports) {
                stdout.printf("  %s (%,d bytes)%n", p, java.nio.file.Files.size(p));
            }
            stdout.printf("Service logs: %s; sample CSVs: %s%n", out.resolve("logs"), out.resolve("sample"));
            stdout.printf("Done in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
            stdout.flush();
            return ExitCodes.OK;
        } finally {
            stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private DemoDatabase database(Progress progress) {
        String url = dbUrl;
        String user = firstSet(System.getenv("DEMO_DB_USER"), System.getenv("PGUSER"), "postgres");
        String password = firstSet(System.getenv("DEMO_DB_PASSWORD"), System.getenv("PGPASSWORD"), "");
        if ((url == null || url.isBlank()) && System.getenv("PGHOST") != null && !System.getenv("PGHOST").isBlank()) {
            url = "jdbc:postgresql://" + System.getenv("PGHOST") + ":" + firstSet(System.getenv("PGPORT"), "5432") + "/";
        }
        progress.update(url == null || url.isBlank() ? "starting embedded PostgreSQL" : "connecting to " + url, 0, -1);
        DemoDatabase db = url == null || url.isBlank() ? DemoDatabase.embedded(port(6)) : DemoDatabase.external(url, user, password);
        register(db);
        progress.done("database: " + db.describe());
        return db;
    }

    private Map<String, ServiceProcess> startServices(DemoDatabase db, Progress progress) throws IOException, InterruptedException {
        Map<String, ServiceProcess> services = new HashMap<>();
        String[] databases = { "tiering_demo", "loan_risk_demo", "provision_demo" };
        int[][] ports = new int[SERVICES.length][];
        for (int i = 0; i < SERVICES.length; i++) {
            ports[i] = new int[] { port(2 * i), port(2 * i + 1) };
        }
        for (int i = 0; i < SERVICES.length; i++) {
            Map<String, String> env = new HashMap<>();
            // Each service with its two logins, as in a deployment: its own, and the schema owner's for migrations.
            ServiceLogins logins = ServiceLogins.local(databases[i]);
            env.put("DB_URL", db.recreate(databases[i], logins, home));
            env.putAll(logins.environment());
            env.put("DB_POOL_MAX", "8");
            // The demo trusts the repository's sample key and signs its own calls with it (never in a deployment).
            env.put("JWT_PUBLIC_KEY_LOCATION", devKey("jwt-public.pem"));
            env.put("JWT_ISSUER", DEMO_ISSUER);
            env.put("SERVICE_TOKEN_KEY_LOCATION", devKey("jwt-private.pem"));
            if (SERVICES[i].equals("provision-service")) {
                env.put("TIERING_GRPC_HOST", "127.0.0.1");
                env.put("TIERING_GRPC_PORT", Integer.toString(ports[0][1]));
                env.put("LOAN_RISK_GRPC_HOST", "127.0.0.1");
                env.put("LOAN_RISK_GRPC_PORT", Integer.toString(ports[1][1]));
            }
            ServiceProcess p = ServiceProcess.start(home, SERVICES[i], ports[i][0], ports[i][1], env, out.resolve("logs"));
            register(p);
            services.put(SERVICES[i], p);
        }
        int ready = 0;
        for (String name : SERVICES) {
            progress.update("starting services", ready, SERVICES.length);
            services.get(name).awaitReady(Duration.ofSeconds(180));
            ready++;
        }
        StringBuilder where = new StringBuilder("services ready:");
        for (String name : SERVICES) {
            ServiceProcess p = services.get(name);
            where.append(String.format(" %s grpc %d http %d;", name, p.grpcPort, p.httpPort));
        }
        progress.done(where.toString());
        return services;
    }

    private String devKey(String file) {
        return home.resolve("deploy").resolve("dev-keys").resolve(file).toAbsolutePath().toString();
    }

    /** The demo acts as one person holding the roles of each step, and says why in every audit log. */
    private Credentials demoCredentials() {
        String token = TokenSigner.fromPem(Path.of(devKey("jwt-private.pem")), DEMO_ISSUER)
                .sign("demo", List.of(Roles.TIER_ADMIN, Roles.RISK_OFFICER, Roles.FINANCE), Duration.ofHours(2));
        return new Credentials(token, "bankrisk demo run");
    }

    private ManagedChannel channel(String target) {
        ManagedChannel c = Endpoints.channel(target, credentials);
        register(() -> Endpoints.close(c));
        return c;
    }

    private int port(int offset) {
        if (basePort > 0) {
            return basePort + offset;
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "no free port: " + e.getMessage());
        }
    }

    private synchronized void register(AutoCloseable resource) {
        started.push(resource);
    }

    /** Stops everything started, newest first (channels, then services, then the database). Runs once per resource. */
    private synchronized void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("warning: while stopping: " + e.getMessage());
            }
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
