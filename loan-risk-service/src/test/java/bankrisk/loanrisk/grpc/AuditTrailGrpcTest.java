package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bank.common.v1.AuditEvent;
import bank.common.v1.ListAuditEventsRequest;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.ProposeOverrideRequest;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.TableFingerprints;
import bankrisk.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every change writes who (the token's subject), what and why (the {@code x-change-reason} header) in its own
 * transaction; a refused change writes nothing. Facts are dated 2028, after every other test's dates.
 */
@QuarkusTest
class AuditTrailGrpcTest {

    static final LocalDate DAY = LocalDate.of(2028, 1, 31);
    static final String REASON = "月末分類 month-end, ticket RISK-42";

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @Inject
    DataSource dataSource;

    private LoanRiskServiceBlockingStub officer;

    /** Both clients act as {@code subject}, an officer giving {@link #REASON}; each test has its own officer. */
    private void actAs(String subject) {
        Metadata headers = TestTokens.headers(subject, Roles.RISK_OFFICER);
        headers.put(Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER), URLEncoder.encode(REASON, StandardCharsets.UTF_8));
        client = GrpcClientUtils.attachHeaders(client, headers);
        officer = GrpcClientUtils.attachHeaders(loanRisk, headers);
    }

    @Test
    void registrationLoadAndRunRecordTheTokenSubjectAndTheStatedReason() {
        actAs("officer-7");
        officer.registerLoan(RegisterLoanRequest.newBuilder().setLoan(TestBook.loan("AU-1", "P-AU-1", BorrowerKind.BORROWER_KIND_RETAIL))
                .build());
        load(client, List.of(facts("AU-1", DAY, "700.00"), retail("AU-2", DAY, "300.00")));
        classify(client, DAY);

        List<AuditEvent> mine = TestBook.as(loanRisk, "auditor-1", Roles.AUDITOR).listAuditEvents(ListAuditEventsRequest.newBuilder()
                .setActor("officer-7").build()).getEventsList().stream().filter(e -> !e.getAction().equals("GRADE_CHANGED")).toList();

        assertThat(mine).extracting(AuditEvent::getAction, AuditEvent::getSubject, AuditEvent::getReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SNAPSHOT_CREATED", "", REASON),
                org.assertj.core.groups.Tuple.tuple("FACTS_LOADED", "", REASON),
                org.assertj.core.groups.Tuple.tuple("LOAN_REGISTERED", "loan/AU-1", REASON));
        assertThat(mine.get(0).getDetailsJson()).contains("\"as_of\": \"2028-01-31\"");
        assertThat(mine.get(1).getDetailsJson()).contains("\"rows\": 2").contains("\"facts_inserted\": 2").contains("\"loans_registered\": 1");
        assertThat(mine.get(2).getDetailsJson()).contains("\"principal\": \"1000000.00\"");
    }

    @Test
    void aRefusedChangeWritesNothing() throws SQLException {
        actAs("officer-8");
        load(client, List.of(retail("AU-3", DAY, "100.00").setDaysPastDuePrincipal(120)));
        Map<String, String> before = TableFingerprints.all(dataSource);

        assertThatThrownBy(() -> officer.registerLoan(RegisterLoanRequest.newBuilder()
                .setLoan(TestBook.loan("AU-3", "P-AU-3", BorrowerKind.BORROWER_KIND_RETAIL)).build()))
                .isInstanceOf(StatusRuntimeException.class);
        assertThatThrownBy(() -> load(client, List.of(facts("AU-3", DAY.plusDays(1), "-1.00")))).isInstanceOf(StatusRuntimeException.class);
        assertThatThrownBy(() -> officer.proposeOverride(ProposeOverrideRequest.newBuilder().setLoanId("AU-3")
                .setCategory(LoanCategory.LOAN_CATEGORY_NORMAL).setReason("looks fine to me").setEffectiveFrom(Dates.toDate(DAY)).build()))
                .isInstanceOf(StatusRuntimeException.class);

        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
    }
}
