package bankrisk.tiering.grpc;

import bank.tiering.v1.LoadBalancesRequest;
import bankrisk.testing.LoadReliabilityContract;
import bankrisk.testing.LoadUnderTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BalanceLoadReliabilityTest extends LoadReliabilityContract<LoadBalancesRequest> {

    @Override
    protected LoadUnderTest<LoadBalancesRequest> underTest() {
        return new BalanceLoadUnderTest();
    }
}
