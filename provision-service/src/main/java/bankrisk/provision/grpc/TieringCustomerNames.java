package bankrisk.provision.grpc;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bank.tiering.v1.GetCustomerRequest;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.platform.security.ServiceIdentity;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.returns.CustomerNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;

/**
 * Borrowers' names from tiering-service's {@code GetCustomer} (role {@code service}): the only contract that carries
 * a person's or company's name. One unary call per listed borrower (G13 lists at most 40). NOT_FOUND, an unregistered
 * customer, is no name; other failures are upstream failures.
 */
@ApplicationScoped
public class TieringCustomerNames implements CustomerNames {

    private final TieringServiceBlockingStub stub;
    private final ProvisionConfig config;

    @Inject
    TieringCustomerNames(@GrpcClient("tiering") @RegisterClientInterceptor(ServiceIdentity.class) TieringServiceBlockingStub stub,
            ProvisionConfig config) {
        this.stub = stub;
        this.config = config;
    }

    @Override
    public Optional<String> nameOf(String customerNumber) {
        try {
            return Optional.of(UpstreamCalls.unary(() -> stub.withDeadlineAfter(config.run().snapshotDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber(customerNumber).build())).getName());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw UpstreamCalls.translate(TieringClient.SERVICE, e);
        }
    }
}
