package bankrisk.cli;

import java.util.concurrent.Callable;

import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "provision", description = "Loan-loss provisioning (provision-service).", subcommands = ProvisionCommand.Run.class)
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
}
