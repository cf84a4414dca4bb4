package bankrisk.tiering.security;

import static bankrisk.common.security.Roles.AUDITOR;
import static bankrisk.common.security.Roles.SERVICE;
import static bankrisk.common.security.Roles.TIER_ADMIN;
import static bankrisk.common.security.Roles.TIER_APPROVER;

import java.util.List;
import java.util.Map;
import java.util.Set;

import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.testing.RpcAccessContract;
import io.grpc.ServiceDescriptor;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what on the tiering service: administrators change, auditors and other services read; manual tier
 * floors are proposed by administrators and decided by tier approvers only; the audit log is for administrators and
 * auditors only.
 */
@QuarkusTest
class RpcAccessTest extends RpcAccessContract {

    private static final String SERVICE_NAME = "bank.tiering.v1.TieringService/";
    private static final Set<String> CHANGE = Set.of(TIER_ADMIN);
    private static final Set<String> READ = Set.of(TIER_ADMIN, AUDITOR, SERVICE);

    @Override
    protected List<ServiceDescriptor> services() {
        return List.of(TieringServiceGrpc.getServiceDescriptor());
    }

    @Override
    protected Map<String, Set<String>> rolesByMethod() {
        return Map.ofEntries(
                Map.entry(SERVICE_NAME + "CreateCustomer", CHANGE),
                Map.entry(SERVICE_NAME + "GetCustomer", READ),
                Map.entry(SERVICE_NAME + "LoadBalances", CHANGE),
                Map.entry(SERVICE_NAME + "PutBalances", CHANGE),
                Map.entry(SERVICE_NAME + "PutFxRates", CHANGE),
                Map.entry(SERVICE_NAME + "CreateScheme", CHANGE),
                Map.entry(SERVICE_NAME + "ListSchemes", READ),
                Map.entry(SERVICE_NAME + "CreateValueClassScheme", CHANGE),
                Map.entry(SERVICE_NAME + "ListValueClassSchemes", READ),
                Map.entry(SERVICE_NAME + "EvaluateMonth", CHANGE),
                Map.entry(SERVICE_NAME + "GetCustomerTier", READ),
                Map.entry(SERVICE_NAME + "GetTierHistory", READ),
                Map.entry(SERVICE_NAME + "ListTierCustomers", READ),
                Map.entry(SERVICE_NAME + "GetTierDistribution", READ),
                Map.entry(SERVICE_NAME + "ListTierChanges", READ),
                Map.entry(SERVICE_NAME + "WatchTierChanges", READ),
                Map.entry(SERVICE_NAME + "StreamTierAssignments", READ),
                Map.entry(SERVICE_NAME + "ProjectCustomerTier", READ),
                Map.entry(SERVICE_NAME + "ListTierRisks", READ),
                Map.entry(SERVICE_NAME + "ProposeTierFloor", CHANGE),
                Map.entry(SERVICE_NAME + "ApproveTierFloor", Set.of(TIER_APPROVER)),
                Map.entry(SERVICE_NAME + "RejectTierFloor", Set.of(TIER_APPROVER)),
                Map.entry(SERVICE_NAME + "ListAuditEvents", Set.of(TIER_ADMIN, AUDITOR)));
    }
}
