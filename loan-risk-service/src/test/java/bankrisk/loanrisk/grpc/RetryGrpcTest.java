package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.OverrideGrpcTest.assertFailedPrecondition;
import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.DecideOverrideRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.OverrideProposal;
import bank.loanrisk.v1.OverrideStatus;
import bank.loanrisk.v1.ProposeOverrideRequest;
import bank.loanrisk.v1.RegisterLoanRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.TableFingerprints;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every write RPC sent twice with the same request (a client retrying after a lost answer) leaves the state of one
 * application: the second call is refused or answered from what the first stored, and no row or audit entry is
 * added. Facts are dated 2027, after every other test's dates.
 */
@QuarkusTest
class RetryGrpcTest {

    static final LocalDate MARCH = LocalDate.of(2027, 3, 31);
    static final LocalDate APRIL = LocalDate.of(2027, 4, 30);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @Inject
    DataSource dataSource;

    private LoanRiskServiceBlockingStub officer;

    @BeforeEach
    void authenticate() {
        client = TestBook.asOfficer(client);
        officer = TestBook.asOfficer(loanRisk);
    }

    @Test
    void registeringALoanTwiceIsAlreadyExistsAndBooksItOnce() throws SQLException {
        RegisterLoanRequest request = RegisterLoanRequest.newBuilder()
                .setLoan(TestBook.loan("RT-1", "P-RT-1", BorrowerKind.BORROWER_KIND_RETAIL)).build();
        officer.registerLoan(request);
        Map<String, String> afterFirst = TableFingerprints.all(dataSource);

        assertThatThrownBy(() -> officer.registerLoan(request)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));

        assertThat(TableFingerprints.all(dataSource)).isEqualTo(afterFirst);
        assertThat(TableFingerprints.count(dataSource, "audit_event", "subject = 'loan/RT-1' AND action = 'LOAN_REGISTERED'"))
                .isEqualTo(1);
    }

    @Test
    void loadingTheSameStreamTwiceStoresItOnceAndTheRetryReportsEveryRowUnchanged() throws SQLException {
        List<LoadLoanFactsRequest.Builder> rows = List.of(retail("RT-2", MARCH, "100.00"), retail("RT-3", MARCH, "200.00")
                .setDaysPastDuePrincipal(40));
        LoadLoanFactsResponse first = load(client, rows);
        Map<String, String> afterFirst = TableFingerprints.all(dataSource);

        LoadLoanFactsResponse retry = load(client, rows);

        assertThat(first.getFactsInserted()).isEqualTo(2);
        assertThat(first.getLoansRegistered()).isEqualTo(2);
        assertThat(retry.getRowsReceived()).isEqualTo(2);
        assertThat(retry.getFactsUnchanged()).isEqualTo(2);
        assertThat(retry.getFactsInserted() + retry.getFactsUpdated() + retry.getLoansRegistered() + retry.getLoansUpdated()).isZero();
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(afterFirst);
    }

    @Test
    void classifyingTheSameDateTwiceReturnsTheOneSnapshot() throws SQLException {
        load(client, List.of(retail("RT-4", APRIL, "300.00").setDaysPastDuePrincipal(95)));
        List<ClassificationProgress> first = classify(client, APRIL);
        Map<String, String> afterFirst = TableFingerprints.all(dataSource);

        List<ClassificationProgress> retry = classify(client, APRIL);

        String snapshotId = first.get(first.size() - 1).getSnapshot().getSnapshotId();
        assertThat(first.get(first.size() - 1).getAlreadyExisted()).isFalse();
        assertThat(retry).singleElement().satisfies(p -> {
            assertThat(p.getAlreadyExisted()).isTrue();
            assertThat(p.getSnapshot().getSnapshotId()).isEqualTo(snapshotId);
            assertThat(p.getSnapshot().getFingerprint()).isEqualTo(first.get(first.size() - 1).getSnapshot().getFingerprint());
        });
        assertThat(TableFingerprints.count(dataSource, "snapshot", "as_of_date = DATE '2027-04-30'")).isEqualTo(1);
        assertThat(TableFingerprints.count(dataSource, "audit_event", "action = 'SNAPSHOT_CREATED'"
                + " AND details ->> 'as_of' = '2027-04-30'")).isEqualTo(1);
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(afterFirst);
    }

    /**
     * A retried proposal is refused (PROPOSAL_PENDING, naming the pending one): a loan has one pending proposal at a
     * time, so the client that lost the first answer finds its proposal, not a twin. A retried decision is
     * ALREADY_DECIDED.
     */
    @Test
    void aRetriedProposalIsRefusedAsPendingAndARetriedApprovalAsAlreadyDecided() throws SQLException {
        load(client, List.of(retail("RT-5", MARCH, "500.00")));
        ProposeOverrideRequest proposal = ProposeOverrideRequest.newBuilder().setLoanId("RT-5")
                .setCategory(LoanCategory.LOAN_CATEGORY_SUBSTANDARD).setReason("main customer insolvent")
                .setEffectiveFrom(Dates.toDate(MARCH)).build();
        OverrideProposal proposed = TestBook.as(loanRisk, "maker-1", Roles.RISK_OFFICER).proposeOverride(proposal);
        Map<String, String> afterProposal = TableFingerprints.all(dataSource);

        assertFailedPrecondition(() -> TestBook.as(loanRisk, "maker-1", Roles.RISK_OFFICER).proposeOverride(proposal),
                "PROPOSAL_PENDING", "loan RT-5 already has a pending override proposal (" + proposed.getProposalId()
                        + " by maker-1); decide it first");
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(afterProposal);

        DecideOverrideRequest decision = DecideOverrideRequest.newBuilder().setProposalId(proposed.getProposalId())
                .setComment("confirmed with branch").build();
        LoanRiskServiceBlockingStub checker = TestBook.as(loanRisk, "checker-1", Roles.RISK_APPROVER);
        assertThat(checker.approveOverride(decision).getStatus()).isEqualTo(OverrideStatus.OVERRIDE_STATUS_APPROVED);
        Map<String, String> afterApproval = TableFingerprints.all(dataSource);

        assertFailedPrecondition(() -> checker.approveOverride(decision), "ALREADY_DECIDED",
                "proposal " + proposed.getProposalId() + " was already APPROVED by checker-1");
        assertFailedPrecondition(() -> checker.rejectOverride(decision), "ALREADY_DECIDED", null);

        assertThat(TableFingerprints.all(dataSource)).isEqualTo(afterApproval);
        assertThat(TableFingerprints.count(dataSource, "audit_event", "subject = 'loan/RT-5'")).isEqualTo(2);
    }
}
