package bankrisk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fx", description = "Daily FX rates (tiering-service).", subcommands = FxCommand.Load.class)
public class FxCommand {

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load an FX-rate CSV (header currency,base_currency,rate_date,rate) in calls of 10,000 rates.")
    static class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CSV")
        Path csv;

        @Override
        public Integer call() throws Exception {
            ManagedChannel channel = BankRiskCommand.tieringChannel(spec);
            try {
                long stored = Uploads.fxRates(channel, csv, BankRiskCommand.progress(spec));
                BankRiskCommand.out(spec).printf("stored=%d%n", stored);
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }
}
