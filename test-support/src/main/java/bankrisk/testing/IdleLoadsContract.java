package bankrisk.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Load streams that open and then say nothing (a stalled bulk loader, or anyone with a loader's token) cannot take a
 * service down (issue 20): of 16, then 100 such streams, the configured number of loads run and every other one is
 * RESOURCE_EXHAUSTED at once; meanwhile readiness stays UP and a unary call answers; each running one ends with
 * DEADLINE_EXCEEDED after the idle timeout, and nothing of any of them is stored. Runs under {@link ShortIdleTimeout}.
 */
public abstract class IdleLoadsContract<Q> extends LoadTestSupport<Q> {

    /** An idle timeout long enough for the checks made while the streams wait, short enough for a test. */
    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bankrisk.load.idle-timeout", "8S");
        }
    }

    @Test
    void sixteenThenAHundredIdleStreamsLeaveTheServiceReadyAndAnsweringAndStoreNothing() throws Exception {
        int slots = loads().settings().maxConcurrent();
        Duration idle = loads().settings().idleTimeout();
        for (int streams : List.of(16, 100)) {
            long mark = lastAuditEvent();
            String prefix = "IDLE" + streams + "-";
            long taken = loads().streamedRows();
            List<ClientStreams.Stream<Q, ?>> opened = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                opened.add(start().send(rows(prefix + i + "-", 1, 0, "1.00")));
            }
            Await.until("every stream over the " + slots + " slots refused", Duration.ofSeconds(30), Duration.ofMillis(10),
                    () -> opened.stream().filter(ClientStreams.Stream::isClosed).count() == streams - slots
                            && loads().streamedRows() >= taken + slots);

            assertThat(given().when().get("/q/health/ready").statusCode()).as("readiness with %d idle streams", streams)
                    .isEqualTo(200);
            assertThat(unaryRead()).as("a unary call with %d idle streams", streams).isIn(Status.Code.OK, Status.Code.NOT_FOUND);
            List<ClientStreams.Stream<Q, ?>> running = opened.stream().filter(stream -> !stream.isClosed()).toList();
            assertThat(running).as("the loads still waiting for their clients after the checks").hasSize(slots);
            assertThat(loads().running()).isEqualTo(slots);
            for (ClientStreams.Stream<Q, ?> refused : opened.stream().filter(ClientStreams.Stream::isClosed).toList()) {
                Status status = refused.status(Duration.ZERO);
                assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(status.getDescription()).contains("bankrisk.load.max-concurrent");
            }

            for (ClientStreams.Stream<Q, ?> waiting : running) {
                Status status = waiting.status(idle.plusSeconds(30));
                assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                assertThat(status.getDescription()).contains("bankrisk.load.idle-timeout");
            }
            awaitNoLoadRunning();
            assertThat(stored(prefix)).isEmpty();
            assertThat(auditEntriesSince(mark)).isZero();
            assertThat(stagingTablesLeft()).isZero();
        }
        assertThat(ConfigProvider.getConfig().getValue("bankrisk.load.idle-timeout", String.class)).isEqualTo("8S");
    }
}
