package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.google.rpc.ErrorInfo;

import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.tiering.v1.AssetType;
import bank.tiering.v1.Balance;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * Scale-out: two replicas of a service against ONE database, a month-end run called on both at once. Replica A is
 * called first; as soon as its first progress message proves the run has started (it holds the run lock), replica B
 * is called for the same month / as-of date. Exactly one run happens: A's; B answers at once ABORTED with ErrorInfo
 * RUN_IN_PROGRESS and A's job id; once A is done, B returns A's stored result without recomputing. The book is just
 * large enough (30,000 customers, 20,000 loans) for a real run, and a lock on the run's output table holds A back until
 * B has answered, so the race does not depend on how fast the run is. RunProvisioning is proven
 * the same way with two provision replicas reading that 20,000-loan snapshot.
 */
class ScaleOutIT {

    private static final YearMonth JANUARY = YearMonth.of(2024, 1);
    private static final LocalDate AS_OF = GeneratedBook.AS_OF;

    @Test
    void tieringEvaluatesAMonthOnceAcrossTwoReplicas() throws Exception {
        E2eSettings.recreateDatabases("tiering_e2e_scale");
        try (ServiceProcess a = ServiceProcess.start("tiering-a", "tiering-service", 18090, 19010, "tiering_e2e_scale", Map.of());
                ServiceProcess b = ServiceProcess.start("tiering-b", "tiering-service", 18091, 19011, "tiering_e2e_scale", Map.of())) {
            a.awaitReady();
            b.awaitReady();
            b.channel().getState(true); // connect now, so that B's call is not slowed by the connection set-up
            for (int chunk = 0; chunk < 3; chunk++) { // PutBalances takes at most 10,000 rows
                List<Balance> balances = new ArrayList<>();
                for (int i = chunk * 10_000; i < (chunk + 1) * 10_000; i++) {
                    balances.add(Balance.newBuilder().setCustomerNumber(String.format("S%05d", i)).setAccountId(String.format("SA%05d", i))
                            .setAssetType(AssetType.ASSET_TYPE_DEPOSIT).setBalanceDate(Dates.toDate(JANUARY.atDay(1)))
                            .setBalance(GeneratedBook.cny(BigDecimal.valueOf(1_000L * i, 2))).build());
                }
                TieringServiceGrpc.newBlockingStub(a.channel()).withCallCredentials(Staff.TIER_ADMIN)
                        .putBalances(PutBalancesRequest.newBuilder().addAllBalances(balances).build());
            }
            EvaluateMonthRequest request = EvaluateMonthRequest.newBuilder().setMonth(Dates.toYearMonth(JANUARY)).build();

            TieringServiceGrpc.TieringServiceBlockingStub onB = TieringServiceGrpc.newBlockingStub(b.channel())
                    .withCallCredentials(Staff.TIER_ADMIN);
            Race<EvaluationProgress> race = race(request, "tiering_e2e_scale", "tier_evaluation",
                    TieringServiceGrpc.newStub(a.channel()).withCallCredentials(Staff.TIER_ADMIN)::evaluateMonth,
                    r -> onB.evaluateMonth(r).forEachRemaining(p -> { }));
            List<EvaluationProgress> progressA = race.progressA();
            EvaluationProgress completed = progressA.get(progressA.size() - 1);
            assertThat(completed.getStage()).isEqualTo(EvaluationStage.EVALUATION_STAGE_COMPLETED);
            assertThat(completed.getRecomputed()).isTrue();
            assertThat(completed.getCustomers()).isEqualTo(30_000);
            String jobId = completed.getJobId();
            assertThat(jobId).isNotEmpty();
            assertThat(progressA).extracting(EvaluationProgress::getJobId).containsOnly(jobId);

            assertRunInProgress(race.refusalB(), jobId, "tiering/evaluate-month 2024-01");
            assertThat(E2eSettings.count("tiering_e2e_scale", "SELECT count(*) FROM evaluation_run")).isEqualTo(1);
            assertThat(E2eSettings.count("tiering_e2e_scale", "SELECT count(*) FROM tier_evaluation")).isEqualTo(30_000);

            // Afterwards B answers with the stored month: nothing recomputed.
            List<EvaluationProgress> again = new ArrayList<>();
            onB.evaluateMonth(request).forEachRemaining(again::add);
            assertThat(again).singleElement().satisfies(p -> {
                assertThat(p.getStage()).isEqualTo(EvaluationStage.EVALUATION_STAGE_COMPLETED);
                assertThat(p.getRecomputed()).isFalse();
                assertThat(p.getCustomers()).isEqualTo(30_000);
            });
        }
    }

