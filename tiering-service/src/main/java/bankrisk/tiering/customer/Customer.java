package bankrisk.tiering.customer;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customer of the bank; the customer number ties all its accounts together for tiering. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    @Column(name = "customer_number")
    public String customerNumber;

    public String name;

    @Enumerated(EnumType.STRING)
    public CustomerKind kind;

    @Column(name = "branch_code")
    public String branchCode;

    @Column(name = "onboarded_on")
    public LocalDate onboardedOn;

    public static Customer of(String customerNumber, String name, CustomerKind kind, String branchCode, LocalDate onboardedOn) {
        Customer customer = new Customer();
        customer.customerNumber = customerNumber;
        customer.name = name;
        customer.kind = kind;
        customer.branchCode = branchCode;
        customer.onboardedOn = onboardedOn;
        return customer;
    }
}
