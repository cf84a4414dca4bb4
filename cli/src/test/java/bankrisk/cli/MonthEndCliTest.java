package bankrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Date;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.loanrisk.v1.Snapshot;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunInputs;
import bank.provision.v1.RunLifecycle;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.provision.v1.RunStepRequest;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.TieringServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import picocli.CommandLine;

/**
 * {@code month-end} against fake services on a real socket that keep state the way the services do (a month
 * evaluated once, a snapshot per date, a run per inputs with its close state): the order of the calls, that a
 * re-run after a failure continues where it stopped, and that a run already submitted counts as done.
 */
class MonthEndCliTest {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> REASON = Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER);

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Metadata> headers = new CopyOnWriteArrayList<>();
    final AtomicBoolean loanRiskDown = new AtomicBoolean();
    boolean evaluated;
    boolean classified;
    RunApprovalStatus runStatus;
    Server server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        ServerInterceptor record = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata h, ServerCallHandler<Q, R> next) {
                headers.add(h);
                return next.startCall(call, h);
            }
        };
        server = ServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(new FakeTiering(), record))
                .addService(ServerInterceptors.intercept(new FakeLoanRisk(), record))
                .addService(ServerInterceptors.intercept(new FakeProvision(), record))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        String target = "127.0.0.1:" + server.getPort();
        CommandLine cli = BankRiskCommand.configure(new CommandLine(new BankRiskCommand()));
        // The bank's clock at 2026-11-01 01:30 Shanghai = 2026-10-31 17:30 UTC: 'previous' is October there.
        cli.getSubcommands().get("month-end").<MonthEndCommand>getCommand().clock =
                Clock.fixed(Instant.parse("2026-10-31T17:30:00Z"), ZoneOffset.UTC);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "--tiering=" + target;
        all[1] = "--loan-risk=" + target;
        all[2] = "--provision=" + target;
        all[3] = "--plain";
        System.arraycopy(args, 0, all, 4, args.length);
        return cli.execute(all);
    }

    @Test
    void runsTheFourStepsInOrderAndPrintsEachOutcome() {
        assertThat(run("month-end", "--month", "2026-10")).as(err.toString()).isZero();
        assertThat(calls).containsExactly("EvaluateMonth 2026-10 force=false", "ClassifyPortfolio 2026-10-31",
                "RunProvisioning 2026-10-31 PBOC-2002 v0", "SubmitRun 12");
        assertThat(out.toString()).isEqualTo(String.join("\n",
                "1/4 tiers 2026-10: 2,000 customers, scheme v1",
                "2/4 classify 2026-10-31: snapshot snap-1031, 3,000 loans",
                "3/4 provision 2026-10-31: run 12, PBOC-2002 v1, 3,000 loans",
                "4/4 submit run 12: SUBMITTED",
                "month=2026-10 snapshot_id=snap-1031 run_id=12 status=SUBMITTED", ""));
        // No --reason given: the job's own says why in every service's audit log.
        assertThat(URLDecoder.decode(headers.get(3).get(REASON), StandardCharsets.UTF_8)).isEqualTo("month-end job 2026-10");
    }

    @Test
    void aReRunAfterAFailureContinuesWhereItStoppedAndASubmittedRunIsDone() {
        loanRiskDown.set(true);
        assertThat(run("month-end", "--month", "previous")).isEqualTo(5);
        assertThat(err.toString()).contains("month-end: step 2/4 (classify 2026-10-31) failed", "error: UNAVAILABLE");
        assertThat(calls).containsExactly("EvaluateMonth 2026-10 force=false", "ClassifyPortfolio 2026-10-31");
        assertThat(evaluated).isTrue();

        loanRiskDown.set(false);
        calls.clear();
        assertThat(run("month-end", "--month", "previous")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("1/4 tiers 2026-10: 2,000 customers, scheme v1 (already evaluated)\n");
        assertThat(calls).containsExactly("EvaluateMonth 2026-10 force=false", "ClassifyPortfolio 2026-10-31",
                "RunProvisioning 2026-10-31 PBOC-2002 v0", "SubmitRun 12");

        // Once more: the reused run is already SUBMITTED, so nothing is submitted twice and the job succeeds.
        calls.clear();
        assertThat(run("month-end", "--month", "2026-10")).as(err.toString()).isZero();
        assertThat(calls).doesNotContain("SubmitRun 12");
        assertThat(out.toString()).contains("4/4 submit run 12: SUBMITTED (already)\n",
                "month=2026-10 snapshot_id=snap-1031 run_id=12 status=SUBMITTED\n");
    }

    @Test
    void aRejectedRunIsLeftToAPersonAndBadInputCallsNothing() {
        runStatus = RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED;
        assertThat(run("month-end", "--month", "2026-10")).isEqualTo(4);
        assertThat(err.toString()).contains("step 4/4 (submit run 12) failed", "run 12 with these inputs is REJECTED");
        assertThat(calls).doesNotContain("SubmitRun 12");
        assertThat(runStatus).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED);

        calls.clear();
        assertThat(run("month-end", "--month", "2026-13")).isEqualTo(2);
        assertThat(run("month-end")).isEqualTo(2);
        assertThat(calls).isEmpty();
    }

    @Test
    void withASigningKeyTheJobCallsAsItselfWithOnlyTheRolesOfItsSteps() throws Exception {
        Path keys = Path.of("..", "deploy", "dev-keys");
        assertThat(run("--reason", "scheduled", "month-end", "--month", "2026-10", "--signing-key",
                keys.resolve("jwt-private.pem").toString())).as(err.toString()).isZero();

        String pem = Files.readString(keys.resolve("jwt-public.pem"));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", ""));
        assertThat(headers).hasSize(4);
        for (Metadata h : headers) {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setVerificationKey(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)))
                    .setExpectedIssuer("bankrisk")
                    .build()
                    .processToClaims(h.get(AUTHORIZATION).substring("Bearer ".length()));
            assertThat(claims.getSubject()).isEqualTo("month-end-job");
            assertThat(claims.getStringListClaimValue("groups")).containsExactly("tier-admin", "risk-officer", "finance");
            assertThat(URLDecoder.decode(h.get(REASON), StandardCharsets.UTF_8)).isEqualTo("scheduled");
        }
    }

    class FakeTiering extends TieringServiceGrpc.TieringServiceImplBase {
        @Override
        public void evaluateMonth(EvaluateMonthRequest request, StreamObserver<EvaluationProgress> response) {
            calls.add(String.format("EvaluateMonth %d-%02d force=%s", request.getMonth().getYear(), request.getMonth().getMonth(),
                    request.getForce()));
            boolean recomputed = !evaluated;
            evaluated = true;
            response.onNext(EvaluationProgress.newBuilder().setMonth(request.getMonth()).setSchemeVersion(1).setCustomers(2000)
                    .setStage(EvaluationStage.EVALUATION_STAGE_COMPLETED).setRecomputed(recomputed).build());
            response.onCompleted();
        }
    }

    class FakeLoanRisk extends LoanRiskServiceGrpc.LoanRiskServiceImplBase {
        @Override
        public void classifyPortfolio(ClassifyPortfolioRequest request, StreamObserver<ClassificationProgress> response) {
            calls.add("ClassifyPortfolio " + Summaries.date(request.getAsOf()));
            if (loanRiskDown.get()) {
                response.onError(Status.UNAVAILABLE.withDescription("loan-risk-service restarting").asRuntimeException());
                return;
            }
            boolean existed = classified;
            classified = true;
            response.onNext(ClassificationProgress.newBuilder().setStage(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED)
                    .setAlreadyExisted(existed)
                    .setSnapshot(Snapshot.newBuilder().setSnapshotId("snap-1031").setAsOf(request.getAsOf()).setLoanCount(3000)).build());
            response.onCompleted();
        }
    }

    class FakeProvision extends ProvisionServiceGrpc.ProvisionServiceImplBase {
        @Override
        public void runProvisioning(RunProvisioningRequest request, StreamObserver<RunProvisioningProgress> response) {
            calls.add("RunProvisioning " + Summaries.date(request.getAsOf()) + " " + request.getPolicyCode() + " v" + request.getPolicyVersion());
            boolean reused = runStatus != null;
            if (!reused) {
                runStatus = RunApprovalStatus.RUN_APPROVAL_STATUS_DRAFT;
            }
            response.onNext(RunProvisioningProgress.newBuilder().setPhase(reused ? RunPhase.RUN_PHASE_REUSED : RunPhase.RUN_PHASE_COMPLETED)
                    .setRun(run(request.getAsOf())).build());
            response.onCompleted();
        }

        @Override
        public void submitRun(RunStepRequest request, StreamObserver<ProvisionRun> response) {
            calls.add("SubmitRun " + request.getRunId());
            if (runStatus != RunApprovalStatus.RUN_APPROVAL_STATUS_DRAFT && runStatus != RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("RUN_NOT_DRAFT").asRuntimeException());
                return;
            }
            runStatus = RunApprovalStatus.RUN_APPROVAL_STATUS_SUBMITTED;
            response.onNext(run(Date.newBuilder().setYear(2026).setMonth(10).setDay(31).build()));
            response.onCompleted();
        }

        private ProvisionRun run(Date asOf) {
            return ProvisionRun.newBuilder().setRunId(12).setLoanCount(3000)
                    .setInputs(RunInputs.newBuilder().setAsOf(asOf).setPolicyCode("PBOC-2002").setPolicyVersion(1))
                    .setLifecycle(RunLifecycle.newBuilder().setStatus(runStatus)).build();
        }
    }
}
