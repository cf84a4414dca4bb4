package bankrisk.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "returns", description = "The regulator's 1104 returns G11, G12, G13 (provision-service REST).", subcommands = ReturnsCommand.Fetch.class)
public class ReturnsCommand {

    @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download a return as CSV, XLSX or PDF, in Chinese (default) or English. "
            + "G11 and G13: --as-of and --run-id (a provision run of that snapshot); G12: --from (a 31 December) and --to.")
    static class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--form", required = true, description = "G11, G12 or G13.")
        String form;

        @Option(names = "--as-of", description = "Period end of G11 and G13, yyyy-mm-dd.")
        LocalDate asOf;

        @Option(names = "--run-id", description = "Provision run of that snapshot (G11, G13).")
        Long runId;

        @Option(names = "--from", description = "Year start of G12: a 31 December.")
        LocalDate from;

        @Option(names = "--to", description = "Period end of G12.")
        LocalDate to;

        @Option(names = "--lang", description = "zh-CN (the service's default) or en.")
        String lang;

        @Option(names = "--format", defaultValue = "xlsx", description = "csv, xlsx or pdf (default ${DEFAULT-VALUE}).")
        Operations.Format format;

        @Option(names = "--out", required = true, description = "File to write (replaced when it exists).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "as_of", asOf);
            put(query, "run_id", runId);
            put(query, "from", from);
            put(query, "to", to);
            put(query, "lang", lang);
            BankRiskCommand root = BankRiskCommand.root(spec);
            Path written = Operations.fetchReturn(root.provisionHttp, root.credentials(), form, format, query, out);
            BankRiskCommand.out(spec).printf("%s%n", written);
            return ExitCodes.OK;
        }

        private static void put(Map<String, String> query, String name, Object value) {
            if (value != null) {
                query.put(name, value.toString());
            }
        }
    }
}
