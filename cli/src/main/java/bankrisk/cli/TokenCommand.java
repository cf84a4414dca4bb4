package bankrisk.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import bankrisk.common.security.Roles;
import bankrisk.common.security.TokenLifetime;
import bankrisk.common.security.TokenSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Signs a bearer token for local runs and tests. In a bank the identity provider issues tokens; this verb exists so
 * that a developer with the sample key (deploy/dev-keys) can call services that trust it.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = { "Print a signed bearer token (RS256 JWT) for local runs, e.g.",
                "  export BANKRISK_TOKEN=$(bankrisk token --subject alice --role tier-admin)" })
public class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--subject", required = true, description = "Who the token names (sub and upn); the audit logs record it.")
    String subject;

    @Option(names = "--role", required = true, description = "A role, repeatable: tier-admin, tier-approver, risk-officer, risk-approver, finance, finance-approver, auditor, service.")
    List<String> roles;

    @Option(names = "--private-key", defaultValue = "${env:BANKRISK_TOKEN_KEY:-deploy/dev-keys/jwt-private.pem}",
            description = "PKCS#8 PEM private key (env BANKRISK_TOKEN_KEY, default ${DEFAULT-VALUE}).")
    Path privateKey;

    @Option(names = "--issuer", defaultValue = "${env:JWT_ISSUER:-bankrisk}", description = "iss claim; must match the services' JWT_ISSUER (default ${DEFAULT-VALUE}).")
    String issuer;

    @Option(names = "--lifetime", defaultValue = "PT8H",
            description = "ISO-8601 duration (default ${DEFAULT-VALUE}); at most PT12H, the longest the services accept by default.")
    Duration lifetime;

    @Override
    public Integer call() {
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new CliException(ExitCodes.USAGE, "unknown role '" + role + "'; roles are " + String.join(", ", Roles.ALL));
            }
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new CliException(ExitCodes.USAGE, "--lifetime must be positive");
        }
        if (lifetime.compareTo(TokenLifetime.DEFAULT_MAX) > 0) {
            throw new CliException(ExitCodes.USAGE, "--lifetime " + lifetime + " is longer than the services accept ("
                    + TokenLifetime.DEFAULT_MAX + ", JWT_MAX_LIFETIME); ask for a shorter token");
        }
        spec.commandLine().getOut().println(TokenSigner.fromPem(privateKey, issuer).sign(subject, roles, lifetime));
        return ExitCodes.OK;
    }
}
