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

import org.junit.jupiter.api.Test;

import bank.common.v1.PageRequest;
import bank.loanrisk.v1.AuditEvent;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.DecideOverrideRequest;
import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.ListAuditEventsRequest;
import bank.loanrisk.v1.ListAuditEventsResponse;
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
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** Maker-checker on loans whose facts are dated 2025-05-31. */
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

    @Test
    void aProposalApprovedByASecondPersonAppliesAndEveryRejectionIsAFailedPrecondition() {
        load(client, List.of(retail("O-1", MAY, "5000.00").setDaysPastDuePrincipal(100), retail("O-2", MAY, "7000.00")));

        assertFailedPrecondition(() -> propose("O-1", LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "maker-1"),
                "OVERRIDE_BETTER_THAN_FLOOR", "proposed SPECIAL_MENTION is better than the rule floor SUBSTANDARD (DPD_OVER_90)");

        OverrideProposal pending = propose("O-1", LoanCategory.LOAN_CATEGORY_DOUBTFUL, "maker-1");
        assertThat(pending.getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_PENDING);
        assertThat(pending.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
        assertThat(pending.getDecidedBy()).isEmpty();

        assertFailedPrecondition(() -> loanRisk.approveOverride(decide(pending, "maker-1")), "SAME_PERSON",
                "proposal " + pending.getProposalId() + " was made by maker-1; a different person must decide it");
        assertFailedPrecondition(() -> loanRisk.rejectOverride(decide(pending, "maker-1")), "SAME_PERSON", null);

        OverrideProposal approved = loanRisk.approveOverride(decide(pending, "checker-1"));
        assertThat(approved.getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_APPROVED);
        assertThat(approved.getDecidedBy()).isEqualTo("checker-1");
        assertThat(approved.getDecisionComment()).isEqualTo("agreed");

        assertFailedPrecondition(() -> loanRisk.approveOverride(decide(pending, "checker-2")), "ALREADY_DECIDED", null);
        assertFailedPrecondition(() -> loanRisk.rejectOverride(decide(pending, "checker-2")), "ALREADY_DECIDED", null);

        OverrideProposal other = propose("O-2", LoanCategory.LOAN_CATEGORY_LOSS, "maker-1");
        assertThat(loanRisk.rejectOverride(decide(other, "checker-1")).getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_REJECTED);

        List<ClassificationProgress> run = classify(client, JUNE);
        List<SnapshotGrade> grades = TestBook.streamGrades(snapshotService, run.get(run.size() - 1).getSnapshot().getSnapshotId());
        assertThat(grades).filteredOn(g -> g.getLoanId().equals("O-1")).singleElement().satisfies(g -> {
            assertThat(g.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_DOUBTFUL);
            assertThat(g.getRuleFloor()).isEqualTo(LoanCategory.LOAN_CATEGORY_SUBSTANDARD);
            assertThat(g.getReasonCodesList()).containsExactly("OVERRIDE_APPROVED");
        });
        assertThat(grades).filteredOn(g -> g.getLoanId().equals("O-2")).singleElement()
                .satisfies(g -> assertThat(g.getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_NORMAL));
        assertThat(loanRisk.getLoanGrade(GetLoanGradeRequest.newBuilder().setLoanId("O-1").setAsOf(Dates.toDate(JUNE)).build())
                .getCategory()).isEqualTo(LoanCategory.LOAN_CATEGORY_DOUBTFUL);

        ListAuditEventsResponse trail = loanRisk.listAuditEvents(ListAuditEventsRequest.newBuilder().setLoanId("O-1").build());
        assertThat(trail.getEventsList()).extracting(AuditEvent::getKind, AuditEvent::getActor).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OVERRIDE_APPROVED", "checker-1"),
                org.assertj.core.groups.Tuple.tuple("OVERRIDE_PROPOSED", "maker-1"));
        assertThat(trail.getPage().getTotalSize()).isEqualTo(2);

        ListAuditEventsResponse first = loanRisk.listAuditEvents(ListAuditEventsRequest.newBuilder().setLoanId("O-1")
                .setPage(PageRequest.newBuilder().setPageSize(1)).build());
        ListAuditEventsResponse second = loanRisk.listAuditEvents(ListAuditEventsRequest.newBuilder().setLoanId("O-1")
                .setPage(PageRequest.newBuilder().setPageSize(1).setPageToken(first.getPage().getNextPageToken())).build());
        assertThat(first.getEvents(0).getKind()).isEqualTo("OVERRIDE_APPROVED");
        assertThat(second.getEvents(0).getKind()).isEqualTo("OVERRIDE_PROPOSED");
        assertThat(second.getPage().getNextPageToken()).isEmpty();
    }

    @Test
    void badProposalsAreRejectedAndLeaveNoTrace() {
        load(client, List.of(retail("O-3", MAY, "100.00")));

        assertThatThrownBy(() -> loanRisk.proposeOverride(ProposeOverrideRequest.newBuilder().setLoanId("O-3").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsOnlyKeys("category", "reason", "actor", "effective_from"));
        assertThatThrownBy(() -> propose("O-404", LoanCategory.LOAN_CATEGORY_LOSS, "maker-1"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> loanRisk.proposeOverride(request("O-3", LoanCategory.LOAN_CATEGORY_LOSS, "maker-1")
                .setEffectiveFrom(Dates.toDate(MAY.minusDays(1))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.reason(e)).contains("NO_FACTS"));
        assertThatThrownBy(() -> loanRisk.approveOverride(DecideOverrideRequest.newBuilder().setProposalId(999999).setActor("c")
                .build())).isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(loanRisk.listAuditEvents(ListAuditEventsRequest.newBuilder().setLoanId("O-3").build()).getEventsList()).isEmpty();
    }

    @Test
    void theAuditTrailRefusesUpdatesAndDeletes() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE audit_event SET actor = 'mallory'"))
                    .hasMessageContaining("audit_event is append-only: UPDATE refused");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_event"))
                    .hasMessageContaining("audit_event is append-only: DELETE refused");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE snapshot_grade SET category = 1"))
                    .hasMessageContaining("snapshot_grade is append-only: UPDATE refused");
        }
    }

    private OverrideProposal propose(String loanId, LoanCategory category, String actor) {
        return loanRisk.proposeOverride(request(loanId, category, actor).build());
    }

    private static ProposeOverrideRequest.Builder request(String loanId, LoanCategory category, String actor) {
        return ProposeOverrideRequest.newBuilder().setLoanId(loanId).setCategory(category).setReason("borrower lost main customer")
                .setActor(actor).setEffectiveFrom(Dates.toDate(MAY));
    }

    private static DecideOverrideRequest decide(OverrideProposal proposal, String actor) {
        return DecideOverrideRequest.newBuilder().setProposalId(proposal.getProposalId()).setActor(actor).setComment("agreed").build();
    }

    private static void assertFailedPrecondition(Runnable call, String reason, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(StatusDetails.reason(e)).contains(reason);
            if (message != null) {
                assertThat(e.getStatus().getDescription()).isEqualTo(message);
            }
        });
    }
}
