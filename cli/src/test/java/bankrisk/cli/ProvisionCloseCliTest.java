package bankrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Date;
import bank.common.v1.Money;
import bank.common.v1.PageInfo;
import bank.common.v1.YearMonth;
import bank.provision.v1.LedgerPosting;
import bank.provision.v1.LedgerPostingKind;
import bank.provision.v1.ListRunsRequest;
import bank.provision.v1.ListRunsResponse;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunInputs;
import bank.provision.v1.RunLifecycle;
import bank.provision.v1.RunStepRequest;
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
 * The close verbs ({@code provision submit|approve|reject|post|reverse|approve-reversal|runs}) against a fake
 * provision-service on a real socket that keeps each run's state like the service's lifecycle: what reaches the
 * server (run id, token, reason), what is printed, and the exit codes of its refusals.
 */
class ProvisionCloseCliTest {

    static final Metadata.Key<String> REASON = Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER);

    final Map<Long, RunApprovalStatus> runs = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<ListRunsRequest> listRequests = new CopyOnWriteArrayList<>();
    Server server;
    int port;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        ServerInterceptor recordReason = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String reason = headers.get(REASON);
                calls.add(call.getMethodDescriptor().getBareMethodName() + " reason="
                        + (reason == null ? "-" : URLDecoder.decode(reason, StandardCharsets.UTF_8)));
                return next.startCall(call, headers);
            }
        };
        server = ServerBuilder.forPort(0).addService(ServerInterceptors.intercept(new FakeProvision(), recordReason)).build().start();
        port = server.getPort();
        runs.put(7L, RunApprovalStatus.RUN_APPROVAL_STATUS_DRAFT);
        runs.put(8L, RunApprovalStatus.RUN_APPROVAL_STATUS_DRAFT);
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine cli = BankRiskCommand.configure(new CommandLine(new BankRiskCommand()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--provision=127.0.0.1:" + port;
        all[1] = "--plain";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void theWholeCloseOfARunStepByStepWithTheReasonOfEachStep() {
        assertThat(run("--reason", "月末 2026-10", "provision", "submit", "7")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("run_id=7 status=SUBMITTED\n");
        assertThat(run("--reason", "checked totals", "provision", "approve", "7")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("run_id=7 status=APPROVED\n");
        assertThat(run("provision", "post", "7")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("posting_id=107 run_id=7 kind=POSTING period=2026-10 lines=2 "
                + "total_debit=1500.25 total_credit=1500.25\n");
        assertThat(run("--reason", "wrong policy", "provision", "reverse", "7")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("run_id=7 status=REVERSAL_REQUESTED\n");
        assertThat(run("provision", "approve-reversal", "7")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("posting_id=207 run_id=7 kind=REVERSAL period=2026-10 lines=2 "
                + "total_debit=1500.25 total_credit=1500.25\n");
        assertThat(runs.get(7L)).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_REVERSED);

        assertThat(calls).containsExactly("SubmitRun reason=月末 2026-10", "ApproveRun reason=checked totals", "PostRun reason=-",
                "RequestReversal reason=wrong policy", "ApproveReversal reason=-");
    }

    @Test
    void rejectSendsTheRunBackAndTheServicesRefusalsMapToExitCodes() {
        assertThat(run("provision", "submit", "8")).isZero();
        assertThat(run("--reason", "ECL inputs stale", "provision", "reject", "8")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("run_id=8 status=REJECTED\n");

        assertThat(run("provision", "post", "8")).isEqualTo(4);
        assertThat(err.toString()).contains("error: FAILED_PRECONDITION: RUN_REJECTED: run 8 is REJECTED");
        assertThat(run("provision", "approve", "99")).isEqualTo(3);
        assertThat(err.toString()).contains("error: NOT_FOUND: run 99");
        assertThat(runs.get(8L)).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED);

        int before = calls.size();
        assertThat(run("provision", "submit", "0")).isEqualTo(2);
        assertThat(run("provision", "submit", "seven")).isEqualTo(2);
        assertThat(run("provision", "approve")).isEqualTo(2);
        assertThat(calls).hasSize(before);
    }

    @Test
    void runsListsEveryPageWithTheFiltersGiven() {
        runs.put(9L, RunApprovalStatus.RUN_APPROVAL_STATUS_POSTED);
        assertThat(run("provision", "runs", "--from", "2026-10-01", "--to", "2026-10-31", "--policy", "PBOC-2002", "--status", "posted"))
                .as(err.toString()).isZero();
        assertThat(listRequests).hasSize(2);
        ListRunsRequest first = listRequests.get(0);
        assertThat(first.getFromAsOf().getDay()).isEqualTo(1);
        assertThat(first.getToAsOf().getDay()).isEqualTo(31);
        assertThat(first.getPolicyCode()).isEqualTo("PBOC-2002");
        assertThat(first.getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_POSTED);
        assertThat(first.getPage().getPageToken()).isEmpty();
        assertThat(listRequests.get(1).getPage().getPageToken()).isEqualTo("page-2");
        assertThat(out.toString()).isEqualTo(String.join("\n",
                "  run_id  as_of       policy          status                  loans             allowance",
                "       9  2026-10-31  PBOC-2002 v1    POSTED                  3,000          1,500.25 CNY",
                "       9  2026-10-31  PBOC-2002 v1    POSTED                  3,000          1,500.25 CNY",
                "runs=2", ""));

        int before = listRequests.size();
        assertThat(run("provision", "runs", "--status", "OPEN")).isEqualTo(2);
        assertThat(err.toString()).contains("--status 'OPEN' is not one of");
        assertThat(run("provision", "runs", "--from", "2026-10-32")).isEqualTo(2);
        assertThat(listRequests).hasSize(before);

        server.shutdownNow();
        assertThat(run("provision", "runs")).isEqualTo(5);
        assertThat(out.toString()).isEmpty();
    }

    class FakeProvision extends ProvisionServiceGrpc.ProvisionServiceImplBase {
        @Override
        public void submitRun(RunStepRequest request, StreamObserver<ProvisionRun> response) {
            move(request, response, "RUN_NOT_DRAFT", RunApprovalStatus.RUN_APPROVAL_STATUS_SUBMITTED,
                    RunApprovalStatus.RUN_APPROVAL_STATUS_DRAFT, RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED);
        }

        @Override
        public void approveRun(RunStepRequest request, StreamObserver<ProvisionRun> response) {
            move(request, response, "RUN_NOT_SUBMITTED", RunApprovalStatus.RUN_APPROVAL_STATUS_APPROVED,
                    RunApprovalStatus.RUN_APPROVAL_STATUS_SUBMITTED);
        }

        @Override
        public void rejectRun(RunStepRequest request, StreamObserver<ProvisionRun> response) {
            move(request, response, "RUN_NOT_SUBMITTED", RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED,
                    RunApprovalStatus.RUN_APPROVAL_STATUS_SUBMITTED);
        }

        @Override
        public void requestReversal(RunStepRequest request, StreamObserver<ProvisionRun> response) {
            move(request, response, "RUN_NOT_POSTED", RunApprovalStatus.RUN_APPROVAL_STATUS_REVERSAL_REQUESTED,
                    RunApprovalStatus.RUN_APPROVAL_STATUS_POSTED);
        }

        @Override
        public void postRun(RunStepRequest request, StreamObserver<LedgerPosting> response) {
            RunApprovalStatus s = runs.get(request.getRunId());
            if (s == RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("RUN_REJECTED: run " + request.getRunId() + " is REJECTED")
                        .asRuntimeException());
                return;
            }
            if (s != RunApprovalStatus.RUN_APPROVAL_STATUS_APPROVED) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("RUN_NOT_APPROVED").asRuntimeException());
                return;
            }
            runs.put(request.getRunId(), RunApprovalStatus.RUN_APPROVAL_STATUS_POSTED);
            response.onNext(posting(request.getRunId(), 100, LedgerPostingKind.LEDGER_POSTING_KIND_POSTING));
            response.onCompleted();
        }

        @Override
        public void approveReversal(RunStepRequest request, StreamObserver<LedgerPosting> response) {
            if (runs.get(request.getRunId()) != RunApprovalStatus.RUN_APPROVAL_STATUS_REVERSAL_REQUESTED) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("REVERSAL_NOT_REQUESTED").asRuntimeException());
                return;
            }
            runs.put(request.getRunId(), RunApprovalStatus.RUN_APPROVAL_STATUS_REVERSED);
            response.onNext(posting(request.getRunId(), 200, LedgerPostingKind.LEDGER_POSTING_KIND_REVERSAL));
            response.onCompleted();
        }

        @Override
        public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> response) {
            listRequests.add(request);
            boolean first = request.getPage().getPageToken().isEmpty();
            response.onNext(ListRunsResponse.newBuilder().addRuns(run(9, runs.get(9L)))
                    .setPage(PageInfo.newBuilder().setTotalSize(2).setNextPageToken(first ? "page-2" : "")).build());
            response.onCompleted();
        }

        private void move(RunStepRequest request, StreamObserver<ProvisionRun> response, String refusal, RunApprovalStatus to,
                RunApprovalStatus... from) {
            RunApprovalStatus s = runs.get(request.getRunId());
            if (s == null) {
                response.onError(Status.NOT_FOUND.withDescription("run " + request.getRunId()).asRuntimeException());
                return;
            }
            if (!List.of(from).contains(s)) {
                response.onError(Status.FAILED_PRECONDITION.withDescription(refusal).asRuntimeException());
                return;
            }
            runs.put(request.getRunId(), to);
            response.onNext(run(request.getRunId(), to));
            response.onCompleted();
        }
    }

    static ProvisionRun run(long id, RunApprovalStatus status) {
        return ProvisionRun.newBuilder().setRunId(id).setLoanCount(3000)
                .setInputs(RunInputs.newBuilder().setAsOf(Date.newBuilder().setYear(2026).setMonth(10).setDay(31))
                        .setPolicyCode("PBOC-2002").setPolicyVersion(1))
                .setAllowance(Money.newBuilder().setAmount("1500.25").setCurrencyCode("CNY"))
                .setLifecycle(RunLifecycle.newBuilder().setStatus(status)).build();
    }

    static LedgerPosting posting(long runId, long idBase, LedgerPostingKind kind) {
        Money total = Money.newBuilder().setAmount("1500.25").setCurrencyCode("CNY").build();
        return LedgerPosting.newBuilder().setPostingId(idBase + runId).setRunId(runId).setKind(kind)
                .setPeriod(YearMonth.newBuilder().setYear(2026).setMonth(10)).setTotalDebit(total).setTotalCredit(total)
                .addLines(bank.provision.v1.LedgerPostingLine.getDefaultInstance())
                .addLines(bank.provision.v1.LedgerPostingLine.getDefaultInstance()).build();
    }
}
