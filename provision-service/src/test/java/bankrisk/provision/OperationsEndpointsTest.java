package bankrisk.provision;

import bankrisk.testing.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsContract {

    OperationsEndpointsTest() {
        super("bank.provision.v1.ProvisionService");
    }
}
