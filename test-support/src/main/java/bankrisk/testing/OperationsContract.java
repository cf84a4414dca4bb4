package bankrisk.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on in every service: readiness with the database check, Prometheus metrics, and the
 * gRPC API listed by reflection. A service's {@code @QuarkusTest} subclass names its gRPC service.
 */
public abstract class OperationsContract {

    private final String grpcService;

    protected OperationsContract(String grpcService) {
        this.grpcService = grpcService;
    }

    @Test
    void healthIsUpWithTheDatabaseChecked() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void theGrpcApiIsListedByReflection() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);

        assertThat(GrpcReflection.listServices("localhost", port)).contains(grpcService);
    }
}
