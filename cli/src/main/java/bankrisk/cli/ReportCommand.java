package bankrisk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", description = "Finance reports of a provision run (provision-service REST).", subcommands = ReportCommand.Fetch.class)
public class ReportCommand {

    @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download a run's report as CSV, XLSX or PDF.")
    static class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN-ID")
        long runId;

        @Option(names = "--format", required = true, description = "csv, xlsx or pdf.")
        Operations.Format format;

        @Option(names = "--out", required = true, description = "File to write (replaced when it exists).")
        Path out;

        @Override
        public Integer call() throws Exception {
            BankRiskCommand root = BankRiskCommand.root(spec);
            Path written = Operations.fetchReport(root.provisionHttp, root.credentials(), runId, format, out);
            BankRiskCommand.out(spec).printf("%s%n", written);
            return ExitCodes.OK;
        }
    }
}
