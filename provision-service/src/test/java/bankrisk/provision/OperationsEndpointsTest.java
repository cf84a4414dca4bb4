package bankrisk.provision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import bankrisk.api.client.GrpcReflection;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator relies on: health with the database check, Prometheus metrics, gRPC reflection. */
@QuarkusTest
class OperationsEndpointsTest {

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int grpcPort;

    @Test
    void theGrpcApiIsListedByReflection() throws Exception {
        assertThat(GrpcReflection.listServices("localhost", grpcPort)).contains("bank.provision.v1.ProvisionService");
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
}
