package bankrisk.cli;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import picocli.CommandLine;

/** Gives Quarkus's picocli runner the CLI's error handling and exit codes. */
@ApplicationScoped
public class CliSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return BankRiskCommand.configure(factory.create());
    }
}
