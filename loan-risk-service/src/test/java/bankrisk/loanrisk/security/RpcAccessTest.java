package bankrisk.loanrisk.security;

import static bankrisk.common.security.Roles.AUDITOR;
import static bankrisk.common.security.Roles.RISK_APPROVER;
import static bankrisk.common.security.Roles.RISK_OFFICER;
import static bankrisk.common.security.Roles.SERVICE;

import java.util.List;
import java.util.Map;
import java.util.Set;

import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bankrisk.testing.RpcAccessContract;
import io.grpc.ServiceDescriptor;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what on loan-risk: officers change the book, record loan events, run classifications and propose
 * overrides and write-offs; approvers decide overrides and write-offs; auditors read everything; other services read grades and snapshots and pre-check applications.
 */
@QuarkusTest
class RpcAccessTest extends RpcAccessContract {

    private static final String LOAN_RISK = "bank.loanrisk.v1.LoanRiskService/";
    private static final String SNAPSHOTS = "bank.loanrisk.v1.SnapshotService/";
    private static final Set<String> OFFICER = Set.of(RISK_OFFICER);
    private static final Set<String> APPROVER = Set.of(RISK_APPROVER);
    private static final Set<String> READ = Set.of(RISK_OFFICER, RISK_APPROVER, AUDITOR, SERVICE);
    /** The checkers' inboxes and data-quality lists: people of the bank, not other services. */
    private static final Set<String> INBOX = Set.of(RISK_OFFICER, RISK_APPROVER, AUDITOR);

    @Override
    protected List<ServiceDescriptor> services() {
        return List.of(LoanRiskServiceGrpc.getServiceDescriptor(), SnapshotServiceGrpc.getServiceDescriptor());
    }

    @Override
    protected Map<String, Set<String>> rolesByMethod() {
        return Map.ofEntries(
                Map.entry(LOAN_RISK + "RegisterLoan", OFFICER),
                Map.entry(LOAN_RISK + "GetLoan", READ),
                Map.entry(LOAN_RISK + "LoadLoanFacts", OFFICER),
                Map.entry(LOAN_RISK + "LoadLoanFactsBatches", OFFICER),
                Map.entry(LOAN_RISK + "ClassifyPortfolio", OFFICER),
                Map.entry(LOAN_RISK + "GetLoanGrade", READ),
                Map.entry(LOAN_RISK + "GetSnapshotSummary", READ),
                Map.entry(LOAN_RISK + "GetMigrationMatrix", READ),
                Map.entry(LOAN_RISK + "ProposeOverride", OFFICER),
                Map.entry(LOAN_RISK + "ApproveOverride", APPROVER),
                Map.entry(LOAN_RISK + "RejectOverride", APPROVER),
                Map.entry(LOAN_RISK + "ListAuditEvents", Set.of(RISK_OFFICER, RISK_APPROVER, AUDITOR)),
                Map.entry(LOAN_RISK + "PreCheckConsumerLoan", Set.of(RISK_OFFICER, SERVICE)),
                Map.entry(LOAN_RISK + "RecordLoanEvent", OFFICER),
                Map.entry(LOAN_RISK + "LoadLoanEvents", OFFICER),
                Map.entry(LOAN_RISK + "ListLoanEvents", READ),
                Map.entry(LOAN_RISK + "ApproveWriteOff", APPROVER),
                Map.entry(LOAN_RISK + "RejectWriteOff", APPROVER),
                Map.entry(LOAN_RISK + "ListPendingWriteOffs", INBOX),
                Map.entry(LOAN_RISK + "ListPendingOverrides", INBOX),
                Map.entry(LOAN_RISK + "ListLoans", READ),
                Map.entry(LOAN_RISK + "GetLoanHistory", READ),
                Map.entry(LOAN_RISK + "PutFxRates", OFFICER),
                Map.entry(LOAN_RISK + "ReconcileSnapshots", INBOX),
                Map.entry(SNAPSHOTS + "GetSnapshot", READ),
                Map.entry(SNAPSHOTS + "StreamSnapshotGrades", READ),
                Map.entry(SNAPSHOTS + "StreamSnapshotGradeBatches", READ),
                Map.entry(SNAPSHOTS + "StreamSnapshotFlows", READ));
    }
}
