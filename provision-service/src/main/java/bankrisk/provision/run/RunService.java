package bankrisk.provision.run;

import java.time.Duration;
import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.config.ProvisionParameters;
import bankrisk.provision.ecl.EclCalculator;
import bankrisk.provision.ecl.EclParameters;
import bankrisk.provision.policy.PolicyService;
import bankrisk.provision.policy.ProvisionPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs a provisioning: reads the loan-risk snapshot of the date, computes every loan's provision as the grades
 * stream past and stores the run in one transaction. The same inputs return the run already stored. When loan-risk
 * is UNAVAILABLE the attempt is rolled back and the stream restarted from scratch after a back-off (a run is
 * all-or-nothing).
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final PolicyService policies;
    private final SnapshotSource snapshots;
    private final RunWriter writer;
    private final RunRepository runs;
    private final ProvisionConfig config;
    private final EclParameters eclParameters;

    @Inject
    RunService(PolicyService policies, SnapshotSource snapshots, RunWriter writer, RunRepository runs, ProvisionConfig config,
            EclParameters eclParameters) {
        this.policies = policies;
        this.snapshots = snapshots;
        this.writer = writer;
        this.runs = runs;
        this.config = config;
        this.eclParameters = eclParameters;
    }

    public ProvisionRun run(LocalDate asOf, String policyCode, int policyVersion, ProgressListener listener) {
        ProvisionPolicy policy = QuarkusTransaction.requiringNew().call(() -> policies.get(policyCode, policyVersion));
        if (policy.effectiveFrom.isAfter(asOf)) {
            throw new FailedPreconditionException("POLICY_NOT_EFFECTIVE", "policy " + policy.policyCode + " v" + policy.version
                    + " is effective from " + policy.effectiveFrom + ", after the as-of date " + asOf);
        }
        SnapshotHeader header = withRetries(() -> snapshots.snapshot(asOf), listener);
        if (!config.reportingCurrency().equals(header.currencyCode())) {
            throw new FailedPreconditionException("CURRENCY_MISMATCH", "loan-risk snapshot " + header.snapshotId() + " is in "
                    + header.currencyCode() + ", not the reporting currency " + config.reportingCurrency());
        }
        listener.progress(new RunProgress(RunProgress.Phase.SNAPSHOT_FOUND, 0, header.loanCount(), 1,
                "snapshot " + header.snapshotId() + " of " + header.asOf()));

        RunPlan plan = plan(asOf, policy, header);
        var existing = runs.findByInputKey(plan.inputKey());
        if (existing.isPresent()) {
            return reused(existing.get(), listener);
        }
        OptionalLong written = withRetries(attempt -> QuarkusTransaction.requiringNew()
                .timeout(Math.toIntExact(config.run().transactionTimeout().toSeconds()))
                .call(() -> writer.write(plan, attempt, Math.max(1, config.run().progressEvery()), listener)), listener);
        if (written.isEmpty()) {
            return reused(runs.findByInputKey(plan.inputKey()).orElseThrow(), listener);
        }
        ProvisionRun run = runs.get(written.getAsLong());
        listener.progress(new RunProgress(RunProgress.Phase.COMPLETED, run.totals().loanCount(), header.loanCount(), 1, "run " + run.id()));
        return run;
    }

    private RunPlan plan(LocalDate asOf, ProvisionPolicy policy, SnapshotHeader header) {
        var eligible = ProvisionParameters.eligibleCollateral(config);
        RunInputs inputs = new RunInputs(asOf, policy.policyCode, policy.version, policy.base, policy.generalReserveRate.stripTrailingZeros(),
                eligible.stream().map(Enum::name).sorted().collect(Collectors.joining(",")), eclParameters.canonical(),
                config.reportingCurrency(), header.snapshotId(), header.fingerprint(), header.ruleSetVersion());
        String canonical = RunFingerprint.canonicalInputs(inputs, policy);
        return new RunPlan(inputs, canonical, RunFingerprint.sha256Hex(canonical), policy.id, header,
                new ProvisionCalculator(policy, eligible, new EclCalculator(eclParameters)));
    }

    private static ProvisionRun reused(ProvisionRun run, ProgressListener listener) {
        listener.progress(new RunProgress(RunProgress.Phase.REUSED, run.totals().loanCount(), run.totals().loanCount(), 1,
                "run " + run.id() + " already has these inputs"));
        return run;
    }

    private <T> T withRetries(java.util.function.Supplier<T> call, ProgressListener listener) {
        return withRetries(attempt -> call.get(), listener);
    }

    private <T> T withRetries(java.util.function.IntFunction<T> attemptCall, ProgressListener listener) {
        int maxAttempts = Math.max(1, config.run().maxAttempts());
        Duration backoff = config.run().initialBackoff();
        for (int attempt = 1;; attempt++) {
            try {
                return attemptCall.apply(attempt);
            } catch (UpstreamUnavailableException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                LOG.warnf("%s; attempt %d of %d, retrying in %s", e.getMessage(), attempt, maxAttempts, backoff);
                listener.progress(new RunProgress(RunProgress.Phase.RETRYING, 0, 0, attempt + 1, e.getMessage()));
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
