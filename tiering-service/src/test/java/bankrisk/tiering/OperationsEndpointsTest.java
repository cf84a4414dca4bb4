package bankrisk.tiering;

import bankrisk.testing.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsContract {

    OperationsEndpointsTest() {
        super("bank.tiering.v1.TieringService");
    }
}
