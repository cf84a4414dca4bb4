package bankrisk.loanrisk.grpc;

import bank.loanrisk.v1.LoadLoanFactsRequest;
import bankrisk.testing.IdleLoadsContract;
import bankrisk.testing.LoadUnderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(IdleLoadsContract.ShortIdleTimeout.class)
class IdleFactsLoadsTest extends IdleLoadsContract<LoadLoanFactsRequest> {

    @Override
    protected LoadUnderTest<LoadLoanFactsRequest> underTest() {
        return new FactsLoadUnderTest();
    }
}