    @Test
    void loanRiskClassifiesAnAsOfDateOnceAndProvisionRunsOnceAcrossTwoReplicas() throws Exception {
        E2eSettings.recreateDatabases("loan_risk_e2e_scale");
        try (ServiceProcess a = ServiceProcess.start("loan-risk-a", "loan-risk-service", 18190, 19110, "loan_risk_e2e_scale", Map.of());
                ServiceProcess b = ServiceProcess.start("loan-risk-b", "loan-risk-service", 18191, 19111, "loan_risk_e2e_scale", Map.of())) {
            a.awaitReady();
            b.awaitReady();
            b.channel().getState(true); // connect now, so that B's call is not slowed by the connection set-up
            LoadLoanFactsResponse loaded = GeneratedBook.load(a, 0, 20_000);
            assertThat(loaded.getFactsInserted()).isEqualTo(20_000);
            ClassifyPortfolioRequest request = ClassifyPortfolioRequest.newBuilder().setAsOf(Dates.toDate(AS_OF)).build();

            LoanRiskServiceGrpc.LoanRiskServiceBlockingStub onB = LoanRiskServiceGrpc.newBlockingStub(b.channel())
                    .withCallCredentials(Staff.RISK_OFFICER);
            Race<ClassificationProgress> race = race(request, "loan_risk_e2e_scale", "snapshot_grade",
                    LoanRiskServiceGrpc.newStub(a.channel()).withCallCredentials(Staff.RISK_OFFICER)::classifyPortfolio,
                    r -> onB.classifyPortfolio(r).forEachRemaining(p -> { }));
            List<ClassificationProgress> progressA = race.progressA();
            ClassificationProgress completed = progressA.get(progressA.size() - 1);
            assertThat(completed.getStage()).isEqualTo(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED);
            assertThat(completed.getAlreadyExisted()).isFalse();
            assertThat(completed.getSnapshot().getLoanCount()).isEqualTo(20_000);
            String jobId = completed.getJobId();
            assertThat(jobId).isNotEmpty();
            assertThat(progressA).extracting(ClassificationProgress::getJobId).containsOnly(jobId);

            assertRunInProgress(race.refusalB(), jobId, "loan-risk/classify-portfolio 2024-01-31");
            assertThat(E2eSettings.count("loan_risk_e2e_scale", "SELECT count(*) FROM snapshot")).isEqualTo(1);
            assertThat(E2eSettings.count("loan_risk_e2e_scale", "SELECT count(*) FROM audit_event WHERE action = 'SNAPSHOT_CREATED'"))
                    .isEqualTo(1);

            List<ClassificationProgress> again = new ArrayList<>();
            onB.classifyPortfolio(request).forEachRemaining(again::add);
            assertThat(again).last().satisfies(p -> {
                assertThat(p.getAlreadyExisted()).isTrue();
                assertThat(p.getSnapshot().getSnapshotId()).isEqualTo(completed.getSnapshot().getSnapshotId());
            });

            provisionRunsOnceAcrossTwoReplicas(a.grpcPort());
        }
    }

