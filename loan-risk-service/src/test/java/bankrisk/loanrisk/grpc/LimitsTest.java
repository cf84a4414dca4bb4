package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.testing.TableFingerprints;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The two input limits are configuration, and the configured values hold: here 5 rows per facts-load stream and
 * 64 KiB per message (the defaults, 100,000 rows and 4 MiB, are proved by {@link HostileInputTest}).
 */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
class LimitsTest {

    static final LocalDate DAY = LocalDate.of(2028, 6, 30);

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loanrisk.max-rows-per-load-stream", "5", "quarkus.grpc.server.max-inbound-message-size", "65536");
        }
    }

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticate() {
        client = TestBook.asOfficer(client);
        loanRisk = TestBook.asOfficer(loanRisk);
    }

    @Test
    void aStreamLongerThanTheConfiguredRowLimitIsResourceExhaustedAndWritesNothing() throws SQLException {
        assertThat(load(client, IntStream.range(0, 5).mapToObj(i -> retail("LM-" + i, DAY, "10.00")).toList()).getFactsInserted())
                .isEqualTo(5);
        Map<String, String> before = TableFingerprints.all(dataSource);

        assertThatThrownBy(() -> load(client, IntStream.range(0, 6).mapToObj(i -> retail("LM-X" + i, DAY, "10.00")).toList()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).startsWith("the stream has more than 5 rows");
                });
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
    }

    @Test
    void aMessageLargerThanTheConfiguredSizeIsResourceExhausted() {
        assertThatThrownBy(() -> register("B".repeat(60_000))).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> register("B".repeat(70_000))).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }

    private void register(String branchCode) {
        loanRisk.registerLoan(RegisterLoanRequest.newBuilder().setLoan(TestBook.loan("LM-BIG", "P-LM", BorrowerKind.BORROWER_KIND_RETAIL)
                .toBuilder().setBranchCode(branchCode)).build());
    }
}
