package bankrisk.loanrisk;

import bankrisk.testing.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsContract {

    OperationsEndpointsTest() {
        super("bank.loanrisk.v1.LoanRiskService");
    }
}
