package bankrisk.tiering.grpc;

import java.time.LocalDate;

import bank.tiering.v1.GetCustomerRequest;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.common.security.Roles;
import bankrisk.testing.LoadUnderTest;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import bankrisk.tiering.balance.BalanceService;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * LoadBalances for the load contracts: a key is an account (its own customer), a round a business date in January 2025
 * (after every month the other tests evaluate, so their averages never carry these balances forward).
 */
final class BalanceLoadUnderTest implements LoadUnderTest<LoadBalancesRequest> {

    @Override
    public MethodDescriptor<LoadBalancesRequest, ?> method() {
        return TieringServiceGrpc.getLoadBalancesMethod();
    }

    @Override
    public Metadata loader() {
        return TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN);
    }

    @Override
    public LoadBalancesRequest row(String key, int round, String value) {
        return LoadBalancesRequest.newBuilder()
                .addBalances(TieringFixtures.balance(key, key, LocalDate.of(2025, 1, 1).plusDays(round).toString(), value, "CNY"))
                .build();
    }

    @Override
    public String storedQuery() {
        return "SELECT account_id, balance FROM balance WHERE account_id LIKE ?";
    }

    @Override
    public String loadedAction() {
        return BalanceService.LOADED;
    }

    @Override
    public String stagingTable() {
        return "staged_balance";
    }

    @Override
    public Status.Code unaryRead(Channel channel) {
        return LoadUnderTest.statusOf(() -> TieringServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(TestTokens.as("tier-admin-1", Roles.TIER_ADMIN))
                .getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("NO-SUCH-CUSTOMER").build()));
    }
}
