package bankrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import bank.loanrisk.v1.LoadLoanFactsBatch;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.tiering.v1.Balance;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.TierDistribution;
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
 * The verbs against fake services on real sockets (a grpc-java server and a JDK HTTP server on ephemeral ports): what
 * reaches the server, what the user sees, and the exit code.
 */
class CliGrpcTest {

    final List<List<Balance>> balanceStreams = new CopyOnWriteArrayList<>();
    final List<Integer> factStreamSizes = new CopyOnWriteArrayList<>();
    final List<Metadata> grpcHeaders = new CopyOnWriteArrayList<>();
    final List<String> httpAuthorizations = new CopyOnWriteArrayList<>();
    Server server;
    HttpServer http;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        ServerInterceptor recordHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                grpcHeaders.add(headers);
                return next.startCall(call, headers);
            }
        };
        server = ServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(new FakeTiering(), recordHeaders))
                .addService(ServerInterceptors.intercept(new FakeLoanRisk(), recordHeaders))
                .build().start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/provision/runs/", exchange -> {
            httpAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            boolean known = exchange.getRequestURI().getPath().equals("/provision/runs/7/report.csv");
            byte[] body = (known ? "section,key\ninputs,PBOC-2002\n" : "no completed run").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // the returns: G12 of 2025-12-31..2026-06-30 in English is known; anything else is the service's 400 naming the field
        http.createContext("/provision/returns/", exchange -> {
            String asked = exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getRawQuery();
            boolean known = asked.equals("/provision/returns/G12.csv?from=2025-12-31&to=2026-06-30&lang=en");
            byte[] body = (known ? "G12 Loan quality migration\n" : "{\"code\":\"INVALID_ARGUMENT\",\"violations\":[{\"field\":\"lang\"}]} " + asked)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
        http.stop(0);
    }

    int run(String... args) {
        String target = "127.0.0.1:" + server.getPort();
        CommandLine cli = BankRiskCommand.configure(new CommandLine(new BankRiskCommand()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 5];
        all[0] = "--tiering=" + target;
        all[1] = "--loan-risk=" + target;
        all[2] = "--provision=" + target;
        all[3] = "--provision-http=http://127.0.0.1:" + http.getAddress().getPort();
        all[4] = "--plain";
        System.arraycopy(args, 0, all, 5, args.length);
        return cli.execute(all);
    }

    Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void balancesLoadStreamsTheFileInChunksAndPrintsTheCounts() throws IOException {
        StringBuilder csv = new StringBuilder("customer_number,account_id,asset_type,balance_date,amount,currency\n");
        for (int day = 1; day <= 5; day++) {
            csv.append("C1,C1-D,DEPOSIT,2026-10-0").append(day).append(",100.00,CNY\n");
        }
        int code = run("balances", "load", file("b.csv", csv.toString()).toString(), "--chunk", "2");
        assertThat(code).as(err.toString()).isZero();
        assertThat(balanceStreams).hasSize(1);
        assertThat(balanceStreams.get(0)).hasSize(5);
        assertThat(balanceStreams.get(0).get(4).getBalanceDate().getDay()).isEqualTo(5);
        assertThat(out.toString()).isEqualTo("received=5 inserted=5 replaced=0\n");
        assertThat(err.toString()).contains("balances 100% (5/5)");
    }

    @Test
    void aBadCsvLineSendsNothingAndExitsWithTwo() throws IOException {
        Path csv = file("b.csv", "customer_number,account_id,asset_type,balance_date,amount,currency\n"
                + "C1,C1-D,DEPOSIT,2026-10-01,100.00,CNY\nC1,C1-D,DEPOSIT,2026-10-02,1e5,CNY\n");
        assertThat(run("balances", "load", csv.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("error: " + csv + ":3: column amount: '1e5' is not an amount");
        assertThat(balanceStreams).isEmpty();
        assertThat(run("balances", "load", dir.resolve("missing.csv").toString())).isEqualTo(2);
    }

    @Test
    void loanFactsAreSplitIntoStreamsOfTheServersRowCap() throws IOException {
        StringBuilder csv = new StringBuilder("loan_id,as_of,outstanding_balance\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("L").append(i).append(",2026-10-31,1000.00\n");
        }
        assertThat(run("loans", "load", file("l.csv", csv.toString()).toString(), "--rows-per-stream", "2")).as(err.toString()).isZero();
        assertThat(factStreamSizes).containsExactly(2, 2, 1);
        assertThat(out.toString()).isEqualTo("rows=5 facts_inserted=5 facts_updated=0 facts_unchanged=0 loans_registered=0 loans_updated=0\n");
    }

    @Test
    void evaluateRendersTheProgressStreamAndMapsStatusesToExitCodes() {
        assertThat(run("tiers", "evaluate", "2026-10")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("month=2026-10 customers=2000 scheme_version=1 recomputed=true\n");
        assertThat(err.toString()).contains("tiers 2026-10: started", "tiers 2026-10: completed 2,000",
                "tiers 2026-10: 2,000 customers evaluated with scheme v1 in 42 ms");

        assertThat(run("tiers", "evaluate", "2026-11")).isEqualTo(4);
        assertThat(err.toString()).contains("error: FAILED_PRECONDITION: MONTH_NOT_COMPLETE: 2026-11 is not complete");
        assertThat(run("tiers", "evaluate", "2027-01")).isEqualTo(2);
        assertThat(run("tiers", "distribution", "2026-09")).isEqualTo(3);
        assertThat(err.toString()).contains("error: NOT_FOUND: evaluation 2026-09");
        assertThat(run("tiers", "evaluate", "October")).isEqualTo(2);
        assertThat(run("tiers", "evaluate")).isEqualTo(2);
    }

    @Test
    void anUnreachableServiceExitsWithFive() {
        CommandLine cli = BankRiskCommand.configure(new CommandLine(new BankRiskCommand()));
        cli.setErr(new PrintWriter(err, true));
        int port = server.getPort();
        server.shutdownNow();
        assertThat(cli.execute("--tiering=127.0.0.1:" + port, "tiers", "distribution", "2026-10")).isEqualTo(5);
        assertThat(err.toString()).startsWith("error: UNAVAILABLE");
    }

    @Test
    void reportFetchWritesTheFileOrExitsWithThreeForAnUnknownRun() throws IOException {
        Path target = dir.resolve("out/run-7.csv");
        assertThat(run("report", "fetch", "7", "--format", "csv", "--out", target.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(target)).isEqualTo("section,key\ninputs,PBOC-2002\n");
        assertThat(run("report", "fetch", "8", "--format", "csv", "--out", dir.resolve("run-8.csv").toString())).isEqualTo(3);
        assertThat(err.toString()).contains("answered 404: no completed run");
        assertThat(dir.resolve("run-8.csv")).doesNotExist();
        assertThat(run("report", "fetch", "7", "--format", "docx", "--out", target.toString())).isEqualTo(2);
    }

    @Test
    void returnsFetchAsksForTheFormPeriodAndLanguageAndExitsWithTwoForBadInput() throws IOException {
        Path target = dir.resolve("G12.csv");
        assertThat(run("returns", "fetch", "--form", "G12", "--from", "2025-12-31", "--to", "2026-06-30", "--lang", "en", "--format", "csv",
                "--out", target.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(target)).isEqualTo("G12 Loan quality migration\n");
        Path refused = dir.resolve("G12-fr.csv");
        assertThat(run("returns", "fetch", "--form", "G12", "--from", "2025-12-31", "--to", "2026-06-30", "--lang", "fr", "--format", "csv",
                "--out", refused.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("answered 400").contains("\"lang\"").contains("lang=fr");
        assertThat(refused).doesNotExist();
        assertThat(run("returns", "fetch", "--form", "G12", "--from", "2025-12-31", "--to", "30.06.2026", "--out", refused.toString())).isEqualTo(2);
    }

    @Test
    void theTokenAndTheReasonGoWithEveryCall() throws IOException {
        Path target = dir.resolve("run-7.csv");
        assertThat(run("--token", "eyJ.test.token", "--reason", "月末 month-end, 2026-10", "tiers", "evaluate", "2026-10"))
                .as(err.toString()).isZero();
        assertThat(run("--token", "eyJ.test.token", "report", "fetch", "7", "--format", "csv", "--out", target.toString()))
                .as(err.toString()).isZero();

        Metadata headers = grpcHeaders.get(0);
        assertThat(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("Bearer eyJ.test.token");
        String reason = headers.get(Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER));
        assertThat(reason).matches("[\\x21-\\x7e]+");
        assertThat(URLDecoder.decode(reason, StandardCharsets.UTF_8)).isEqualTo("月末 month-end, 2026-10");
        assertThat(httpAuthorizations).containsExactly("Bearer eyJ.test.token");
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSentAndADenialExitsWithSix() {
        assertThat(run("tiers", "distribution", "2026-08")).isEqualTo(6);
        assertThat(err.toString()).contains("error: PERMISSION_DENIED");
        assertThat(grpcHeaders.get(0).containsKey(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER))).isFalse();
    }

    @Test
    void theTokenVerbSignsATokenTheServicesSampleKeyVerifies() throws Exception {
        Path keys = Path.of("..", "deploy", "dev-keys");
        assertThat(run("token", "--subject", "alice", "--role", "finance", "--role", "auditor",
                "--private-key", keys.resolve("jwt-private.pem").toString())).as(err.toString()).isZero();

        String pem = Files.readString(keys.resolve("jwt-public.pem"));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", ""));
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)))
                .setExpectedIssuer("bankrisk")
                .build()
                .processToClaims(out.toString().strip());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("finance", "auditor");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(8 * 3600);

        assertThat(run("token", "--subject", "bob", "--role", "admin")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown role 'admin'");
    }

    @Test
    void theTokenVerbSignsNoTokenLongerLivedThanTheServicesAccept() {
        assertThat(run("token", "--subject", "alice", "--role", "auditor", "--lifetime", "PT12H1S")).isEqualTo(2);
        assertThat(err.toString()).contains("longer than the services accept (PT12H");
        assertThat(out.toString()).isEmpty();
    }

    class FakeTiering extends TieringServiceGrpc.TieringServiceImplBase {
        @Override
        public StreamObserver<LoadBalancesRequest> loadBalances(StreamObserver<LoadBalancesResponse> response) {
            List<Balance> rows = new CopyOnWriteArrayList<>();
            return new StreamObserver<>() {
                @Override
                public void onNext(LoadBalancesRequest value) {
                    rows.addAll(value.getBalancesList());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    balanceStreams.add(rows);
                    response.onNext(LoadBalancesResponse.newBuilder().setReceived(rows.size()).setInserted(rows.size()).build());
                    response.onCompleted();
                }
            };
        }

        @Override
        public void evaluateMonth(EvaluateMonthRequest request, StreamObserver<EvaluationProgress> response) {
            int month = request.getMonth().getYear() * 100 + request.getMonth().getMonth();
            if (month == 202611) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("MONTH_NOT_COMPLETE: 2026-11 is not complete").asRuntimeException());
                return;
            }
            if (month > 202611) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("month: is in the future").asRuntimeException());
                return;
            }
            EvaluationProgress.Builder p = EvaluationProgress.newBuilder().setMonth(request.getMonth()).setSchemeVersion(1);
            response.onNext(p.setStage(EvaluationStage.EVALUATION_STAGE_STARTED).build());
            response.onNext(p.setStage(EvaluationStage.EVALUATION_STAGE_TIERS_ASSIGNED).setCustomers(2000).build());
            response.onNext(p.setStage(EvaluationStage.EVALUATION_STAGE_COMPLETED).setRecomputed(true).setElapsedMillis(42).build());
            response.onCompleted();
        }

        @Override
        public void getTierDistribution(GetTierDistributionRequest request, StreamObserver<TierDistribution> response) {
            if (request.getMonth().getMonth() == 8) {
                response.onError(Status.PERMISSION_DENIED.withDescription("the caller's roles do not allow this call").asRuntimeException());
                return;
            }
            response.onError(Status.NOT_FOUND.withDescription("evaluation 2026-09").asRuntimeException());
        }
    }

    class FakeLoanRisk extends LoanRiskServiceGrpc.LoanRiskServiceImplBase {
        @Override
        public StreamObserver<LoadLoanFactsBatch> loadLoanFactsBatches(StreamObserver<LoadLoanFactsResponse> response) {
            int[] rows = new int[1];
            return new StreamObserver<>() {
                @Override
                public void onNext(LoadLoanFactsBatch value) {
                    rows[0] += value.getRowsCount();
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    factStreamSizes.add(rows[0]);
                    response.onNext(LoadLoanFactsResponse.newBuilder().setRowsReceived(rows[0]).setFactsInserted(rows[0]).build());
                    response.onCompleted();
                }
            };
        }
    }
}
