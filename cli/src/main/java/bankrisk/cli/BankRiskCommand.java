package bankrisk.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import bankrisk.cli.demo.DemoCommand;
import io.grpc.ManagedChannel;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The top command: where the services are, and the verbs. */
@TopCommand
@Command(name = "bankrisk", mixinStandardHelpOptions = true, version = "bankrisk 1.0.0-SNAPSHOT",
        description = "Client of the bank-risk services (tiering, loan-risk, provision) and the one-command demo.",
        subcommands = { BalancesCommand.class, FxCommand.class, TiersCommand.class, LoansCommand.class, ProvisionCommand.class,
                MonthEndCommand.class, ReportCommand.class, ReturnsCommand.class, TokenCommand.class, DemoCommand.class, CommandLine.HelpCommand.class },
        footer = { "", "Exit codes: 0 ok, 2 usage or bad input, 3 not found, 4 failed precondition or conflict, 5 unavailable, 6 not authenticated or not allowed, 1 other." })
public class BankRiskCommand {

    @Option(names = "--tiering", paramLabel = "HOST:PORT", defaultValue = "${env:BANKRISK_TIERING:-127.0.0.1:9000}",
            description = "tiering-service gRPC (env BANKRISK_TIERING, default ${DEFAULT-VALUE})")
    String tiering;

    @Option(names = "--loan-risk", paramLabel = "HOST:PORT", defaultValue = "${env:BANKRISK_LOAN_RISK:-127.0.0.1:9100}",
            description = "loan-risk-service gRPC (env BANKRISK_LOAN_RISK, default ${DEFAULT-VALUE})")
    String loanRisk;

    @Option(names = "--provision", paramLabel = "HOST:PORT", defaultValue = "${env:BANKRISK_PROVISION:-127.0.0.1:9200}",
            description = "provision-service gRPC (env BANKRISK_PROVISION, default ${DEFAULT-VALUE})")
    String provision;

    @Option(names = "--provision-http", paramLabel = "URL", defaultValue = "${env:BANKRISK_PROVISION_HTTP:-http://127.0.0.1:8280}",
            description = "provision-service HTTP, for report downloads (env BANKRISK_PROVISION_HTTP, default ${DEFAULT-VALUE})")
    String provisionHttp;

    @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:BANKRISK_TOKEN}",
            description = "Bearer token sent with every call (env BANKRISK_TOKEN); make one for local runs with 'bankrisk token'.")
    String token;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "${env:BANKRISK_REASON}",
            description = "Why you make this change; recorded in the services' audit logs (env BANKRISK_REASON).")
    String reason;

    @Option(names = "--plain", description = "Plain progress lines even on a terminal (no redrawn bars).")
    boolean plain;

    public Credentials credentials() {
        return new Credentials(token, reason);
    }

    public Endpoints endpoints() {
        return new Endpoints(tiering, loanRisk, provision, provisionHttp);
    }

    /** Channels to the services that send the caller's credentials; the caller closes them with {@link Endpoints#close}. */
    public static ManagedChannel tieringChannel(CommandSpec spec) {
        return Endpoints.channel(root(spec).tiering, root(spec).credentials());
    }

    public static ManagedChannel loanRiskChannel(CommandSpec spec) {
        return Endpoints.channel(root(spec).loanRisk, root(spec).credentials());
    }

    public static ManagedChannel provisionChannel(CommandSpec spec) {
        return Endpoints.channel(root(spec).provision, root(spec).credentials());
    }

    /** The root command of any subcommand. */
    public static BankRiskCommand root(CommandSpec spec) {
        return (BankRiskCommand) spec.root().userObject();
    }

    public static Progress progress(CommandSpec spec) {
        return Progress.to(spec.commandLine().getErr(), !root(spec).plain && Progress.isTerminal());
    }

    public static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    public static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.USAGE, "'" + text + "' is not a month yyyy-mm");
        }
    }

    /** The bank's clock: months end by Asia/Shanghai time, as the services' business dates do. */
    public static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    /** The last complete month by the bank's clock. */
    public static YearMonth previousMonth(Clock clock) {
        return YearMonth.now(clock.withZone(BANK_ZONE)).minusMonths(1);
    }

    public static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.USAGE, "'" + text + "' is not a date yyyy-mm-dd");
        }
    }

    /** Error handling every entry point uses (Quarkus main and tests): one line on stderr, the mapped exit code. */
    public static CommandLine configure(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ExitCodes.message(e));
            commandLine.getErr().flush();
            return ExitCodes.of(e);
        });
        cli.setExitCodeExceptionMapper(ExitCodes::of);
        return cli;
    }
}
