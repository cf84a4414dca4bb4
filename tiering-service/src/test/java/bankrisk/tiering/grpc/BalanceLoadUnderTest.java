package bankrisk.tiering.grpc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

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
import io.grpc.StatusRuntimeException;

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
    public Map<String, String> stored(DataSource dataSource, String prefix) throws SQLException {
        Map<String, String> stored = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT account_id, balance FROM balance WHERE account_id LIKE ?")) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.merge(rows.getString(1), rows.getBigDecimal(2).toPlainString(), (a, b) -> a + ", " + b);
                }
            }
        }
        return stored;
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
        try {
            TieringServiceGrpc.newBlockingStub(channel).withCallCredentials(TestTokens.as("tier-admin-1", Roles.TIER_ADMIN))
                    .getCustomer(GetCustomerRequest.newBuilder().setCustomerNumber("NO-SUCH-CUSTOMER").build());
            return Status.Code.OK;
        } catch (StatusRuntimeException answered) {
            return answered.getStatus().getCode();
        }
    }
}
