package bankrisk.tiering.grpc;

import bank.tiering.v1.LoadBalancesRequest;
import bankrisk.testing.IdleLoadsContract;
import bankrisk.testing.LoadUnderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(IdleLoadsContract.ShortIdleTimeout.class)
class IdleBalanceLoadsTest extends IdleLoadsContract<LoadBalancesRequest> {

    @Override
    protected LoadUnderTest<LoadBalancesRequest> underTest() {
        return new BalanceLoadUnderTest();
    }
}
