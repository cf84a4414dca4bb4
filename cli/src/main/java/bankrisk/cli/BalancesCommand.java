package bankrisk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "balances", description = "Daily end-of-day balances (tiering-service).", subcommands = BalancesCommand.Load.class)
public class BalancesCommand {

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load a balances CSV (header customer_number,account_id,asset_type,balance_date,amount,currency) "
                    + "in one client stream; all or nothing.")
    static class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CSV")
        Path csv;

        @Option(names = "--chunk", defaultValue = "5000", description = "Rows per stream message (default ${DEFAULT-VALUE}).")
        int chunk;

        @Override
        public Integer call() throws Exception {
            ManagedChannel channel = BankRiskCommand.tieringChannel(spec);
            try {
                var r = Uploads.balances(channel, csv, chunk, BankRiskCommand.progress(spec));
                BankRiskCommand.out(spec).printf("received=%d inserted=%d replaced=%d%n", r.getReceived(), r.getInserted(), r.getReplaced());
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }
}
