package bankrisk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.grpc.ManagedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "loans", description = "The loan book and its five-category grades (loan-risk-service).",
        subcommands = { LoansCommand.Load.class, LoansCommand.Classify.class })
public class LoansCommand {

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load a loan-facts CSV (see cli/README.md for the columns) in streams of at most --rows-per-stream rows.")
    static class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CSV")
        Path csv;

        @Option(names = "--rows-per-stream", defaultValue = "100000",
                description = "Rows per LoadLoanFacts stream; the server refuses more than its loanrisk.max-rows-per-load-stream "
                        + "(default ${DEFAULT-VALUE}).")
        int rowsPerStream;

        @Override
        public Integer call() throws Exception {
            if (rowsPerStream < 1) {
                throw new CliException(ExitCodes.USAGE, "--rows-per-stream must be at least 1");
            }
            ManagedChannel channel = BankRiskCommand.loanRiskChannel(spec);
            try {
                var r = Uploads.loanFacts(channel, csv, rowsPerStream, BankRiskCommand.progress(spec));
                BankRiskCommand.out(spec).printf("rows=%d facts_inserted=%d facts_updated=%d facts_unchanged=%d loans_registered=%d loans_updated=%d%n",
                        r.getRowsReceived(), r.getFactsInserted(), r.getFactsUpdated(), r.getFactsUnchanged(), r.getLoansRegistered(),
                        r.getLoansUpdated());
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = "Grade the book as of a date (idempotent per date) and print the five-category summary.")
    static class Classify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "YYYY-MM-DD")
        String asOf;

        @Option(names = "--actor", defaultValue = "${env:USER:-cli}", description = "Who runs it (audit trail), default ${DEFAULT-VALUE}.")
        String actor;

        @Override
        public Integer call() {
            var date = BankRiskCommand.date(asOf);
            ManagedChannel channel = BankRiskCommand.loanRiskChannel(spec);
            try {
                var snapshot = Operations.classify(channel, date, actor, BankRiskCommand.progress(spec));
                BankRiskCommand.out(spec).print(Summaries.snapshot(Operations.snapshotSummary(channel, snapshot.getSnapshotId())));
                BankRiskCommand.out(spec).printf("snapshot_id=%s%n", snapshot.getSnapshotId());
                return ExitCodes.OK;
            } finally {
                Endpoints.close(channel);
            }
        }
    }
}
