package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.TestDatabase;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * loan-risk too slow during provisioning: GetSnapshot answers after its deadline, or the grade stream stalls
 * mid-way. Each attempt is cut by its deadline, retried with a growing back-off, and after the last attempt the
 * caller gets UNAVAILABLE naming loan-risk and the attempts; no run and no line was ever visible.
 */
@QuarkusTest
@TestProfile(SlowLoanRiskGrpcTest.ShortDeadlines.class)
class SlowLoanRiskGrpcTest {

    static final long SNAPSHOT_DEADLINE_MS = 300;
    static final long STREAM_DEADLINE_MS = 600;
    static final long INITIAL_BACKOFF_MS = 200;

    public static class ShortDeadlines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("provision.run.snapshot-deadline", "PT" + SNAPSHOT_DEADLINE_MS / 1000.0 + "S",
                    "provision.run.stream-deadline", "PT" + STREAM_DEADLINE_MS / 1000.0 + "S",
                    "provision.run.initial-backoff", "PT" + INITIAL_BACKOFF_MS / 1000.0 + "S",
                    "provision.run.max-attempts", "3");
        }
    }

    private static final Pattern RETRY = Pattern.compile("attempt (\\d+) of 3 failed, retrying in (\\d+) ms");

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Test
    void aSnapshotCallPastItsDeadlineIsRetriedWithGrowingBackoffThenUnavailable() {
        FakeLoanRisk.SLOW_CALLS.clear();
        long linesBefore = count("SELECT count(*) FROM provision_line");
        long auditBefore = count("SELECT count(*) FROM audit_event");

        Outcome outcome = runUntilFailure(FakeLoanRisk.SLOW);

        assertThat(outcome.failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(outcome.failure.getStatus().getDescription()).startsWith("loan-risk unavailable after 3 attempts: DEADLINE_EXCEEDED");
        assertThat(FakeLoanRisk.SLOW_CALLS).hasSize(3);
        List<Long> backoffs = backoffs(outcome.progress, Status.Code.DEADLINE_EXCEEDED);
        assertBackoffsGrew(backoffs);
        List<Long> gaps = gapsMillis(FakeLoanRisk.SLOW_CALLS);
        assertWaitedOutDeadlinesAndBackoffs(outcome, SNAPSHOT_DEADLINE_MS, backoffs, gaps);
        System.out.printf("slow GetSnapshot: 3 attempts, back-offs %s ms, calls %s ms apart, failed after %d ms%n", backoffs, gaps,
                outcome.elapsedMillis);
        assertNothingStored(FakeLoanRisk.SLOW, linesBefore, auditBefore);
    }

    @Test
    void aStreamThatStallsMidwayIsCutByItsDeadlineRetriedThenUnavailableAndNoHalfRunIsEverVisible() throws Exception {
        FakeLoanRisk.STALL_STREAMS.clear();
        long linesBefore = count("SELECT count(*) FROM provision_line");
        long auditBefore = count("SELECT count(*) FROM audit_event");

        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> runUntilFailure(FakeLoanRisk.STALL));
        long polls = 0;
        long seenRuns = 0;
        long seenLines = 0;
        while (!running.isDone()) {
            // Another reader, polling while the attempts stream and stall: it never sees the run or its first lines.
            seenRuns += count("SELECT count(*) FROM provision_run WHERE as_of = DATE '" + FakeLoanRisk.STALL + "'");
            seenLines += count("SELECT count(*) FROM provision_line") - linesBefore;
            polls++;
            Thread.sleep(20);
        }
        Outcome outcome = running.get();

        assertThat(outcome.failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(outcome.failure.getStatus().getDescription()).startsWith("loan-risk unavailable after 3 attempts: DEADLINE_EXCEEDED");
        assertThat(FakeLoanRisk.STALL_STREAMS).hasSize(3);
        assertThat(outcome.progress).extracting(RunProvisioningProgress::getPhase).contains(RunPhase.RUN_PHASE_PROVISIONING);
        List<Long> backoffs = backoffs(outcome.progress, Status.Code.DEADLINE_EXCEEDED);
        assertBackoffsGrew(backoffs);
        List<Long> gaps = gapsMillis(FakeLoanRisk.STALL_STREAMS);
        assertWaitedOutDeadlinesAndBackoffs(outcome, STREAM_DEADLINE_MS, backoffs, gaps);
        assertThat(polls).isGreaterThan(10);
        assertThat(seenRuns).isZero();
        assertThat(seenLines).isZero();
        System.out.printf("stalled stream: 3 attempts, back-offs %s ms, streams %s ms apart, failed after %d ms, %d polls saw nothing%n",
                backoffs, gaps, outcome.elapsedMillis, polls);
        assertNothingStored(FakeLoanRisk.STALL, linesBefore, auditBefore);
    }

    record Outcome(List<RunProvisioningProgress> progress, StatusRuntimeException failure, long elapsedMillis) {
    }

    private Outcome runUntilFailure(LocalDate asOf) {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        long start = System.nanoTime();
        try {
            provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(asOf)).setPolicyCode("PBOC-2002")
                    .setPolicyVersion(1).build()).forEachRemaining(progress::add);
        } catch (StatusRuntimeException e) {
            return new Outcome(progress, e, (System.nanoTime() - start) / 1_000_000);
        }
        throw new AssertionError("the run succeeded: " + progress);
    }

    /** The waits the service announced in its RETRYING messages, in order. */
    static List<Long> backoffs(List<RunProvisioningProgress> progress, Status.Code cause) {
        List<Long> backoffs = new ArrayList<>();
        int attempt = 0;
        for (RunProvisioningProgress p : progress) {
            if (p.getPhase() == RunPhase.RUN_PHASE_RETRYING) {
                Matcher retry = RETRY.matcher(p.getMessage());
                assertThat(retry.find()).as(p.getMessage()).isTrue();
                assertThat(Integer.parseInt(retry.group(1))).isEqualTo(++attempt);
                assertThat(p.getMessage()).startsWith("loan-risk unavailable: " + cause);
                backoffs.add(Long.parseLong(retry.group(2)));
            }
        }
        return backoffs;
    }

    /** Equal jitter: the wait before attempt 2 lies in [initial/2, initial], before attempt 3 in [initial, 2 × initial]. */
    static void assertBackoffsGrew(List<Long> backoffs) {
        assertThat(backoffs).hasSize(2);
        assertThat(backoffs.get(0)).isBetween(INITIAL_BACKOFF_MS / 2, INITIAL_BACKOFF_MS);
        assertThat(backoffs.get(1)).isBetween(INITIAL_BACKOFF_MS, 2 * INITIAL_BACKOFF_MS);
        assertThat(backoffs.get(1)).isGreaterThanOrEqualTo(backoffs.get(0));
    }

    /**
     * Each attempt ran until its deadline, and each retry came after its back-off: the stub saw the calls at least a
     * back-off apart, and the caller waited at least three deadlines and both back-offs.
     */
    private static void assertWaitedOutDeadlinesAndBackoffs(Outcome outcome, long deadline, List<Long> backoffs, List<Long> gaps) {
        assertThat(gaps).hasSize(2);
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(backoffs.get(0));
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(backoffs.get(1));
        assertThat(outcome.elapsedMillis).isGreaterThanOrEqualTo(3 * deadline + backoffs.get(0) + backoffs.get(1));
    }

    private static List<Long> gapsMillis(List<Long> nanoTimes) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < nanoTimes.size(); i++) {
            gaps.add((nanoTimes.get(i) - nanoTimes.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }

    private void assertNothingStored(LocalDate asOf, long linesBefore, long auditBefore) {
        assertThat(count("SELECT count(*) FROM provision_run WHERE as_of = DATE '" + asOf + "'")).isZero();
        assertThat(count("SELECT count(*) FROM provision_line")).isEqualTo(linesBefore);
        assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(auditBefore);
    }

    private long count(String sql) {
        return TestDatabase.count(dataSource, sql);
    }
}
