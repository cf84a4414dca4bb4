package bankrisk.tiering.grpc;

import jakarta.inject.Inject;

import bank.tiering.v1.CreateCustomerRequest;
import bank.tiering.v1.Customer;
import bank.tiering.v1.GetCustomerRequest;
import bank.tiering.v1.TieringService;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.tiering.customer.CustomerService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** gRPC adapter of {@code bank.tiering.v1.TieringService}: maps messages, delegates to the domain services. */
@GrpcService
@Blocking
public class TieringGrpcService implements TieringService {

    private final CustomerService customers;

    @Inject
    TieringGrpcService(CustomerService customers) {
        this.customers = customers;
    }

    @Override
    public Uni<Customer> createCustomer(CreateCustomerRequest request) {
        return Uni.createFrom().item(() -> CustomerMapper.toProto(customers.register(CustomerMapper.toDomain(request))));
    }

    @Override
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String number = Texts.identifier(request.getCustomerNumber(), "customer_number", 32, violations);
            violations.throwIfAny();
            return CustomerMapper.toProto(customers.get(number));
        });
    }
}
