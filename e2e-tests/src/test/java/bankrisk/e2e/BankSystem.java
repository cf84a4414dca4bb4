package bankrisk.e2e;

import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: the three packaged services running against fresh databases {@code tiering_e2e},
 * {@code loan_risk_e2e} and {@code provision_e2e}, started once for the whole suite (kept in the root store, so
 * every test class that uses the extension shares them) and always stopped when the suite ends, failed or not.
 * provision-service reads the other two over gRPC, as in production.
 */
public final class BankSystem implements BeforeAllCallback, ParameterResolver {

    public static final int TIERING_HTTP = 18080, TIERING_GRPC = 19000;
    public static final int LOAN_RISK_HTTP = 18180, LOAN_RISK_GRPC = 19100;
    public static final int PROVISION_HTTP = 18280, PROVISION_GRPC = 19200;

    /** The running services. */
    public record Running(ServiceProcess tiering, ServiceProcess loanRisk, ServiceProcess provision)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            provision.close();
            loanRisk.close();
            tiering.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(Namespace.create(BankSystem.class)).getOrComputeIfAbsent(Running.class, key -> start(),
                Running.class);
    }

    private static Running start() {
        ServiceProcess tiering = null, loanRisk = null, provision = null;
        try {
            E2eSettings.recreateDatabases("tiering_e2e", "loan_risk_e2e", "provision_e2e");
            // Started together, awaited together: the three JVMs boot in parallel.
            tiering = ServiceProcess.start("tiering", "tiering-service", TIERING_HTTP, TIERING_GRPC, "tiering_e2e", Map.of());
            loanRisk = ServiceProcess.start("loan-risk", "loan-risk-service", LOAN_RISK_HTTP, LOAN_RISK_GRPC, "loan_risk_e2e", Map.of());
            provision = ServiceProcess.start("provision", "provision-service", PROVISION_HTTP, PROVISION_GRPC, "provision_e2e",
                    Map.of("LOAN_RISK_GRPC_HOST", "127.0.0.1", "LOAN_RISK_GRPC_PORT", Integer.toString(LOAN_RISK_GRPC),
                            "TIERING_GRPC_HOST", "127.0.0.1", "TIERING_GRPC_PORT", Integer.toString(TIERING_GRPC)));
            tiering.awaitReady();
            loanRisk.awaitReady();
            provision.awaitReady();
            return new Running(tiering, loanRisk, provision);
        } catch (Exception e) {
            for (ServiceProcess started : new ServiceProcess[] {provision, loanRisk, tiering}) {
                if (started != null) {
                    started.close();
                }
            }
            throw new IllegalStateException("the system did not start: " + e.getMessage(), e);
        }
    }
}
