package bankrisk.loanrisk.grpc;

import bank.loanrisk.v1.LoadLoanFactsRequest;
import bankrisk.testing.LoadReliabilityContract;
import bankrisk.testing.LoadUnderTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FactsLoadReliabilityTest extends LoadReliabilityContract<LoadLoanFactsRequest> {

    @Override
    protected LoadUnderTest<LoadLoanFactsRequest> underTest() {
        return new FactsLoadUnderTest();
    }
}
