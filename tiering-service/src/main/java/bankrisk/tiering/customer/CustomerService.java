package bankrisk.tiering.customer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.NotFoundException;
import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;

/** Registers customers (each registration audited in its own transaction) and looks them up. */
@ApplicationScoped
public class CustomerService {

    static final String RESOURCE = "customer";
    public static final String CREATED = "CUSTOMER_CREATED";

    private final Clock clock;
    private final AuditLog audit;

    @Inject
    public CustomerService(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public Customer register(Actor actor, Customer customer) {
        if (customer.onboardedOn.isAfter(LocalDate.now(clock))) {
            throw new InvalidArgumentException("customer.onboarded_on", "must not be in the future");
        }
        // Insert-if-absent in one statement: two concurrent registrations of one number cannot both succeed.
        int inserted = Customer.getEntityManager().createNativeQuery("""
                INSERT INTO customer (customer_number, name, kind, branch_code, onboarded_on)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (customer_number) DO NOTHING""")
                .setParameter(1, customer.customerNumber)
                .setParameter(2, customer.name)
                .setParameter(3, customer.kind.name())
                .setParameter(4, customer.branchCode)
                .setParameter(5, customer.onboardedOn)
                .executeUpdate();
        if (inserted == 0) {
            throw new AlreadyExistsException(RESOURCE, customer.customerNumber);
        }
        audit.record(actor, CREATED, RESOURCE + "/" + customer.customerNumber,
                Map.of("kind", customer.kind.name(), "branch_code", customer.branchCode));
        return customer;
    }

    public Customer get(String customerNumber) {
        return Customer.<Customer> findByIdOptional(customerNumber)
                .orElseThrow(() -> new NotFoundException(RESOURCE, customerNumber));
    }
}
