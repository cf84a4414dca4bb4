package bankrisk.tiering.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.tiering.v1.CreateCustomerRequest;
import bank.tiering.v1.Customer;
import bank.tiering.v1.CustomerKind;
import bank.tiering.v1.GetCustomerRequest;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TieringGrpcServiceTest {

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @BeforeEach
    void authenticateAsTierAdmin() {
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
    }

    @Test
    void storesACustomerAndReturnsIt() {
        Customer customer = person("C-0001", "张三").build();

        Customer created = tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(customer).build());
        Customer read = tiering.getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("C-0001").build());

        assertThat(created).isEqualTo(customer);
        assertThat(read).isEqualTo(customer);
        assertThat(read.getName()).isEqualTo("张三");
        assertThat(read.getOnboardedOn().getDay()).isEqualTo(15);
    }

    @Test
    void aDuplicateCustomerNumberIsAlreadyExistsAndKeepsTheFirst() {
        tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(person("C-0002", "First")).build());

        assertThatThrownBy(() -> tiering.createCustomer(
                CreateCustomerRequest.newBuilder().setCustomer(person("C-0002", "Second")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
        assertThat(tiering.getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("C-0002").build()).getName())
                .isEqualTo("First");
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        assertThatThrownBy(() -> tiering.getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("NOBODY").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("customer 'NOBODY' not found");
                });
    }

    @Test
    void badFieldsAreInvalidArgumentWithEveryFieldNamedAndNothingIsStored() {
        Customer bad = Customer.newBuilder()
                .setCustomerNumber("C-0003'; DROP TABLE customer;--")
                .setName(" ")
                .setKind(CustomerKind.CUSTOMER_KIND_UNSPECIFIED)
                .setBranchCode("BR01")
                .setOnboardedOn(bank.common.v1.Date.newBuilder().setYear(2023).setMonth(2).setDay(30))
                .build();

        assertThatThrownBy(() -> tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsExactly(
                            entry("customer.customer_number", "must be 1 to 32 letters, digits, '-' or '_'"),
                            entry("customer.name", "is required"),
                            entry("customer.kind", "must be CUSTOMER_KIND_PERSON or CUSTOMER_KIND_COMPANY"),
                            entry("customer.onboarded_on", "2023-2-30 is not a calendar date"));
                });
    }

    @Test
    void aFutureOnboardingDateIsInvalidAndNothingIsStored() {
        Customer future = person("C-0004", "Future").setOnboardedOn(Dates.toDate(LocalDate.now().plusDays(2))).build();

        assertThatThrownBy(() -> tiering.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(future).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("customer.onboarded_on");
                });
        assertThatThrownBy(() -> tiering.getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("C-0004").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private static Customer.Builder person(String number, String name) {
        return Customer.newBuilder()
                .setCustomerNumber(number)
                .setName(name)
                .setKind(CustomerKind.CUSTOMER_KIND_PERSON)
                .setBranchCode("BJ-001")
                .setOnboardedOn(Dates.toDate(LocalDate.of(2017, 3, 15)));
    }
}
