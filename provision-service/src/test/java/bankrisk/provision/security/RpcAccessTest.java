package bankrisk.provision.security;

import static bankrisk.common.security.Roles.AUDITOR;
import static bankrisk.common.security.Roles.FINANCE;
import static bankrisk.common.security.Roles.FINANCE_APPROVER;
import static bankrisk.common.security.Roles.RISK_OFFICER;

import java.util.List;
import java.util.Map;
import java.util.Set;

import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RegulatoryReturnsServiceGrpc;
import bankrisk.testing.RpcAccessContract;
import io.grpc.ServiceDescriptor;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what on the provision service: finance changes (policies, runs) and makes the close steps,
 * finance-approver checks them (approve or reject a run or a reversal, close a period), finance and auditors read; the
 * regulator's returns are also the risk officer's.
 */
@QuarkusTest
class RpcAccessTest extends RpcAccessContract {

    private static final String SERVICE_NAME = "bank.provision.v1.ProvisionService/";
    private static final Set<String> CHANGE = Set.of(FINANCE);
    private static final Set<String> CHECK = Set.of(FINANCE_APPROVER);
    private static final Set<String> READ = Set.of(FINANCE, AUDITOR);
    /** The regulator's returns: finance and auditors read them, the risk officer files them. */
    private static final Set<String> RETURNS = Set.of(FINANCE, AUDITOR, RISK_OFFICER);
    private static final String RETURNS_NAME = "bank.provision.v1.RegulatoryReturnsService/";

    @Override
    protected List<ServiceDescriptor> services() {
        return List.of(ProvisionServiceGrpc.getServiceDescriptor(), RegulatoryReturnsServiceGrpc.getServiceDescriptor());
    }

    @Override
    protected Map<String, Set<String>> rolesByMethod() {
        return Map.ofEntries(
                Map.entry(SERVICE_NAME + "CreatePolicy", CHANGE),
                Map.entry(SERVICE_NAME + "GetPolicy", READ),
                Map.entry(SERVICE_NAME + "RunProvisioning", CHANGE),
                Map.entry(SERVICE_NAME + "GetRun", READ),
                Map.entry(SERVICE_NAME + "GetMovement", READ),
                Map.entry(SERVICE_NAME + "GetJournal", READ),
                Map.entry(SERVICE_NAME + "GetReport", READ),
                Map.entry(SERVICE_NAME + "ListAuditEvents", READ),
                Map.entry(SERVICE_NAME + "SubmitRun", CHANGE),
                Map.entry(SERVICE_NAME + "ApproveRun", CHECK),
                Map.entry(SERVICE_NAME + "RejectRun", CHECK),
                Map.entry(SERVICE_NAME + "PostRun", CHANGE),
                Map.entry(SERVICE_NAME + "RequestReversal", CHANGE),
                Map.entry(SERVICE_NAME + "ApproveReversal", CHECK),
                Map.entry(SERVICE_NAME + "ClosePeriod", CHECK),
                Map.entry(SERVICE_NAME + "GetPosting", READ),
                Map.entry(SERVICE_NAME + "ListRuns", READ),
                Map.entry(SERVICE_NAME + "ListPolicies", READ),
                Map.entry(SERVICE_NAME + "StreamRunLines", READ),
                Map.entry(RETURNS_NAME + "GetG11", RETURNS),
                Map.entry(RETURNS_NAME + "GetG12", RETURNS),
                Map.entry(RETURNS_NAME + "GetG13", RETURNS));
    }
}
