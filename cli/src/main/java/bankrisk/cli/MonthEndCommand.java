package bankrisk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunStepRequest;
import bankrisk.common.security.Roles;
import bankrisk.common.security.TokenSigner;
import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The month end as one job: tiers of the month, five categories of its last day, provisioning, submission for
 * approval — in that order, each step idempotent on the services' side (a month already evaluated, a snapshot that
 * exists, a run with the same inputs are reused), so a re-run after a failure continues where it stopped. The job
 * only submits: approval and posting stay with people (four eyes).
 */
@Command(name = "month-end", mixinStandardHelpOptions = true,
        description = { "Run the month end: tiers evaluate, loans classify (last day), provision run, provision submit.",
                "Idempotent: re-run it after a failure. Last line month=… snapshot_id=… run_id=N status=…" })
public class MonthEndCommand implements Callable<Integer> {

    /** What the job's own token may do: the three steps' roles, nothing more (no approver role). */
    static final List<String> JOB_ROLES = List.of(Roles.TIER_ADMIN, Roles.RISK_OFFICER, Roles.FINANCE);

    @Spec
    CommandSpec spec;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM|previous",
            description = "The month; 'previous' = the last complete month by the bank's clock (Asia/Shanghai), for schedulers.")
    String month;

    @Option(names = "--policy", defaultValue = "PBOC-2002", description = "Provisioning policy code (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--policy-version", defaultValue = "0", description = "Policy version; 0 = latest (default).")
    int policyVersion;

    @Option(names = "--signing-key", paramLabel = "PEM", defaultValue = "${env:BANKRISK_SIGNING_KEY}",
            description = { "The job's own identity: sign a 1-hour token with this PKCS#8 private key (env BANKRISK_SIGNING_KEY) instead of --token;",
                    "its public key must be in the services' JWKS." })
    Path signingKey;

    @Option(names = "--subject", defaultValue = "month-end-job", description = "Subject of the signed token (default ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--issuer", defaultValue = "${env:JWT_ISSUER:-bankrisk}", description = "iss of the signed token (default ${DEFAULT-VALUE}).")
    String issuer;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        YearMonth m = "previous".equals(month) ? BankRiskCommand.previousMonth(clock) : BankRiskCommand.month(month);
        LocalDate lastDay = m.atEndOfMonth();
        BankRiskCommand root = BankRiskCommand.root(spec);
        Credentials credentials = credentials(root.credentials(), m);
        Endpoints endpoints = root.endpoints();
        PrintWriter out = BankRiskCommand.out(spec);
        Progress progress = BankRiskCommand.progress(spec);

        var tiers = step(1, "tiers " + m, endpoints.tiering(), credentials,
                channel -> Operations.evaluate(channel, m, false, progress));
        out.printf("1/4 tiers %s: %,d customers, scheme v%d%s%n", m, tiers.getCustomers(), tiers.getSchemeVersion(),
                tiers.getRecomputed() ? "" : " (already evaluated)");
        var snapshot = step(2, "classify " + lastDay, endpoints.loanRisk(), credentials,
                channel -> Operations.classify(channel, lastDay, null, progress));
        out.printf("2/4 classify %s: snapshot %s, %,d loans%n", lastDay, snapshot.getSnapshotId(), snapshot.getLoanCount());
        ProvisionRun run = step(3, "provision " + lastDay, endpoints.provision(), credentials,
                channel -> Operations.provision(channel, lastDay, policy, policyVersion, progress));
        out.printf("3/4 provision %s: run %d, %s v%d, %,d loans%n", lastDay, run.getRunId(), run.getInputs().getPolicyCode(),
                run.getInputs().getPolicyVersion(), run.getLoanCount());
        RunApprovalStatus status = step(4, "submit run " + run.getRunId(), endpoints.provision(), credentials,
                channel -> submit(channel, run));
        out.printf("4/4 submit run %d: %s%s%n", run.getRunId(), ProvisionCommand.status(status),
                status == run.getLifecycle().getStatus() ? " (already)" : "");
        out.printf("month=%s snapshot_id=%s run_id=%d status=%s%n", m, snapshot.getSnapshotId(), run.getRunId(), ProvisionCommand.status(status));
        return ExitCodes.OK;
    }

    /**
     * Submits a DRAFT run. A run already submitted (or beyond: approved, posted) is this step done by an earlier
     * attempt; a REJECTED or REVERSED run reused with the same inputs needs a person, not a scheduler, to decide.
     */
    static RunApprovalStatus submit(ManagedChannel channel, ProvisionRun run) {
        RunApprovalStatus status = run.getLifecycle().getStatus();
        return switch (status) {
            case RUN_APPROVAL_STATUS_DRAFT -> ProvisionServiceGrpc.newBlockingStub(channel)
                    .submitRun(RunStepRequest.newBuilder().setRunId(run.getRunId()).build()).getLifecycle().getStatus();
            case RUN_APPROVAL_STATUS_SUBMITTED, RUN_APPROVAL_STATUS_APPROVED, RUN_APPROVAL_STATUS_POSTED,
                    RUN_APPROVAL_STATUS_REVERSAL_REQUESTED -> status;
            default -> throw new CliException(ExitCodes.CONFLICT, "run " + run.getRunId() + " with these inputs is "
                    + ProvisionCommand.status(status) + "; the job does not resubmit it — correct the inputs or submit it by hand");
        };
    }

    /** The job's credentials: its own signed token when it has a signing key, else the caller's; a default reason. */
    Credentials credentials(Credentials caller, YearMonth m) {
        String reason = caller.reason() != null && !caller.reason().isBlank() ? caller.reason() : "month-end job " + m;
        if (signingKey == null || signingKey.toString().isBlank()) {
            return new Credentials(caller.token(), reason);
        }
        return new Credentials(TokenSigner.fromPem(signingKey, issuer).sign(subject, JOB_ROLES, Duration.ofHours(1)), reason);
    }

    interface Call<T> {
        T on(ManagedChannel channel);
    }

    /** One step on its own channel; a failure names the step on stderr before the usual one-line error. */
    private <T> T step(int n, String what, String target, Credentials credentials, Call<T> call) {
        ManagedChannel channel = Endpoints.channel(target, credentials);
        try {
            return call.on(channel);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().printf("month-end: step %d/4 (%s) failed; steps before it are kept, re-run to continue%n", n, what);
            throw e;
        } finally {
            Endpoints.close(channel);
        }
    }
}
