package bankrisk.provision.run;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.Violations;
import bankrisk.platform.audit.AuditLog;
import bankrisk.provision.audit.Requester;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.config.ProvisionParameters;
import bankrisk.provision.ecl.EclCalculator;
import bankrisk.provision.ecl.EclParameters;
import bankrisk.provision.policy.PolicyPurpose;
import bankrisk.provision.policy.PolicyService;
import bankrisk.provision.ratio.RatioThresholds;
import bankrisk.provision.policy.ProvisionPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs a provisioning: reads the loan-risk snapshot of the date, computes every loan's provision as the grades
 * stream past and stores the run in one transaction, with its audit entry (RUN_COMPLETED). The same inputs return
 * the run already stored (audited as RUN_REUSED). When loan-risk is UNAVAILABLE or misses its deadline the attempt
 * is rolled back and the read restarted from scratch after an exponential back-off with jitter (a run is
 * all-or-nothing); after the last attempt the caller gets UNAVAILABLE naming loan-risk and the attempts.
 */
@ApplicationScoped
public class RunService {

    public static final String RUN_COMPLETED = "RUN_COMPLETED";
    public static final String RUN_REUSED = "RUN_REUSED";

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final PolicyService policies;
    private final SnapshotSource snapshots;
    private final RunWriter writer;
    private final RunRepository runs;
    private final ProvisionConfig config;
    private final EclParameters eclParameters;
    private final AuditLog audit;
    private final RatioRegimes regimes;

    @Inject
    RunService(PolicyService policies, SnapshotSource snapshots, RunWriter writer, RunRepository runs, ProvisionConfig config,
            EclParameters eclParameters, AuditLog audit, RatioRegimes regimes) {
        this.regimes = regimes;
        this.policies = policies;
        this.snapshots = snapshots;
        this.writer = writer;
        this.runs = runs;
        this.config = config;
        this.eclParameters = eclParameters;
        this.audit = audit;
    }

    /**
     * {@code deductedRunId}: for a general-risk-reserve policy (MOF 2012), the POSTED impairment run of the same date
     * whose allowance the reserve deducts; 0 for an impairment policy.
     */
    public ProvisionRun run(LocalDate asOf, String policyCode, int policyVersion, long deductedRunId, Requester requester,
            ProgressListener listener) {
        ProvisionPolicy policy = QuarkusTransaction.requiringNew().call(() -> policies.get(policyCode, policyVersion));
        if (policy.effectiveFrom.isAfter(asOf)) {
            throw new FailedPreconditionException("POLICY_NOT_EFFECTIVE", "policy " + policy.policyCode + " v" + policy.version
                    + " is effective from " + policy.effectiveFrom + ", after the as-of date " + asOf);
        }
        ProvisionRun deducted = deductedAllowanceRun(policy, asOf, deductedRunId);
        RatioThresholds thresholds = QuarkusTransaction.requiringNew().call(regimes::current);
        SnapshotHeader header = withRetries(() -> snapshots.snapshot(asOf), listener);
        if (!config.reportingCurrency().equals(header.currencyCode())) {
            throw new FailedPreconditionException("CURRENCY_MISMATCH", "loan-risk snapshot " + header.snapshotId() + " is in "
                    + header.currencyCode() + ", not the reporting currency " + config.reportingCurrency());
        }
        listener.progress(new RunProgress(RunProgress.Phase.SNAPSHOT_FOUND, 0, header.loanCount(), 1,
                "snapshot " + header.snapshotId() + " of " + header.asOf()));

        RunPlan plan = plan(asOf, policy, header, deducted);
        var existing = runs.findByInputKey(plan.inputKey());
        if (existing.isPresent()) {
            return reused(existing.get(), requester, listener);
        }
        OptionalLong written = withRetries(attempt -> QuarkusTransaction.requiringNew()
                .timeout(Math.toIntExact(config.run().transactionTimeout().toSeconds()))
                .call(() -> {
                    OptionalLong id = writer.write(plan, attempt, Math.max(1, config.run().progressEvery()), listener);
                    if (id.isPresent()) {
                        writer.freezeThresholds(id.getAsLong(), thresholds);
                    }
                    if (id.isPresent() && deducted != null) {
                        writer.markGeneralRiskReserve(id.getAsLong(), deducted);
                    }
                    if (id.isPresent()) {
                        audit(RUN_COMPLETED, runs.get(id.getAsLong()), requester);
                    }
                    return id;
                }), listener);
        if (written.isEmpty()) {
            return reused(runs.findByInputKey(plan.inputKey()).orElseThrow(), requester, listener);
        }
        ProvisionRun run = runs.get(written.getAsLong());
        listener.progress(new RunProgress(RunProgress.Phase.COMPLETED, run.totals().loanCount(), header.loanCount(), 1, "run " + run.id()));
        return run;
    }

