package bankrisk.cli;

import java.util.concurrent.Callable;

import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tiers", description = "Month-end tiers (tiering-service).",
        subcommands = { TiersCommand.Evaluate.class, TiersCommand.Distribution.class })
public class TiersCommand {

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluate a complete month (idempotent; --force recomputes), showing the server's progress.")
    static class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "YYYY-MM")
        String month;

        @Option(names = "--force", description = "Recompute and replace a month already evaluated.")
        boolean force;

        @Override
        public Integer call() {
            var m = BankRiskCommand.month(month);
            ManagedChannel channel = BankRiskCommand.tieringChannel(spec);
            try {
                var last = Operations.evaluate(channel, m, force, BankRiskCommand.progress(spec));
                BankRiskCommand.out(spec).printf("month=%s customers=%d scheme_version=%d recomputed=%s%n", m, last.getCustomers(),
                        last.getSchemeVersion(), last.getRecomputed());
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }

    @Command(name = "distribution", mixinStandardHelpOptions = true, description = "Customers and assets per tier of an evaluated month.")
    static class Distribution implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "YYYY-MM")
        String month;

        @Override
        public Integer call() {
            var m = BankRiskCommand.month(month);
            ManagedChannel channel = BankRiskCommand.tieringChannel(spec);
            try {
                BankRiskCommand.out(spec).print(Summaries.tierDistribution(Operations.distribution(channel, m)));
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }
}
