package bankrisk.provision.audit;

import bankrisk.testing.AuditTrailAccessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditTrailAccessTest extends AuditTrailAccessContract {
}