    /**
     * MOF 2012 deducts the impairment allowance already booked (domain notes §3, §5): a reserve run names a POSTED
     * impairment run of the same date, and nothing else will do.
     */
    private ProvisionRun deductedAllowanceRun(ProvisionPolicy policy, LocalDate asOf, long deductedRunId) {
        Violations violations = new Violations();
        boolean reserve = policy.purpose == PolicyPurpose.GENERAL_RISK_RESERVE;
        violations.require(!reserve || deductedRunId > 0, "deducted_allowance_run_id", "is required for a general-risk-reserve policy ("
                + policy.policyCode + "): the posted impairment run of the same date whose allowance the reserve deducts");
        violations.require(reserve || deductedRunId == 0, "deducted_allowance_run_id", "must be 0 for an impairment-allowance policy");
        violations.throwIfAny();
        if (!reserve) {
            return null;
        }
        ProvisionRun deducted = runs.get(deductedRunId);
        if (deducted.isGeneralRiskReserve()) {
            throw new FailedPreconditionException("ALLOWANCE_RUN_NOT_IMPAIRMENT", "run " + deductedRunId
                    + " is a general-risk-reserve run; name the posted impairment-allowance run of " + asOf);
        }
        if (deducted.lifecycle().status() != ApprovalStatus.POSTED) {
            throw new FailedPreconditionException("ALLOWANCE_RUN_NOT_POSTED", "run " + deductedRunId + " is "
                    + deducted.lifecycle().status() + ": only a POSTED allowance is booked and may be deducted");
        }
        if (!deducted.inputs().asOf().equals(asOf)) {
            throw new FailedPreconditionException("ALLOWANCE_RUN_OTHER_DATE", "run " + deductedRunId + " is as of "
                    + deducted.inputs().asOf() + ", not " + asOf);
        }
        return deducted;
    }

    private RunPlan plan(LocalDate asOf, ProvisionPolicy policy, SnapshotHeader header, ProvisionRun deducted) {
        var eligible = ProvisionParameters.eligibleCollateral(config);
        RunInputs inputs = new RunInputs(asOf, policy.policyCode, policy.version, policy.base, policy.generalReserveRate.stripTrailingZeros(),
                eligible.stream().map(Enum::name).sorted().collect(Collectors.joining(",")), eclParameters.canonical(),
                config.reportingCurrency(), header.snapshotId(), header.fingerprint(), header.ruleSetVersion());
        String canonical = RunFingerprint.canonicalInputs(inputs, policy) + (deducted == null ? ""
                : ";deducts=run " + deducted.id() + " allowance " + deducted.totals().allowance().toPlainString());
        return new RunPlan(inputs, canonical, RunFingerprint.sha256Hex(canonical), policy.id, header,
                new ProvisionCalculator(policy.policyRates(), eligible, new EclCalculator(eclParameters)));
    }

    private ProvisionRun reused(ProvisionRun run, Requester requester, ProgressListener listener) {
        QuarkusTransaction.requiringNew().run(() -> audit(RUN_REUSED, run, requester));
        listener.progress(new RunProgress(RunProgress.Phase.REUSED, run.totals().loanCount(), run.totals().loanCount(), 1,
                "run " + run.id() + " already has these inputs"));
        return run;
    }

    /**
     * Inside the run's transaction (RUN_COMPLETED) or its own (RUN_REUSED): an entry exists exactly when the run it
     * names is committed.
     */
    private void audit(String action, ProvisionRun run, Requester requester) {
        RunTotals totals = run.totals();
        audit.recordAs(requester.name(), requester.reason(), action, "run/" + run.id(), Map.of(
                "run_id", run.id(),
                "as_of", run.inputs().asOf().toString(),
                "policy", run.inputs().policyCode() + " v" + run.inputs().policyVersion(),
                "snapshot_id", run.inputs().snapshotId(),
                "loan_count", totals.loanCount(),
                "total_balance", totals.totalBalance().toPlainString(),
                "allowance", totals.allowance().toPlainString(),
                "fingerprint", run.fingerprint()));
    }

    private <T> T withRetries(Supplier<T> call, ProgressListener listener) {
        return withRetries(attempt -> call.get(), listener);
    }

    private <T> T withRetries(IntFunction<T> attemptCall, ProgressListener listener) {
        int maxAttempts = Math.max(1, config.run().maxAttempts());
        for (int attempt = 1;; attempt++) {
            try {
                return attemptCall.apply(attempt);
            } catch (UpstreamUnavailableException e) {
                if (attempt >= maxAttempts) {
                    throw e.afterAttempts(attempt);
                }
                Duration backoff = Backoff.beforeAttempt(attempt + 1, config.run().initialBackoff(), config.run().maxBackoff(),
                        ThreadLocalRandom.current().nextDouble());
                LOG.warnf("%s; attempt %d of %d failed, retrying in %d ms", e.getMessage(), attempt, maxAttempts, backoff.toMillis());
                listener.progress(new RunProgress(RunProgress.Phase.RETRYING, 0, 0, attempt + 1, e.getMessage() + "; attempt "
                        + attempt + " of " + maxAttempts + " failed, retrying in " + backoff.toMillis() + " ms"));
                sleep(backoff);
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
