package bankrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import bank.common.v1.Money;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.provision.v1.CategoryTotal;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.LedgerPosting;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.provision.v1.RunStepRequest;
import bankrisk.api.convert.Dates;
import bankrisk.testing.Await;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * The month end of loan-risk and provision, each killed with SIGKILL (the JVM itself) mid-write and started again on
 * the same database, over a generated book of 60,000 loans ({@link GeneratedBook}):
 * <ol>
 * <li><b>LoadLoanFacts killed while the service writes it</b> (the second 20,000-row load, stream complete, its
 * statements running): the load is all or nothing — the facts table holds 20,000 or 40,000 rows, never between —
 * and the same load sent again after the restart brings it to 40,000 once; an acknowledged load sent again (the
 * client lost the answer) changes nothing.</li>
 * <li><b>RunProvisioning cancelled by its caller mid-run</b> (at the first PROVISIONING message): the service
 * stops and stores nothing.</li>
 * <li><b>RunProvisioning killed mid-run</b> (at its first PROVISIONING progress message, 10,000 of 60,000 lines
 * written inside the run's transaction): no {@code provision_run}, {@code provision_line} or
 * {@code provision_run_category} row is visible over JDBC, and after the restart GetRun of the id the killed run had
 * drawn answers NOT_FOUND; the re-run completes and every total — loans, balance, NPL, specific provision per
 * category, general reserve, allowance, ECL — equals the one {@link GeneratedBook} computes, to the fen.</li>
 * <li><b>RunProvisioning retried after a crash</b> (provision killed right after the run completed, as if the answer
 * were lost): the retry after the restart answers REUSED with the same run; still one run and 60,000 lines.</li>
 * <li><b>PostRun killed mid-posting</b> (the run submitted and approved by two people; the posting has written its
 * posting and journal lines inside its transaction and waits for its audit entry, which the test holds back with a
 * SHARE lock on {@code audit_event}): no posting, posting line or RUN_POSTED entry is visible, the run is still
 * APPROVED; after the restart the post succeeds once, with all its lines, and a second post is RUN_ALREADY_POSTED.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisioningCrashFaultIT {

    private static final String LOAN_RISK_DB = "loan_risk_e2e_faults", PROVISION_DB = "provision_e2e_faults";
    private static final int LOAN_RISK_HTTP = 28580, LOAN_RISK_GRPC = 29580, PROVISION_HTTP = 28680, PROVISION_GRPC = 29680;
    private static final int LOANS = 60_000, LOAD = 20_000;
    private static final String TEST = "ProvisioningCrashFaultIT";
    private static final GeneratedBook.Provisioning EXPECTED = GeneratedBook.provisioning(LOANS);
    private static final RunProvisioningRequest RUN = RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(GeneratedBook.AS_OF))
            .setPolicyCode("PBOC-2002").build();

    private ServiceProcess loanRisk;
    private ServiceProcess provision;
    private long completedRunId;

    @BeforeAll
    void start() throws Exception {
        E2eSettings.recreateDatabases(LOAN_RISK_DB, PROVISION_DB);
        loanRisk = ServiceProcess.start("loan-risk-faults", "loan-risk-service", LOAN_RISK_HTTP, LOAN_RISK_GRPC, LOAN_RISK_DB, Map.of());
        // tiering is not needed by a run (only by the tier report, not asked for here).
        provision = ServiceProcess.start("provision-faults", "provision-service", PROVISION_HTTP, PROVISION_GRPC, PROVISION_DB,
                Map.of("LOAN_RISK_GRPC_HOST", "127.0.0.1", "LOAN_RISK_GRPC_PORT", Integer.toString(LOAN_RISK_GRPC),
                        "TIERING_GRPC_HOST", "127.0.0.1", "TIERING_GRPC_PORT", "29480"));
        loanRisk.awaitReady();
        provision.awaitReady();
    }

    @AfterAll
    void stop() {
        for (ServiceProcess service : new ServiceProcess[] {provision, loanRisk}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    @Order(1)
    void aFactsLoadKilledWhileWrittenIsAllOrNothingAndItsRetryCountsOnce() throws Exception {
        assertThat(GeneratedBook.load(loanRisk, 0, LOAD).getFactsInserted()).isEqualTo(LOAD);

        StreamCall<LoadLoanFactsResponse> answer = StreamCall.collecting();
        StreamObserver<LoadLoanFactsRequest> upload = GeneratedBook.upload(loanRisk, answer);
        for (int i = LOAD; i < 2 * LOAD; i++) {
            upload.onNext(GeneratedBook.fact(i));
        }
        upload.onCompleted();
        Await.until("loan-risk writing the second load", Duration.ofSeconds(60), Duration.ofMillis(5),
                () -> E2eSettings.count(LOAN_RISK_DB, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND state = 'active' AND pid <> pg_backend_pid()") > 0);
        String beforeKill = E2eSettings.sessions(LOAN_RISK_DB);
        loanRisk.kill();
        Status killed = answer.failure(Duration.ofSeconds(30));
        assertThat(killed.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        long afterKill = facts();
        assertThat(afterKill).as("facts after the kill: the load applied wholly or not at all").isIn((long) LOAD, 2L * LOAD);

        loanRisk = loanRisk.restart().awaitReady();
        LoadLoanFactsResponse retried = GeneratedBook.load(loanRisk, LOAD, 2 * LOAD);
        assertThat(retried.getFactsInserted()).isEqualTo(2L * LOAD - afterKill);
        assertThat(retried.getFactsInserted() + retried.getFactsUnchanged()).isEqualTo(LOAD);
        assertThat(GeneratedBook.load(loanRisk, 2 * LOAD, LOANS).getFactsInserted()).isEqualTo(LOAD);
        LoadLoanFactsResponse resent = GeneratedBook.load(loanRisk, 0, LOAD);
        assertThat(List.of(resent.getFactsInserted(), resent.getFactsUpdated(), resent.getFactsUnchanged()))
                .containsExactly(0L, 0L, (long) LOAD);

        assertThat(facts()).isEqualTo(LOANS);
        assertThat(E2eSettings.count(LOAN_RISK_DB, "SELECT count(*) FROM loan")).isEqualTo(LOANS);
        Figures.record(TEST, "LoadLoanFacts (%d rows) SIGKILL while written (its database sessions just before the kill: %s):"
                + " %d facts visible after the kill (%s); retry after restart inserted %d, unchanged %d; resent acknowledged load:"
                + " %d unchanged; %d facts = one application", LOAD, beforeKill, afterKill, afterKill == LOAD ? "not applied" : "applied",
                retried.getFactsInserted(), retried.getFactsUnchanged(), resent.getFactsUnchanged(), facts());
    }

    @Test
    @Order(2)
    void theBookIsClassified() {
        List<ClassificationProgress> progress = new ArrayList<>();
        LoanRiskServiceGrpc.newBlockingStub(loanRisk.channel()).withCallCredentials(Staff.RISK_OFFICER).withDeadlineAfter(5, TimeUnit.MINUTES)
                .classifyPortfolio(ClassifyPortfolioRequest.newBuilder().setAsOf(Dates.toDate(GeneratedBook.AS_OF)).build())
                .forEachRemaining(progress::add);
        assertThat(progress).last().satisfies(p -> {
            assertThat(p.getStage()).isEqualTo(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED);
            assertThat(p.getSnapshot().getLoanCount()).isEqualTo(LOANS);
            assertThat(new BigDecimal(p.getSnapshot().getTotalBalance().getAmount())).isEqualByComparingTo(EXPECTED.totalBalance());
        });
    }

    @Test
    @Order(3)
    void aRunTheClientCancelsMidRunLeavesNothing() throws Exception {
        Context.CancellableContext caller = Context.current().withCancellation();
        StreamCall<RunProvisioningProgress> run = StreamCall.when(p -> p.getPhase() == RunPhase.RUN_PHASE_PROVISIONING,
                p -> caller.cancel(null));
        caller.run(() -> ProvisionServiceGrpc.newStub(provision.channel()).withCallCredentials(Staff.FINANCE).runProvisioning(RUN, run));
        assertThat(run.failure(Duration.ofMinutes(3)).getCode()).isEqualTo(Status.Code.CANCELLED);
        Duration stopped = Await.until("the cancelled run's database work ended", Duration.ofSeconds(60), Duration.ofMillis(50),
                () -> E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND state <> 'idle' AND pid <> pg_backend_pid()") == 0);
        assertNothingStored();
        Figures.record(TEST, "RunProvisioning cancelled by the client at %d of %d lines: the service stopped within %s, 0 runs / 0"
                + " lines / 0 category rows stored", run.received().get(run.received().size() - 1).getLoansDone(), LOANS,
                Figures.seconds(stopped));
    }

    @Test
    @Order(4)
    void aRunKilledMidRunLeavesNothingAndItsRerunEqualsTheReference() throws Exception {
        long[] killedAt = new long[1];
        String[] beforeKill = new String[1];
        StreamCall<RunProvisioningProgress> run = StreamCall.when(p -> p.getPhase() == RunPhase.RUN_PHASE_PROVISIONING, p -> {
            beforeKill[0] = E2eSettings.sessions(PROVISION_DB);
            killedAt[0] = System.nanoTime();
            provision.kill();
        });
        long started = System.nanoTime();
        ProvisionServiceGrpc.newStub(provision.channel()).withCallCredentials(Staff.FINANCE).runProvisioning(RUN, run);
        run.awaitAction(Duration.ofMinutes(3));
        Duration intoRun = Duration.ofNanos(killedAt[0] - started);
        String atKill = E2eSettings.sessions(PROVISION_DB);

        assertThat(run.failure(Duration.ofSeconds(30)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(run.received()).extracting(RunProvisioningProgress::getPhase).doesNotContain(RunPhase.RUN_PHASE_COMPLETED);
        long linesWhenKilled = run.received().get(run.received().size() - 1).getLoansDone();
        Duration sessionsGone = Await.until("the killed run's database sessions ended", Duration.ofSeconds(120), Duration.ofMillis(50),
                () -> E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND state <> 'idle' AND pid <> pg_backend_pid()") == 0);
        assertNothingStored();
        long killedRunId = E2eSettings.count(PROVISION_DB, "SELECT last_value FROM provision_run_seq");

        provision = provision.restart().awaitReady();
        ProvisionServiceGrpc.ProvisionServiceBlockingStub finance = finance();
        assertThatThrownBy(() -> finance.getRun(GetRunRequest.newBuilder().setRunId(killedRunId).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        long rerunStart = System.nanoTime();
        List<RunProvisioningProgress> rerun = new ArrayList<>();
        finance.withDeadlineAfter(5, TimeUnit.MINUTES).runProvisioning(RUN).forEachRemaining(rerun::add);
        Duration rerunTook = Duration.ofNanos(System.nanoTime() - rerunStart);
        RunProvisioningProgress last = rerun.get(rerun.size() - 1);
        assertThat(last.getPhase()).isEqualTo(RunPhase.RUN_PHASE_COMPLETED);
        ProvisionRun stored = last.getRun();
        assertThat(stored.getRunId()).isNotEqualTo(killedRunId);
        assertEqualsReference(stored);
        completedRunId = stored.getRunId();

        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_run")).isEqualTo(1);
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_run WHERE status = 'COMPLETED' AND id = " + completedRunId))
                .isEqualTo(1);
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_line WHERE run_id = " + completedRunId)).isEqualTo(LOANS);
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_line WHERE run_id <> " + completedRunId)).isZero();
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT sum(provision) * 100 FROM provision_line"))
                .isEqualTo(EXPECTED.specificProvision().movePointRight(2).longValueExact());
        Figures.record(TEST, "RunProvisioning (%d loans) SIGKILL %s into the run, %d lines written in its transaction (its database"
                + " sessions just before the kill: %s, just after: %s; all idle %s later): 0 runs / 0 lines / 0 category rows"
                + " visible, GetRun(%d) NOT_FOUND after restart; re-run %s, run %d equal to the reference: balance %s, NPL %s,"
                + " specific %s, general %s, allowance %s, ECL %s", LOANS, Figures.seconds(intoRun), linesWhenKilled, beforeKill[0],
                atKill, Figures.seconds(sessionsGone), killedRunId, Figures.seconds(rerunTook), completedRunId, EXPECTED.totalBalance(),
                EXPECTED.nplBalance(), EXPECTED.specificProvision(), EXPECTED.generalReserve(), EXPECTED.allowance(), EXPECTED.ecl());
    }

    @Test
    @Order(5)
    void aRunRetriedAfterACrashIsReusedNotRepeated() throws Exception {
        assertThat(completedRunId).as("run of the previous test").isPositive();
        provision.kill();
        provision = provision.restart().awaitReady();

        List<RunProvisioningProgress> retry = new ArrayList<>();
        finance().withDeadlineAfter(2, TimeUnit.MINUTES).runProvisioning(RUN).forEachRemaining(retry::add);
        assertThat(retry).last().satisfies(p -> {
            assertThat(p.getPhase()).isEqualTo(RunPhase.RUN_PHASE_REUSED);
            assertThat(p.getRun().getRunId()).isEqualTo(completedRunId);
        });
        assertEqualsReference(retry.get(retry.size() - 1).getRun());
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_run")).isEqualTo(1);
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_line")).isEqualTo(LOANS);
        Figures.record(TEST, "RunProvisioning retried after SIGKILL + restart: REUSED run %d, still 1 run and %d lines", completedRunId, LOANS);
    }

    @Test
    @Order(6)
    void aPostingKilledMidWayLeavesNoHalfPostingAndItsRetryPostsOnce() throws Exception {
        assertThat(completedRunId).as("run of the previous tests").isPositive();
        RunStepRequest step = RunStepRequest.newBuilder().setRunId(completedRunId).build();
        finance().submitRun(step);
        ProvisionServiceGrpc.newBlockingStub(provision.channel()).withCallCredentials(Staff.FINANCE_APPROVER).approveRun(step);

        ListenableFuture<LedgerPosting> post;
        String waiting;
        try (Connection holder = E2eSettings.connect(PROVISION_DB); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            // INSERT needs ROW EXCLUSIVE, which SHARE excludes: the posting waits at its audit entry, its last write.
            statement.execute("LOCK TABLE audit_event IN SHARE MODE");
            post = ProvisionServiceGrpc.newFutureStub(provision.channel()).withCallCredentials(Staff.FINANCE)
                    .withDeadlineAfter(2, TimeUnit.MINUTES).postRun(step);
            Await.until("the posting waiting for its audit entry", Duration.ofSeconds(60), Duration.ofMillis(20),
                    () -> E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO audit_event%'") == 1);
            waiting = E2eSettings.sessions(PROVISION_DB);
            provision.kill();
            holder.rollback();
        }
        assertThatThrownBy(() -> post.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        // The killed JVM's session finds its client gone at its next read and rolls back; nothing was committed.
        Duration orphan = Await.until("the killed posting's session ended", Duration.ofSeconds(60), Duration.ofMillis(50),
                () -> E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid()") == 0);
        assertNoPosting();

        provision = provision.restart().awaitReady();
        LedgerPosting posted = finance().postRun(step);
        assertThat(posted.getRunId()).isEqualTo(completedRunId);
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_posting")).isEqualTo(1);
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_posting_line")).isEqualTo(posted.getLinesCount())
                .isPositive();
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM audit_event WHERE action = 'RUN_POSTED'")).isEqualTo(1);
        assertThatThrownBy(() -> finance().postRun(step)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        Figures.record(TEST, "PostRun SIGKILL while waiting for its audit entry (sessions then: %s): no posting, line or RUN_POSTED"
                + " visible, run still APPROVED, the orphaned session gone %s after the kill; after the restart one posting of %d"
                + " lines, a second post FAILED_PRECONDITION", waiting, Figures.seconds(orphan), posted.getLinesCount());
    }

    private static void assertNoPosting() throws Exception {
        for (String table : List.of("provision_posting", "provision_posting_line")) {
            assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM " + table)).as("%s rows of the killed posting", table).isZero();
        }
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM audit_event WHERE action = 'RUN_POSTED'")).isZero();
        assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM provision_run WHERE approval_status = 'APPROVED'")).isEqualTo(1);
    }

    private static void assertEqualsReference(ProvisionRun run) {
        assertThat(run.getLoanCount()).isEqualTo(EXPECTED.loans());
        assertAmount(run.getTotalBalance(), EXPECTED.totalBalance());
        assertAmount(run.getNplBalance(), EXPECTED.nplBalance());
        assertAmount(run.getSpecificProvision(), EXPECTED.specificProvision());
        assertAmount(run.getGeneralReserve(), EXPECTED.generalReserve());
        assertAmount(run.getAllowance(), EXPECTED.allowance());
        assertAmount(run.getEcl().getEcl(), EXPECTED.ecl());
        assertThat(run.getCategoriesList()).hasSize(EXPECTED.categories().size());
        for (CategoryTotal total : run.getCategoriesList()) {
            GeneratedBook.CategoryLine expected = EXPECTED.categories().get(total.getCategory().name().substring("LOAN_CATEGORY_".length()));
            assertThat(total.getLoanCount()).as("loans of %s", total.getCategory()).isEqualTo(expected.loans());
            assertAmount(total.getBalance(), expected.balance());
            assertAmount(total.getSpecificProvision(), expected.provision());
            assertAmount(total.getEcl(), expected.ecl());
        }
    }

    private static void assertAmount(Money actual, BigDecimal expected) {
        assertThat(actual.getCurrencyCode()).isEqualTo("CNY");
        assertThat(actual.getAmount()).isEqualTo(expected.toPlainString());
    }

    private static void assertNothingStored() throws Exception {
        for (String table : List.of("provision_run", "provision_line", "provision_run_category")) {
            assertThat(E2eSettings.count(PROVISION_DB, "SELECT count(*) FROM " + table)).as("%s rows of the killed run", table).isZero();
        }
    }

    private ProvisionServiceGrpc.ProvisionServiceBlockingStub finance() {
        return ProvisionServiceGrpc.newBlockingStub(provision.channel()).withCallCredentials(Staff.FINANCE);
    }

    private static long facts() throws Exception {
        return E2eSettings.count(LOAN_RISK_DB, "SELECT count(*) FROM loan_fact");
    }
}
