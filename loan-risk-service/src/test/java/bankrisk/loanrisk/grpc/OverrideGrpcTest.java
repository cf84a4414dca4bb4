package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.AuditEvent;
import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.ListAuditEventsResponse;
import bank.common.v1.PageRequest;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.DecideOverrideRequest;
import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.OverrideProposal;
import bank.loanrisk.v1.OverrideStatus;
import bank.loanrisk.v1.ProposeOverrideRequest;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.SchemaOwner;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** Maker-checker by token identity on loans whose facts are dated 2025-05-31. */
@QuarkusTest
class OverrideGrpcTest {

    static final LocalDate MAY = LocalDate.of(2025, 5, 31);
    static final LocalDate JUNE = LocalDate.of(2025, 6, 30);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @GrpcClient("loanrisk")
    SnapshotServiceBlockingStub snapshotService;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticate() {
        client = TestBook.asOfficer(client);
        snapshotService = TestBook.asOfficer(snapshotService);
    }

    @Test
    void aProposalApprovedByASecondPersonAppliesAndEveryRejectionIsAFailedPrecondition() {
        load(client, List.of(retail("O-1", MAY, "5000.00").setDaysPastDuePrincipal(100), retail("O-2", MAY, "7000.00")));

        assertFailedPrecondition(() -> propose("O-1", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "maker-1"),
                "OVERRIDE_BETTER_THAN_FLOOR", "proposed SPECIAL_MENTION is better than the rule floor SUBSTANDARD (DPD_OVER_90)");

        OverrideProposal pending = propose("O-1", LoanCategory.LOAN_CATEGORY_DOUBTFUL, "maker-1");
        assertThat(pending.getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_PENDING);
        assertThat(pending.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(pending.getDecidedBy()).isEmpty();

        assertFailedPrecondition(() -> approver("maker-1").approveOverride(decide(pending)), "SAME_PERSON",
                "proposal " + pending.getProposalId() + " was made by maker-1; a different person must decide it");
        assertFailedPrecondition(() -> approver("maker-1").rejectOverride(decide(pending)), "SAME_PERSON", null);

        OverrideProposal approved = approver("checker-1").approveOverride(decide(pending));
        assertThat(approved.getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_APPROVED);
        assertThat(approved.getDecidedBy()).isEqualTo("checker-1");
        assertThat(approved.getDecisionComment()).isEqualTo("agreed");

        assertFailedPrecondition(() -> approver("checker-2").approveOverride(decide(pending)), "ALREADY_DECIDED", null);
        assertFailedPrecondition(() -> approver("checker-2").rejectOverride(decide(pending)), "ALREADY_DECIDED", null);

        OverrideProposal other = propose("O-2", LoanCategory.LOAN_CATEGORY_LOSS, "maker-1");
        assertThat(approver("checker-1").rejectOverride(decide(other)).getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_REJECTED);

        List<ClassificationProgress> run = classify(client, JUNE);
        List<SnapshotGrade> grades = TestBook.streamGrades(snapshotService, run.get(run.size() - 1).getSnapshot().getSnapshotId());
        assertThat(grades).filteredOn(g -> g.getLoanId().equals("O-1")).singleElement().satisfies(g -> {
            assertThat(g.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_DOUBTFUL);
            assertThat(g.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
            assertThat(g.getReasonCodesList()).containsExactly("OVERRIDE_APPROVED");
        });
        assertThat(grades).filteredOn(g -> g.getLoanId().equals("O-2")).singleElement()
                .satisfies(g -> assertThat(g.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL));
        assertThat(auditor().getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId("O-1").setAsOf(Dates.toDate(JUNE)).build())
                .getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_DOUBTFUL);

        // Who is the token's subject, why is the proposal's reason and the decision's comment.
        ListAuditEventsResponse trail = auditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/O-1").build());
        assertThat(trail.getEventsList()).extracting(AuditEvent::getAction, AuditEvent::getActor, AuditEvent::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OVERRIDE_APPROVED", "checker-1", "agreed"),
                        org.assertj.core.groups.Tuple.tuple("OVERRIDE_PROPOSED", "maker-1", "borrower lost main customer"));
        assertThat(trail.getPage().getTotalSize()).isEqualTo(2);

        ListAuditEventsResponse first = auditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/O-1")
                .setPage(PageRequest.newBuilder().setPageSize(1)).build());
        ListAuditEventsResponse second = auditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/O-1")
                .setPage(PageRequest.newBuilder().setPageSize(1).setPageToken(first.getPage().getNextPageToken())).build());
        assertThat(first.getEvents(0).getAction()).isEqualTo("OVERRIDE_APPROVED");
        assertThat(second.getEvents(0).getAction()).isEqualTo("OVERRIDE_PROPOSED");
        assertThat(second.getPage().getNextPageToken()).isEmpty();
    }

    @Test
    void theProposerUnderAnotherSpellingOfTheirLoginIsStillTheSamePerson() {
        load(client, List.of(retail("O-5", MAY, "900.00")));
        OverrideProposal pending = propose("O-5", LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "bob");

        // Identity providers compare logins case-insensitively: "Bob" and "BOB" are bob (full-width "ｂｏｂ" too).
        for (String bob : List.of("Bob", "BOB", "ｂｏｂ")) {
            assertFailedPrecondition(() -> approver(bob).approveOverride(decide(pending)), "SAME_PERSON", null);
            assertFailedPrecondition(() -> approver(bob).rejectOverride(decide(pending)), "SAME_PERSON", null);
        }
        assertThat(approver("Bobby").approveOverride(decide(pending)).getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_APPROVED);
    }

    @Test
    void whoeverHoldsBothRolesStillCannotDecideTheirOwnProposal() {
        load(client, List.of(retail("O-4", MAY, "800.00")));
        LoanRiskServiceBlockingStub both = TestBook.as(loanRisk, "officer-and-approver-1", Roles.RISK_OFFICER, Roles.RISK_APPROVER);
        OverrideProposal own = both.proposeOverride(request("O-4", LoanCategory.LOAN_CATEGORY_SUBSTANDARD).build());

        assertThat(own.getProposedBy()).isEqualTo("officer-and-approver-1");
        assertFailedPrecondition(() -> both.approveOverride(decide(own)), "SAME_PERSON", null);
        assertFailedPrecondition(() -> both.rejectOverride(decide(own)), "SAME_PERSON", null);

        // The refused decisions changed nothing: still pending, only the proposal in the trail.
        assertThat(auditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/O-4").build()).getEventsList())
                .extracting(AuditEvent::getAction).containsExactly("OVERRIDE_PROPOSED");
        OverrideProposal decided = approver("checker-1").approveOverride(decide(own));
        assertThat(decided.getDecidedBy()).isEqualTo("checker-1");
        assertThat(decided.getProposedBy()).isEqualTo("officer-and-approver-1");
    }

    @Test
    void badProposalsAreRejectedAndLeaveNoTrace() {
        load(client, List.of(retail("O-3", MAY, "100.00")));

        assertThatThrownBy(() -> maker("maker-1").proposeOverride(ProposeOverrideRequest.newBuilder().setLoanId("O-3").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsOnlyKeys("category", "reason", "effective_from"));
        assertThatThrownBy(() -> propose("O-404", LoanCategory.LOAN_CATEGORY_LOSS, "maker-1"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> maker("maker-1").proposeOverride(request("O-3", LoanCategory.LOAN_CATEGORY_LOSS)
                .setEffectiveFrom(Dates.toDate(MAY.minusDays(1))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.reason(e)).contains("NO_FACTS"));
        assertThatThrownBy(() -> approver("checker-1").approveOverride(DecideOverrideRequest.newBuilder().setProposalId(999999)
                .build())).isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(auditor().listAuditEvents(ListAuditEventsRequest.newBuilder().setSubject("loan/O-3").build()).getEventsList())
                .isEmpty();
    }

    @Test
    void theAuditTrailAndSnapshotsRefuseUpdatesAndDeletesEvenToTheirOwner() throws SQLException {
        // The service's own login is refused by privileges already (AuditTrailAccessTest); the triggers hold the owner.
        try (Connection c = SchemaOwner.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE audit_event SET actor = 'mallory'"))
                    .hasMessageContaining("audit_event is append-only: UPDATE refused");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_event"))
                    .hasMessageContaining("audit_event is append-only: DELETE refused");
            assertThatThrownBy(() -> st.executeUpdate("TRUNCATE audit_event"))
                    .hasMessageContaining("audit_event is append-only: TRUNCATE refused");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE snapshot_grade SET category = 1"))
                    .hasMessageContaining("snapshot_grade is append-only: UPDATE refused");
        }
    }

    private OverrideProposal propose(String loanId, LoanCategory category, String maker) {
        return maker(maker).proposeOverride(request(loanId, category).build());
    }

    private LoanRiskServiceBlockingStub maker(String subject) {
        return TestBook.as(loanRisk, subject, Roles.RISK_OFFICER);
    }

    private LoanRiskServiceBlockingStub approver(String subject) {
        return TestBook.as(loanRisk, subject, Roles.RISK_APPROVER);
    }

    private LoanRiskServiceBlockingStub auditor() {
        return TestBook.as(loanRisk, "auditor-1", Roles.AUDITOR);
    }

    static ProposeOverrideRequest.Builder request(String loanId, LoanCategory category) {
        return ProposeOverrideRequest.newBuilder().setLoanId(loanId).setCategory(category).setReason("borrower lost main customer")
                .setEffectiveFrom(Dates.toDate(MAY));
    }

    static DecideOverrideRequest decide(OverrideProposal proposal) {
        return DecideOverrideRequest.newBuilder().setProposalId(proposal.getProposalId()).setComment("agreed").build();
    }

    static void assertFailedPrecondition(Runnable call, String reason, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(StatusDetails.reason(e)).contains(reason);
            if (message != null) {
                assertThat(e.getStatus().getDescription()).isEqualTo(message);
            }
        });
    }
}