    /** Two provision replicas on one database, both reading the 20,000-loan snapshot from loan-risk replica A. */
    private static void provisionRunsOnceAcrossTwoReplicas(int loanRiskGrpcPort) throws Exception {
        E2eSettings.recreateDatabases("provision_e2e_scale");
        Map<String, String> upstream = Map.of("LOAN_RISK_GRPC_HOST", "127.0.0.1", "LOAN_RISK_GRPC_PORT", Integer.toString(loanRiskGrpcPort),
                "TIERING_GRPC_HOST", "127.0.0.1", "TIERING_GRPC_PORT", "19010");
        try (ServiceProcess a = ServiceProcess.start("provision-a", "provision-service", 18290, 19210, "provision_e2e_scale", upstream);
                ServiceProcess b = ServiceProcess.start("provision-b", "provision-service", 18291, 19211, "provision_e2e_scale", upstream)) {
            a.awaitReady();
            b.awaitReady();
            b.channel().getState(true);
            RunProvisioningRequest request = RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(AS_OF)).setPolicyCode("PBOC-2002").build();

            ProvisionServiceGrpc.ProvisionServiceBlockingStub onB = ProvisionServiceGrpc.newBlockingStub(b.channel())
                    .withCallCredentials(Staff.FINANCE);
            Race<RunProvisioningProgress> race = race(request, "provision_e2e_scale", "provision_line",
                    ProvisionServiceGrpc.newStub(a.channel()).withCallCredentials(Staff.FINANCE)::runProvisioning,
                    r -> onB.runProvisioning(r).forEachRemaining(p -> { }));
            List<RunProvisioningProgress> progressA = race.progressA();
            RunProvisioningProgress completed = progressA.get(progressA.size() - 1);
            assertThat(completed.getPhase()).isEqualTo(RunPhase.RUN_PHASE_COMPLETED);
            assertThat(completed.getRun().getLoanCount()).isEqualTo(20_000);
            String jobId = completed.getJobId();
            assertThat(jobId).isNotEmpty();
            assertThat(progressA).extracting(RunProvisioningProgress::getJobId).containsOnly(jobId);

            assertRunInProgress(race.refusalB(), jobId, "provision/run-provisioning 2024-01-31 PBOC-2002 v0");
            assertThat(E2eSettings.count("provision_e2e_scale", "SELECT count(*) FROM provision_run")).isEqualTo(1);

            List<RunProvisioningProgress> again = new ArrayList<>();
            onB.runProvisioning(request).forEachRemaining(again::add);
            assertThat(again).last().satisfies(p -> {
                assertThat(p.getPhase()).isEqualTo(RunPhase.RUN_PHASE_REUSED);
                assertThat(p.getRun().getRunId()).isEqualTo(completed.getRun().getRunId());
            });
        }
    }

    /** What replicas A and B answered: A's progress messages, B's failure (null when B unexpectedly succeeded). */
    private record Race<P>(List<P> progressA, StatusRuntimeException refusalB) {
    }

    /**
     * Calls A; when A's first progress message shows its run has started, calls B with the same request (on a thread
     * of its own) and keeps B's failure. Until B has answered, a SHARE lock on {@code table} (the run's output) holds
     * A's writes back: A has started and holds the run lock, but cannot finish before B's call meets it — however fast
     * the run has become.
     */
    private static <Q, P> Race<P> race(Q request, String database, String table, BiConsumer<Q, StreamObserver<P>> callA,
            Consumer<Q> callB) throws Exception {
        try (Connection hold = E2eSettings.connect(database)) {
            hold.setAutoCommit(false);
            try (Statement lock = hold.createStatement()) {
                lock.execute("LOCK TABLE " + table + " IN SHARE MODE");
            }
            CompletableFuture<StatusRuntimeException> fromB = new CompletableFuture<>();
            StreamCall<P> fromA = StreamCall.<P> onFirst(first -> {
                fromB.complete(refusal(() -> callB.accept(request)));
                release(hold);
            });
            callA.accept(request, fromA);
            List<P> progressA = fromA.done.get(120, TimeUnit.SECONDS);
            return new Race<>(progressA, fromB.get(10, TimeUnit.SECONDS));
        }
    }

    private static void release(Connection hold) {
        try {
            hold.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the lock on the run's output", e);
        }
    }

    private static void assertRunInProgress(StatusRuntimeException refused, String jobId, String runKey) {
        assertThat(refused).as("the second replica's answer").isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        ErrorInfo info = StatusDetails.detail(refused, ErrorInfo.class).orElseThrow();
        assertThat(info.getReason()).isEqualTo("RUN_IN_PROGRESS");
        assertThat(info.getMetadataMap()).containsEntry("job_id", jobId).containsEntry("run_key", runKey);
        assertThat(refused.getStatus().getDescription()).contains(jobId);
    }

    /** Runs a call that should be refused; returns its failure, or null when it unexpectedly succeeded. */
    private static StatusRuntimeException refusal(Runnable call) {
        try {
            call.run();
            return null;
        } catch (StatusRuntimeException e) {
            return e;
        }
    }
}
