package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.balance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.tiering.v1.Balance;
import bank.tiering.v1.CreateCustomerRequest;
import bank.tiering.v1.Customer;
import bank.tiering.v1.CustomerKind;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TableFingerprints;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/**
 * The limits of one call, as configured: the gRPC message size (4 MiB), rows per PutBalances (10,000) and rows per
 * LoadBalances stream (2,000 in tests). At the limit the call succeeds; over it the call is refused, naming the
 * limit, and nothing is stored.
 */
@QuarkusTest
class LimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.grpc.server.max-inbound-message-size")
    int maxMessageBytes;

    @ConfigProperty(name = "tiering.put-balances.max-rows")
    int maxPutRows;

    @ConfigProperty(name = "tiering.load.max-rows-per-stream")
    int maxStreamRows;

    @BeforeEach
    void reset() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.reset(dataSource);
    }

    @Test
    void theLimitsAreTheDocumentedDefaultsAndTheTestStreamLimit() {
        assertThat(maxMessageBytes).isEqualTo(4 * 1024 * 1024);
        assertThat(maxPutRows).isEqualTo(10_000);
        assertThat(maxStreamRows).isEqualTo(2_000);
    }

    @Test
    void aMessageOverTheSizeLimitIsResourceExhaustedAndStoresNothing() throws Exception {
        long customers = TieringFixtures.count(dataSource, "customer");

        // Just under the limit the message arrives and is judged on its content (the name is too long) ...
        assertThatThrownBy(() -> tiering.createCustomer(customerNamed("名".repeat((maxMessageBytes - 1_000) / 3))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("customer.name");
                });
        // ... one byte over it is refused before it is parsed.
        assertThatThrownBy(() -> tiering.createCustomer(customerNamed("N".repeat(maxMessageBytes))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains(String.valueOf(maxMessageBytes));
                });

        assertThat(TieringFixtures.count(dataSource, "customer")).isEqualTo(customers);
    }

    @Test
    void putBalancesTakesUpToTheLimitAndRefusesOneRowMoreNamingIt() throws Exception {
        assertThatThrownBy(() -> tiering.putBalances(PutBalancesRequest.newBuilder().addAllBalances(rows(maxPutRows + 1)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsExactly(entry("balances",
                            "has 10001 rows; at most 10000 per call (tiering.put-balances.max-rows): use LoadBalances for more"));
                });
        assertThat(TieringFixtures.count(dataSource, "balance")).isZero();

        LoadBalancesResponse ack = tiering.putBalances(PutBalancesRequest.newBuilder().addAllBalances(rows(maxPutRows)).build());

        assertThat(ack.getReceived()).isEqualTo(10_000);
        assertThat(ack.getInserted()).isEqualTo(10_000);
        assertThat(TieringFixtures.count(dataSource, "balance")).isEqualTo(10_000);
    }

    @Test
    void aStreamTakesUpToTheLimitAndOneRowMoreEndsItNamingTheLimitWithNothingStored() throws Exception {
        assertThatThrownBy(() -> load(rows(maxStreamRows + 1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsExactly(entry("balances[2000]",
                            "the stream has more than 2000 rows (tiering.load.max-rows-per-stream); "
                                    + "split the load into several streams"));
                });
        assertThat(TieringFixtures.count(dataSource, "balance")).isZero();
        assertThat(TableFingerprints.temporaryTables(dataSource, "staged_balance")).isZero();

        LoadBalancesResponse ack = load(rows(maxStreamRows));

        assertThat(ack.getReceived()).isEqualTo(2_000);
        assertThat(TieringFixtures.count(dataSource, "balance")).isEqualTo(2_000);
        assertThat(TableFingerprints.temporaryTables(dataSource, "staged_balance")).isZero();
    }

    private LoadBalancesResponse load(List<Balance> rows) {
        List<LoadBalancesRequest> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 300) {
            chunks.add(LoadBalancesRequest.newBuilder().addAllBalances(rows.subList(from, Math.min(rows.size(), from + 300))).build());
        }
        return client.loadBalances(Multi.createFrom().iterable(chunks)).await().atMost(WAIT);
    }

    private static List<Balance> rows(int count) {
        List<Balance> rows = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            rows.add(balance("L-C" + (n % 100), "L-A" + n, "2024-01-15", "100.00", "CNY"));
        }
        return rows;
    }

    private static CreateCustomerRequest customerNamed(String name) {
        return CreateCustomerRequest.newBuilder().setCustomer(Customer.newBuilder().setCustomerNumber("L-BIG").setName(name)
                .setKind(CustomerKind.CUSTOMER_KIND_PERSON).setBranchCode("BJ-01")
                .setOnboardedOn(Dates.toDate(LocalDate.of(2020, 1, 1)))).build();
    }
}
