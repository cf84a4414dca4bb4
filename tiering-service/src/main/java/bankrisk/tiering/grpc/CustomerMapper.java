package bankrisk.tiering.grpc;

import bank.tiering.v1.CreateCustomerRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.tiering.customer.Customer;
import bankrisk.tiering.customer.CustomerKind;

/** Maps customers between the contract and the domain, checking every field of a request. */
final class CustomerMapper {

    private CustomerMapper() {
    }

    static Customer toDomain(CreateCustomerRequest request) {
        Violations violations = new Violations();
        if (!request.hasCustomer()) {
            violations.add("customer", "is required");
            violations.throwIfAny();
        }
        bank.tiering.v1.Customer in = request.getCustomer();
        Customer customer = Customer.of(
                Texts.identifier(in.getCustomerNumber(), "customer.customer_number", 32, violations),
                Inputs.text(in.getName(), "customer.name", 200, violations),
                kind(in.getKind(), violations),
                Texts.identifier(in.getBranchCode(), "customer.branch_code", 32, violations),
                Dates.parse(in.getOnboardedOn(), "customer.onboarded_on", violations));
        violations.throwIfAny();
        return customer;
    }

    static bank.tiering.v1.Customer toProto(Customer customer) {
        return bank.tiering.v1.Customer.newBuilder()
                .setCustomerNumber(customer.customerNumber)
                .setName(customer.name)
                .setKind(switch (customer.kind) {
                    case PERSON -> bank.tiering.v1.CustomerKind.CUSTOMER_KIND_PERSON;
                    case COMPANY -> bank.tiering.v1.CustomerKind.CUSTOMER_KIND_COMPANY;
                })
                .setBranchCode(customer.branchCode)
                .setOnboardedOn(Dates.toDate(customer.onboardedOn))
                .build();
    }

    private static CustomerKind kind(bank.tiering.v1.CustomerKind kind, Violations violations) {
        return switch (kind) {
            case CUSTOMER_KIND_PERSON -> CustomerKind.PERSON;
            case CUSTOMER_KIND_COMPANY -> CustomerKind.COMPANY;
            default -> {
                violations.add("customer.kind", "must be CUSTOMER_KIND_PERSON or CUSTOMER_KIND_COMPANY");
                yield null;
            }
        };
    }
}
