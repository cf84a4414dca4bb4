package bankrisk.provision.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bank.common.v1.AuditEvent;
import bank.common.v1.ListAuditEventsRequest;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.PolicyRequests;
import bankrisk.provision.TestDatabase;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.SchemaOwner;
import bankrisk.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every change leaves who, when, what and why in {@code audit_event}, in the transaction of the change: a policy
 * created, a run completed, a run reused. A failed change leaves nothing, and PostgreSQL refuses to alter the log.
 */
@QuarkusTest
class AuditTrailTest {

    private static final Metadata.Key<String> REASON = Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @Inject
    DataSource dataSource;

    @Test
    void aCreatedPolicyIsAuditedWithTheTokensSubjectAndTheReasonHeader() throws Exception {
        as("fin-alice", Roles.FINANCE, "年度復核 annual review, ticket #42").createPolicy(PolicyRequests.pboc2002As("AUDIT-POL", LocalDate.of(2024, 1, 1)));

        List<AuditEvent> events = asAuditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("policy/AUDIT-POL/1").build())
                .getEventsList();

        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.getActor()).isEqualTo("fin-alice");
        assertThat(event.getAction()).isEqualTo("POLICY_CREATED");
        assertThat(event.getReason()).isEqualTo("年度復核 annual review, ticket #42");
        assertThat(event.getOccurredAt()).isNotEmpty();
        JsonNode details = new ObjectMapper().readTree(event.getDetailsJson());
        assertThat(details.get("effective_from").asText()).isEqualTo("2024-01-01");
        assertThat(details.get("rates").asText()).isEqualTo("NORMAL=0 SPECIAL_MENTION=0.02 SUBSTANDARD=0.25 DOUBTFUL=0.5 LOSS=1");
    }

    @Test
    void aCompletedRunIsAuditedWithItsTotalsAndARepeatAsReused() throws Exception {
        as("fin-alice", Roles.FINANCE, "").createPolicy(PolicyRequests.pboc2002As("AUDIT-RUN", LocalDate.of(2024, 1, 1)));

        ProvisionRun run = last(as("fin-bob", Roles.FINANCE, "month-end December").runProvisioning(request("AUDIT-RUN"))).getRun();
        RunProvisioningProgress again = last(as("fin-carol", Roles.FINANCE, "re-run after timeout").runProvisioning(request("AUDIT-RUN")));

        assertThat(again.getPhase()).isEqualTo(RunPhase.RUN_PHASE_REUSED);
        assertThat(again.getRun().getRunId()).isEqualTo(run.getRunId());
        List<AuditEvent> events = asAuditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("run/" + run.getRunId()).build())
                .getEventsList();
        assertThat(events).extracting(e -> e.getAction() + " by " + e.getActor() + ": " + e.getReason())
                .containsExactly("RUN_REUSED by fin-carol: re-run after timeout", "RUN_COMPLETED by fin-bob: month-end December");
        for (AuditEvent event : events) {
            JsonNode details = new ObjectMapper().readTree(event.getDetailsJson());
            assertThat(details.get("run_id").asLong()).isEqualTo(run.getRunId());
            assertThat(details.get("loan_count").asLong()).isEqualTo(7);
            assertThat(details.get("total_balance").asText()).isEqualTo("1466790.12");
            assertThat(details.get("allowance").asText()).isEqualTo("99598.78");
            assertThat(details.get("policy").asText()).isEqualTo("AUDIT-RUN v1");
            assertThat(details.get("fingerprint").asText()).isEqualTo(run.getFingerprint());
        }
    }

    @Test
    void aFailedRunOrARefusedPolicyWritesNoEntry() {
        as("fin-alice", Roles.FINANCE, "").createPolicy(PolicyRequests.pboc2002As("AUDIT-TWICE", LocalDate.of(2024, 1, 1)));
        long before = count("SELECT count(*) FROM audit_event");

        assertThatThrownBy(() -> last(as("fin-bob", Roles.FINANCE, "").runProvisioning(RunProvisioningRequest.newBuilder()
                .setAsOf(Dates.toDate(FakeLoanRisk.USD_ROW)).setPolicyCode("PBOC-2002").setPolicyVersion(1).build())))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertThatThrownBy(() -> as("fin-bob", Roles.FINANCE, "").createPolicy(PolicyRequests.pboc2002As("AUDIT-TWICE", LocalDate.of(2024, 1, 1))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));

        assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(before);
    }

    @Test
    void theDatabaseRefusesToUpdateDeleteOrTruncateTheLogEvenToItsOwner() {
        // The service's own login is refused by privileges already (AuditTrailAccessTest); the triggers hold the owner.
        as("fin-alice", Roles.FINANCE, "").createPolicy(PolicyRequests.pboc2002As("AUDIT-LOCK", LocalDate.of(2024, 1, 1)));
        long before = count("SELECT count(*) FROM audit_event");

        for (String change : List.of("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event", "TRUNCATE audit_event")) {
            assertThatThrownBy(() -> SchemaOwner.execute(change)).as(change).isInstanceOf(SQLException.class)
                    .hasMessageContaining("audit_event is append-only");
        }

        assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM audit_event WHERE actor = 'mallory'")).isZero();
    }

    @Test
    void aReasonTooLongIsRefusedBeforeAnythingChanges() {
        long before = count("SELECT count(*) FROM audit_event");

        assertThatThrownBy(() -> as("fin-alice", Roles.FINANCE, "x".repeat(1001)).createPolicy(PolicyRequests.pboc2002As("AUDIT-LONG", LocalDate.of(2024, 1, 1))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));

        assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM provision_policy WHERE policy_code = 'AUDIT-LONG'")).isZero();
    }

    private ProvisionServiceBlockingStub as(String subject, String role, String reason) {
        Metadata headers = TestTokens.headers(subject, role);
        if (!reason.isEmpty()) {
            headers.put(REASON, URLEncoder.encode(reason, StandardCharsets.UTF_8));
        }
        return GrpcClientUtils.attachHeaders(provision, headers);
    }

    private ProvisionServiceBlockingStub asAuditor() {
        return GrpcClientUtils.attachHeaders(provision, TestTokens.headers("auditor-1", Roles.AUDITOR));
    }

    private static RunProvisioningRequest request(String policyCode) {
        return RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.DEC)).setPolicyCode(policyCode).setPolicyVersion(1).build();
    }

    private static RunProvisioningProgress last(java.util.Iterator<RunProvisioningProgress> progress) {
        List<RunProvisioningProgress> all = new ArrayList<>();
        progress.forEachRemaining(all::add);
        return all.get(all.size() - 1);
    }

    private long count(String sql) {
        return TestDatabase.count(dataSource, sql);
    }
}
