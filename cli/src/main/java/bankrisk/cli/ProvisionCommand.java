package bankrisk.cli;

import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import bank.provision.v1.LedgerPosting;
import bank.provision.v1.ListRunsRequest;
import bank.provision.v1.ListRunsResponse;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunStepRequest;
import bank.common.v1.PageRequest;
import bankrisk.api.convert.Dates;
import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Provisioning and the close of a run (provision-service). The close steps are the four-eyes lifecycle
 * DRAFT → SUBMITTED → APPROVED → POSTED (→ REVERSAL_REQUESTED → REVERSED); who may take which step, and that the
 * approver is not the submitter, is the service's rule — the CLI sends the caller's token and the global
 * {@code --reason}, which the service records in its audit log.
 */
@Command(name = "provision", description = "Loan-loss provisioning and the close of a run (provision-service).",
        subcommands = { ProvisionCommand.Run.class, ProvisionCommand.Submit.class, ProvisionCommand.Approve.class,
                ProvisionCommand.Reject.class, ProvisionCommand.Post.class, ProvisionCommand.Reverse.class,
                ProvisionCommand.ApproveReversal.class, ProvisionCommand.Runs.class })
public class ProvisionCommand {

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Provision the loan-risk snapshot of a date under a policy; prints the run and its ratios, last line run_id=N.")
    static class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "YYYY-MM-DD")
        String asOf;

        @Option(names = "--policy", required = true, description = "Policy code, e.g. PBOC-2002.")
        String policy;

        @Option(names = "--policy-version", defaultValue = "0", description = "Policy version; 0 = latest (default).")
        int policyVersion;

        @Override
        public Integer call() {
            var date = BankRiskCommand.date(asOf);
            ManagedChannel channel = BankRiskCommand.provisionChannel(spec);
            try {
                var run = Operations.provision(channel, date, policy, policyVersion, BankRiskCommand.progress(spec));
                BankRiskCommand.out(spec).print(Summaries.provisionRun(run));
                BankRiskCommand.out(spec).printf("run_id=%d%n", run.getRunId());
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }

    /** One close step on one run: the RPC, and how its answer is printed (last line key=value). */
    abstract static class Step<T> implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN-ID", description = "The run's id (run_id= of 'provision run').")
        long runId;

        abstract T call(ProvisionServiceBlockingStub stub, RunStepRequest request);

        abstract String line(T answer);

        @Override
        public Integer call() {
            if (runId <= 0) {
                throw new CliException(ExitCodes.USAGE, "RUN-ID must be positive, not " + runId);
            }
            ManagedChannel channel = BankRiskCommand.provisionChannel(spec);
            try {
                T answer = call(ProvisionServiceGrpc.newBlockingStub(channel), RunStepRequest.newBuilder().setRunId(runId).build());
                BankRiskCommand.out(spec).println(line(answer));
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }

    /** A step that answers with the run in its new state. */
    abstract static class RunStep extends Step<ProvisionRun> {
        private final BiFunction<ProvisionServiceBlockingStub, RunStepRequest, ProvisionRun> rpc;

        RunStep(BiFunction<ProvisionServiceBlockingStub, RunStepRequest, ProvisionRun> rpc) {
            this.rpc = rpc;
        }

        @Override
        ProvisionRun call(ProvisionServiceBlockingStub stub, RunStepRequest request) {
            return rpc.apply(stub, request);
        }

        @Override
        String line(ProvisionRun run) {
            return String.format("run_id=%d status=%s", run.getRunId(), status(run.getLifecycle().getStatus()));
        }
    }

    /** A step that answers with the ledger posting it booked. */
    abstract static class PostingStep extends Step<LedgerPosting> {
        private final BiFunction<ProvisionServiceBlockingStub, RunStepRequest, LedgerPosting> rpc;

        PostingStep(BiFunction<ProvisionServiceBlockingStub, RunStepRequest, LedgerPosting> rpc) {
            this.rpc = rpc;
        }

        @Override
        LedgerPosting call(ProvisionServiceBlockingStub stub, RunStepRequest request) {
            return rpc.apply(stub, request);
        }

        @Override
        String line(LedgerPosting p) {
            return String.format("posting_id=%d run_id=%d kind=%s period=%04d-%02d lines=%d total_debit=%s total_credit=%s",
                    p.getPostingId(), p.getRunId(), p.getKind().name().replace("LEDGER_POSTING_KIND_", ""), p.getPeriod().getYear(),
                    p.getPeriod().getMonth(), p.getLinesCount(), p.getTotalDebit().getAmount(), p.getTotalCredit().getAmount());
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Submit a DRAFT (or REJECTED) run for approval (role finance); prints run_id=N status=SUBMITTED.")
    static class Submit extends RunStep {
        Submit() {
            super(ProvisionServiceBlockingStub::submitRun);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a SUBMITTED run (role finance-approver, not its submitter); prints run_id=N status=APPROVED.")
    static class Approve extends RunStep {
        Approve() {
            super(ProvisionServiceBlockingStub::approveRun);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject a SUBMITTED run, or refuse its requested reversal (role finance-approver, not the requester).")
    static class Reject extends RunStep {
        Reject() {
            super(ProvisionServiceBlockingStub::rejectRun);
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true,
            description = "Book an APPROVED run's journal to the ledger (role finance); prints posting_id=N and its totals.")
    static class Post extends PostingStep {
        Post() {
            super(ProvisionServiceBlockingStub::postRun);
        }
    }

    @Command(name = "reverse", mixinStandardHelpOptions = true,
            description = "Request the reversal of a POSTED run (role finance); prints run_id=N status=REVERSAL_REQUESTED.")
    static class Reverse extends RunStep {
        Reverse() {
            super(ProvisionServiceBlockingStub::requestReversal);
        }
    }

    @Command(name = "approve-reversal", mixinStandardHelpOptions = true,
            description = "Approve a requested reversal (role finance-approver, not the requester): books the swapped lines; prints posting_id=N.")
    static class ApproveReversal extends PostingStep {
        ApproveReversal() {
            super(ProvisionServiceBlockingStub::approveReversal);
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = "Completed runs, newest as-of date first, one line each; last line runs=N.")
    static class Runs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Earliest as-of date, inclusive.")
        String from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Latest as-of date, inclusive.")
        String to;

        @Option(names = "--policy", description = "Only runs of this policy code.")
        String policy;

        @Option(names = "--status", description = "Only runs in this state: DRAFT, SUBMITTED, APPROVED, REJECTED, POSTED, REVERSAL_REQUESTED, REVERSED.")
        String status;

        @Override
        public Integer call() {
            ListRunsRequest.Builder request = ListRunsRequest.newBuilder().setPage(PageRequest.newBuilder().setPageSize(1000));
            if (from != null) {
                request.setFromAsOf(Dates.toDate(BankRiskCommand.date(from)));
            }
            if (to != null) {
                request.setToAsOf(Dates.toDate(BankRiskCommand.date(to)));
            }
            if (policy != null) {
                request.setPolicyCode(policy);
            }
            if (status != null) {
                request.setStatus(parseStatus(status));
            }
            ManagedChannel channel = BankRiskCommand.provisionChannel(spec);
            try {
                var out = BankRiskCommand.out(spec);
                var stub = ProvisionServiceGrpc.newBlockingStub(channel);
                long count = 0;
                ListRunsResponse page;
                do {
                    page = stub.listRuns(request.build());
                    if (count == 0 && request.getPage().getPageToken().isEmpty()) {
                        // After the first answer, so that a refused call leaves stdout empty.
                        out.printf("%8s  %-10s  %-14s  %-18s  %9s  %20s%n", "run_id", "as_of", "policy", "status", "loans", "allowance");
                    }
                    for (ProvisionRun run : page.getRunsList()) {
                        var in = run.getInputs();
                        out.printf("%8d  %-10s  %-14s  %-18s  %,9d  %20s%n", run.getRunId(), Summaries.date(in.getAsOf()),
                                in.getPolicyCode() + " v" + in.getPolicyVersion(), status(run.getLifecycle().getStatus()),
                                run.getLoanCount(), Summaries.money(run.getAllowance()) + " " + run.getAllowance().getCurrencyCode());
                        count++;
                    }
                    request.getPageBuilder().setPageToken(page.getPage().getNextPageToken());
                } while (!page.getPage().getNextPageToken().isEmpty());
                out.printf("runs=%d%n", count);
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }

    static String status(RunApprovalStatus s) {
        return s.name().replace("RUN_APPROVAL_STATUS_", "");
    }

    static RunApprovalStatus parseStatus(String text) {
        try {
            RunApprovalStatus s = RunApprovalStatus.valueOf("RUN_APPROVAL_STATUS_" + text.strip().toUpperCase());
            if (s != RunApprovalStatus.RUN_APPROVAL_STATUS_UNSPECIFIED) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw new CliException(ExitCodes.USAGE, "--status '" + text + "' is not one of DRAFT, SUBMITTED, APPROVED, REJECTED, POSTED, "
                + "REVERSAL_REQUESTED, REVERSED");
    }
}
