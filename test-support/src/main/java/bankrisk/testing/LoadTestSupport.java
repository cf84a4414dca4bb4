package bankrisk.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import bankrisk.platform.load.StagedLoads;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.arc.Arc;

/**
 * What the load contracts of a service share: the load RPC under test ({@link LoadUnderTest}) and the steps they take
 * with grpc-java's own calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LoadTestSupport<Q> {

    protected static final Duration WAIT = Duration.ofSeconds(60);

    private ManagedChannel channel;

    /** The load RPC the contract is proved on. */
    protected abstract LoadUnderTest<Q> underTest();

    @BeforeAll
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("localhost",
                ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class)).usePlaintext().build();
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    protected final List<Q> rows(String prefix, int count, int round, String value) {
        List<Q> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(underTest().row(String.format("%s%05d", prefix, i), round, value));
        }
        return rows;
    }

    protected final ClientStreams.Stream<Q, ?> start() {
        return ClientStreams.start(channel, underTest().method(), underTest().loader());
    }

    /** The value stored per key starting with {@code prefix}; several values of one key are joined by commas. */
    protected final Map<String, String> stored(String prefix) throws SQLException {
        Map<String, String> stored = new TreeMap<>();
        try (Connection c = dataSource().getConnection(); PreparedStatement select = c.prepareStatement(underTest().storedQuery())) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.merge(rows.getString(1), rows.getBigDecimal(2).toPlainString(), (a, b) -> a + ", " + b);
                }
            }
        }
        return stored;
    }

    protected final Status.Code unaryRead() {
        return underTest().unaryRead(channel);
    }

    protected final long stagingTablesLeft() throws SQLException {
        return TableFingerprints.temporaryTables(dataSource(), underTest().stagingTable());
    }

    /**
     * Starts a load and sends {@code rows}, then waits until the service has taken every one of them, so that nothing
     * of the stream is left in flight in the transport when the test acts next.
     */
    protected final ClientStreams.Stream<Q, ?> sentAndTaken(List<Q> rows) throws Exception {
        long before = loads().streamedRows();
        ClientStreams.Stream<Q, ?> stream = start().send(rows);
        Await.until("the service took the " + rows.size() + " rows sent", WAIT, Duration.ofMillis(5),
                () -> loads().streamedRows() >= before + rows.size());
        return stream;
    }

    protected final void awaitNoLoadRunning() throws Exception {
        Await.until("no load running", WAIT, Duration.ofMillis(10), () -> loads().running() == 0);
    }

    protected final long lastAuditEvent() throws SQLException {
        return single("SELECT coalesce(max(event_id), 0) FROM audit_event");
    }

    protected final long auditEntriesSince(long mark) throws SQLException {
        return single("SELECT count(*) FROM audit_event WHERE event_id > " + mark + " AND action = '" + underTest().loadedAction() + "'");
    }

    private long single(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected static StagedLoads loads() {
        return Arc.container().instance(StagedLoads.class).get();
    }

    protected static DataSource dataSource() {
        return Arc.container().instance(DataSource.class).get();
    }

    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
