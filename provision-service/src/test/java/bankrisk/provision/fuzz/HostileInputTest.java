package bankrisk.provision.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Message;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.PageRequest;
import bank.common.v1.YearMonth;
import bank.loanrisk.v1.LoanCategory;
import bank.provision.v1.CategoryRate;
import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.GetJournalRequest;
import bank.provision.v1.GetMovementRequest;
import bank.provision.v1.GetPolicyRequest;
import bank.provision.v1.GetReportRequest;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.Policy;
import bank.provision.v1.ClosePeriodRequest;
import bank.provision.v1.GetPostingRequest;
import bank.provision.v1.ListPoliciesRequest;
import bank.provision.v1.StreamRunLinesRequest;
import bank.provision.v1.ListRunsRequest;
import bank.provision.v1.GetG11Request;
import bank.provision.v1.GetG12Request;
import bank.provision.v1.GetG13Request;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RegulatoryReturnsServiceGrpc.RegulatoryReturnsServiceBlockingStub;
import bank.provision.v1.RunStepRequest;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.common.security.Roles;
import bankrisk.provision.PolicyRequests;
import bankrisk.provision.TestDatabase;
import bankrisk.testing.TableFingerprints;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Thousands of malformed requests, seeded so a failure can be replayed, across every RPC and every REST download:
 * wrong enums, malformed and extreme decimals and rates, dates out of range, 10,000-character strings, SQL injection,
 * unicode and control characters, empty and duplicate ids, malformed run ids in paths, oversized messages. Every
 * answer must be a client error (never INTERNAL, UNKNOWN or a 5xx), and no table may change.
 */
@QuarkusTest
class HostileInputTest {

    static final long SEED = 20261129L;
    static final int PER_RPC = 400;
    static final int REST_REQUESTS = 600;

    static final Set<Status.Code> CLIENT_ERRORS = EnumSet.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION, Status.Code.ALREADY_EXISTS, Status.Code.OUT_OF_RANGE, Status.Code.RESOURCE_EXHAUSTED);

    /** Strings no identifier, and no free text, should accept. */
    static final List<String> BAD_TEXTS = List.of("", " ", "\t", "A".repeat(10_000), "貸".repeat(10_000),
            "'; DROP TABLE provision_run; --", "1' OR '1'='1", "PBOC-2002' --", "PBOC-2002\u0000", "\u0000",
            "$$; TRUNCATE audit_event; $$", "\u0007bell", "line\r\nbreak\u001b[31m", "\u202Egnp.exe", "😀💥", "e\u0301\u0301\u0301",
            "%00%27", "../../etc/passwd", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "\uFEFFPBOC-2002", "ＰＢＯＣ-2002");
    /** Decimals the contract refuses outright, or rates outside [0, 1]. */
    static final List<String> BAD_DECIMALS = List.of("1e400", "1E-400", "NaN", "Infinity", "-Infinity", "1.5", "-0.01", "-1", "",
            " 0.1", "0.1 ", "1,5", "0x10", "99999999999999999999999", "0.0000000000001", "+0.1", "１", "1.", ".5", "--1", "2",
            "0.25'; DROP TABLE provision_policy;--", "1.00000000000000000001", "9".repeat(10_000));
    /** Run ids no run has: zero, negative, beyond any sequence. */
    static final long[] BAD_IDS = {0, -1, -42, Long.MIN_VALUE, Long.MAX_VALUE, 999_999_999_999L, Integer.MAX_VALUE + 1L};
    /** Run ids as text in REST paths and query strings. */
    static final List<String> BAD_ID_TEXTS = List.of("abc", "-1", "0", "1e400", "99999999999999999999", "NaN", "%00", "%27%20OR%201%3D1",
            "%EF%BC%91", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "%20", "1;DROP", "0x1F", "%F0%9F%98%80",
            "..%2F..", "A".repeat(5000));

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @GrpcClient("provision")
    RegulatoryReturnsServiceBlockingStub returns;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.http.test-port")
    int httpPort;

    private final Random random = new Random(SEED);
    private final Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
    private final List<String> wrongAnswers = new ArrayList<>();

    @BeforeEach
    void authenticateAsFinance() {
        approver = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("approver-1", Roles.FINANCE_APPROVER));
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
        returns = GrpcClientUtils.attachHeaders(returns, TestTokens.headers("risk-1", Roles.RISK_OFFICER));
    }

    private ProvisionServiceBlockingStub approver;

    @Test
    void everyMalformedRequestIsAClientErrorAndNothingChanges() throws Exception {
        Map<String, String> before = TableFingerprints.all(dataSource);

        for (int i = 0; i < PER_RPC; i++) {
            grpc("CreatePolicy", this::createPolicy, r -> stub().createPolicy(r));
            grpc("GetPolicy", this::getPolicy, r -> stub().getPolicy(r));
            grpc("RunProvisioning", this::runProvisioning, r -> stub().runProvisioning(r).forEachRemaining(p -> { }));
            grpc("GetRun", () -> GetRunRequest.newBuilder().setRunId(badId()).build(), r -> stub().getRun(r));
            grpc("GetMovement", () -> GetMovementRequest.newBuilder().setFromRunId(badId()).setToRunId(badId()).build(),
                    r -> stub().getMovement(r));
            grpc("GetJournal", () -> GetJournalRequest.newBuilder().setRunId(badId()).setPreviousRunId(anyId()).build(),
                    r -> stub().getJournal(r));
            grpc("GetReport", () -> GetReportRequest.newBuilder().setRunId(badId()).setViewValue(random.nextInt(6) - 1 + (random.nextBoolean() ? 0 : 999))
                    .build(), r -> stub().getReport(r));
            grpc("ListAuditEvents", this::listAuditEvents, r -> stub().listAuditEvents(r));
            grpc("SubmitRun", this::runStep, r -> stub().submitRun(r));
            grpc("ApproveRun", this::runStep, r -> approverStub().approveRun(r));
            grpc("RejectRun", this::runStep, r -> approverStub().rejectRun(r));
            grpc("PostRun", this::runStep, r -> stub().postRun(r));
            grpc("RequestReversal", this::runStep, r -> stub().requestReversal(r));
            grpc("ApproveReversal", this::runStep, r -> approverStub().approveReversal(r));
            grpc("ClosePeriod", this::closePeriod, r -> approverStub().closePeriod(r));
            grpc("ListRuns", this::listRuns, r -> stub().listRuns(r));
            grpc("ListPolicies", () -> ListPoliciesRequest.newBuilder().setPage(badPage()).build(), r -> stub().listPolicies(r));
            grpc("GetPosting", () -> GetPostingRequest.newBuilder().setPostingId(badId()).build(), r -> stub().getPosting(r));
            grpc("StreamRunLines", () -> StreamRunLinesRequest.newBuilder().setRunId(badId()).build(),
                    r -> stub().streamRunLines(r).forEachRemaining(p -> { }));
            if (i % 4 == 0) { // the returns read two or three streams per call: a quarter of the count keeps the suite's time
                grpc("GetG11", () -> GetG11Request.newBuilder().setAsOf(anyDate()).setRunId(badId()).setLang(anyLang()).build(),
                        r -> returnsStub().getG11(r));
                grpc("GetG12", this::getG12, r -> returnsStub().getG12(r));
                grpc("GetG13", () -> GetG13Request.newBuilder().setAsOf(anyDate()).setRunId(badId()).setLang(anyLang()).build(),
                        r -> returnsStub().getG13(r));
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < REST_REQUESTS; i++) {
            rest(http);
        }
        oversized();

        int total = outcomes.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        System.out.printf("hostile input: %d malformed requests (seed %d)%n", total, SEED);
        outcomes.forEach((rpc, codes) -> System.out.printf("  %-16s %5d  %s%n", rpc, codes.values().stream().mapToInt(Integer::intValue).sum(), codes));
        assertThat(wrongAnswers).as("answers that are not client errors").isEmpty();
        assertThat(total).isGreaterThanOrEqualTo(3000);
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
    }

    private RegulatoryReturnsServiceBlockingStub returnsStub() {
        return returns.withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** A malformed date, or a good one (the request stays bad through another field). */
    private Date anyDate() {
        return random.nextBoolean() ? badDate() : bankrisk.api.convert.Dates.toDate(pick(List.of(LocalDate.of(2026, 6, 30), LocalDate.of(2019, 5, 31))));
    }

    private String anyLang() {
        return random.nextBoolean() ? pick(List.of("", "zh-CN", "en")) : pick(BAD_TEXTS.stream().filter(t -> !t.isBlank()).toList());
    }

    /** A G12 period that cannot be reported: a malformed date, a year start that is no 31 December, an end before it, too far, no snapshot, a bad language. */
    private GetG12Request getG12() {
        Date yearStart = bankrisk.api.convert.Dates.toDate(LocalDate.of(2025, 12, 31));
        Date periodEnd = bankrisk.api.convert.Dates.toDate(LocalDate.of(2026, 6, 30));
        GetG12Request.Builder request = GetG12Request.newBuilder().setFrom(yearStart).setTo(periodEnd);
        return switch (random.nextInt(6)) {
            case 0 -> request.setFrom(badDate()).build();
            case 1 -> request.setTo(badDate()).build();
            case 2 -> request.setFrom(bankrisk.api.convert.Dates.toDate(LocalDate.of(2026, 1, 31))).build();
            case 3 -> request.setTo(bankrisk.api.convert.Dates.toDate(pick(List.of(LocalDate.of(2025, 6, 30), LocalDate.of(2027, 1, 31))))).build();
            case 4 -> request.setFrom(bankrisk.api.convert.Dates.toDate(LocalDate.of(2018, 12, 31)))
                    .setTo(bankrisk.api.convert.Dates.toDate(LocalDate.of(2019, 5, 31))).build();
            default -> request.setLang(pick(BAD_TEXTS.stream().filter(t -> !t.isBlank()).toList())).build();
        };
    }

    private ProvisionServiceBlockingStub stub() {
        return provision.withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** A checker who is not the fuzzing finance user. */
    private ProvisionServiceBlockingStub approverStub() {
        return approver.withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** A page no list can serve: a size outside 1..1000 or a token this service never issued. */
    private PageRequest badPage() {
        return random.nextBoolean()
                ? PageRequest.newBuilder().setPageSize(pick(List.of(-1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE))).build()
                : PageRequest.newBuilder().setPageToken(pick(List.of("abc", "' OR 1=1", "%00", "b2Zmc2V0Oi0x", "A".repeat(3000)))).build();
    }

    /** A run list with one malformed filter or page (the rest may be fine). */
    private ListRunsRequest listRuns() {
        ListRunsRequest.Builder request = ListRunsRequest.newBuilder();
        if (random.nextBoolean()) {
            request.setPolicyCode(pick(List.of("PBOC-2002", "MOF-2012-STANDARD")));
        }
        switch (random.nextInt(5)) {
            case 0 -> request.setPage(badPage());
            case 1 -> request.setFromAsOf(badDate());
            case 2 -> request.setStatusValue(pick(List.of(-1, 8, 999)));
            case 3 -> request.setPolicyCode(pick(BAD_TEXTS.stream().filter(t -> !t.isEmpty()).toList()));
            default -> request.setFromAsOf(bankrisk.api.convert.Dates.toDate(LocalDate.of(2024, 12, 31)))
                    .setToAsOf(bankrisk.api.convert.Dates.toDate(LocalDate.of(2024, 11, 30)));
        }
        return request.build();
    }

    private RunStepRequest runStep() {
        return RunStepRequest.newBuilder().setRunId(badId()).build();
    }

    /** Never a month that exists: a year outside 1900..9999 or a month outside 1..12 (or nothing). */
    private ClosePeriodRequest closePeriod() {
        int[] badYears = {0, -1, 1899, 10_000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] badMonths = {0, -1, 13, 99, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] goodMonths = {1, 6, 12};
        return switch (random.nextInt(3)) {
            case 0 -> ClosePeriodRequest.getDefaultInstance();
            case 1 -> ClosePeriodRequest.newBuilder().setPeriod(YearMonth.newBuilder().setYear(badYears[random.nextInt(badYears.length)])
                    .setMonth(goodMonths[random.nextInt(goodMonths.length)])).build();
            default -> ClosePeriodRequest.newBuilder().setPeriod(YearMonth.newBuilder().setYear(2024)
                    .setMonth(badMonths[random.nextInt(badMonths.length)])).build();
        };
    }

    private <R extends Message> void grpc(String rpc, Supplier<R> requests, Consumer<R> call) {
        R request = requests.get();
        String outcome;
        try {
            call.accept(request);
            outcome = "OK";
        } catch (StatusRuntimeException e) {
            outcome = e.getStatus().getCode().name();
            if (!CLIENT_ERRORS.contains(e.getStatus().getCode())) {
                wrongAnswers.add(rpc + " " + e.getStatus() + " for " + abbreviate(request.toString()));
            }
        }
        if (outcome.equals("OK")) {
            wrongAnswers.add(rpc + " succeeded for " + abbreviate(request.toString()));
        }
        outcomes.computeIfAbsent(rpc, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    /** A valid PBOC 2002 copy broken one to four times (no break can repair another). */
    private CreatePolicyRequest createPolicy() {
        Policy.Builder policy = PolicyRequests.pboc2002Policy(random.nextInt(4) == 0 ? "PBOC-2002" : "FUZZ-" + random.nextInt(1000),
                LocalDate.of(2024, 1, 1));
        if (random.nextBoolean()) {
            policy.setName(pick(List.of("貸款損失準備", "Provisions 2025", "Ünïcödé ✓")));
        }
        for (int breaks = 1 + random.nextInt(4); breaks > 0; breaks--) {
            breakPolicy(policy);
        }
        if (random.nextInt(40) == 0) {
            return CreatePolicyRequest.getDefaultInstance();
        }
        return CreatePolicyRequest.newBuilder().setPolicy(policy).build();
    }

    private void breakPolicy(Policy.Builder policy) {
        int rate = random.nextInt(policy.getRatesCount());
        switch (random.nextInt(13)) {
            case 0 -> policy.setPolicyCode(pick(BAD_TEXTS));
            case 1 -> policy.setVersion(pick(List.of(0, -1, Integer.MIN_VALUE)));
            case 2 -> policy.setName(pick(List.of("", " ", "\u0000", "name\u0007", "A".repeat(10_000), "貸".repeat(201))));
            case 3 -> policy.setEffectiveFrom(badDate());
            case 4 -> policy.setGeneralReserveRate(decimal(pick(BAD_DECIMALS)));
            case 5 -> policy.setRates(rate, policy.getRates(rate).toBuilder().setRate(decimal(pick(BAD_DECIMALS))));
            case 6 -> policy.setRates(rate, policy.getRates(rate).toBuilder().setMinRate(decimal(pick(BAD_DECIMALS))));
            case 7 -> policy.setRates(rate, policy.getRates(rate).toBuilder().setMaxRate(decimal(pick(BAD_DECIMALS))));
            case 8 -> policy.setRates(rate, policy.getRates(rate).toBuilder().setCategoryValue(pick(List.of(0, 999, -1, 6))));
            case 9 -> policy.setRates(rate, policy.getRates((rate + 1) % policy.getRatesCount())); // a category twice
            case 10 -> policy.removeRates(rate);
            case 11 -> policy.setBaseValue(pick(List.of(0, 999, -7)));
            default -> policy.setSource(pick(List.of("S".repeat(10_000), "source\u0000", "\u001b[2J")));
        }
        if (random.nextInt(10) == 0) {
            // A rate outside its band, all in [0, 1]: Substandard 0.35 in [0.20, 0.30].
            policy.addRates(PolicyRequests.rate(LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "0.35", "0.20", "0.30"));
        }
    }

    private GetPolicyRequest getPolicy() {
        String code = random.nextBoolean() ? pick(BAD_TEXTS) : "FUZZ-NOPE-" + random.nextInt(1000);
        int version = random.nextBoolean() ? random.nextInt(3) : pick(List.of(-1, Integer.MIN_VALUE, Integer.MAX_VALUE));
        if (random.nextInt(5) == 0) {
            // A real code, a version it does not have.
            return GetPolicyRequest.newBuilder().setPolicyCode("PBOC-2002").setVersion(pick(List.of(-1, 2, 999, Integer.MAX_VALUE))).build();
        }
        return GetPolicyRequest.newBuilder().setPolicyCode(code).setVersion(version).build();
    }

    private RunProvisioningRequest runProvisioning() {
        RunProvisioningRequest.Builder request = RunProvisioningRequest.newBuilder()
                .setAsOf(random.nextBoolean() ? badDate() : bankrisk.api.convert.Dates.toDate(LocalDate.of(2024, 12, 31)))
                .setPolicyCode(random.nextBoolean() ? pick(BAD_TEXTS) : "FUZZ-NOPE-" + random.nextInt(1000))
                .setPolicyVersion(random.nextBoolean() ? random.nextInt(3) : pick(List.of(-1, Integer.MIN_VALUE)));
        if (random.nextInt(5) == 0) {
            // A real policy, a version it does not have, any date.
            request.setPolicyCode("PBOC-2002").setPolicyVersion(pick(List.of(2, 999, Integer.MAX_VALUE)));
        }
        if (random.nextInt(20) == 0) {
            request.clearAsOf();
        }
        return request.build();
    }

    private ListAuditEventsRequest listAuditEvents() {
        ListAuditEventsRequest.Builder request = ListAuditEventsRequest.newBuilder();
        if (random.nextBoolean()) {
            // A harmless-looking filter beside the bad field.
            request.setSubject(pick(List.of("'; DELETE FROM audit_event; --", "貸款", "run/1")));
        }
        switch (random.nextInt(5)) {
            case 0 -> request.setPage(PageRequest.newBuilder().setPageSize(pick(List.of(-1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE))));
            case 1 -> request.setPage(PageRequest.newBuilder().setPageToken(pick(List.of("!!!", "' OR 1=1 --", "\u0000", token("offset:-5"),
                    token("offset:abc"), token("offset:99999999999999999999"), token("limit:5"), "A".repeat(10_000)))));
            case 2 -> request.setSubject(pick(List.of("S".repeat(201), "run/1\u0000", "policy/\u0007")));
            case 3 -> request.setAction(pick(List.of("A".repeat(65), "RUN_COMPLETED\u0000", "\u001b")));
            default -> request.setActor(pick(List.of("x".repeat(257), "admin\u0000", "\u0001")));
        }
        return request.build();
    }

    /** One REST download with a malformed run id, or a good-looking id no run has and a malformed parameter. */
    private void rest(HttpClient http) throws Exception {
        String id = random.nextInt(3) == 0 ? Long.toString(badId()) : pick(BAD_ID_TEXTS);
        String endpoint = pick(List.of("report.csv", "report.xlsx", "report.pdf", "journal.csv", "movement.csv", "gl.csv", "lines.csv", "returns"));
        String query = switch (endpoint) {
            case "report.csv" -> "?view=" + encode(pick(List.of("REGION", "branch", "", "\u0000", "' OR 1=1", "A".repeat(3000), "TIER")));
            case "journal.csv" -> "?previousRunId=" + pick(BAD_ID_TEXTS);
            case "movement.csv" -> random.nextBoolean() ? "" : "?fromRunId=" + pick(BAD_ID_TEXTS);
            default -> "";
        };
        String path = endpoint.equals("returns") ? returnsPath(id)
                : (endpoint.equals("gl.csv") ? "/provision/postings/" : "/provision/runs/") + id + "/" + endpoint + query;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path)).timeout(Duration.ofSeconds(20));
        String authorization = random.nextInt(8) == 0
                ? pick(List.of("Bearer " + TestTokens.expiredToken("finance-1", Roles.FINANCE), "Bearer ' OR 1=1", "Bearer " + "A".repeat(3000)))
                : TestTokens.authorizationHeader("finance-1", Roles.FINANCE);
        int status = http.send(request.header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 400 || status >= 500) {
            wrongAnswers.add("REST " + status + " for GET " + abbreviate(path));
        }
        outcomes.computeIfAbsent("REST " + endpoint, k -> new TreeMap<>()).merge(Integer.toString(status), 1, Integer::sum);
    }

    /** A return download with an unknown form or format, a malformed run id or date, or a bad language. */
    private String returnsPath(String id) {
        String file = pick(List.of("G11.csv", "G12.xlsx", "G13.pdf", "G14.csv", "G11.docx", "g11", encode("G11.csv' OR 1=1"), "A".repeat(300)));
        return "/provision/returns/" + file + switch (random.nextInt(4)) {
            case 0 -> "?as_of=" + encode(pick(List.of("2026-06-31", "yesterday", "２０２６-06-30", "", "2026-6-30"))) + "&run_id=" + id;
            case 1 -> "?as_of=2026-06-30&run_id=" + id;
            case 2 -> "?from=" + encode(pick(List.of("2025-06-30", "2025-13-31", "' OR 1=1", ""))) + "&to=2026-06-30";
            default -> "?from=2025-12-31&to=2026-06-30&as_of=2026-06-30&run_id=" + id + "&lang=" + encode(pick(List.of("fr", "zh", "\u0000", "A".repeat(3000))));
        };
    }

    /** Messages over quarkus.grpc.server.max-inbound-message-size (4 MiB) are refused before they are read. */
    private void oversized() {
        String fiveMebibytes = "貸".repeat(5 * 1024 * 1024 / 3 + 1);
        grpc("CreatePolicy", () -> CreatePolicyRequest.newBuilder().setPolicy(PolicyRequests.pboc2002Policy("FUZZ-BIG", LocalDate.of(2024, 1, 1))
                .setName(fiveMebibytes)).build(), r -> {
                    try {
                        stub().createPolicy(r);
                    } catch (StatusRuntimeException e) {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        throw e;
                    }
                });
        grpc("ListAuditEvents", () -> ListAuditEventsRequest.newBuilder().setSubject("S".repeat(5 * 1024 * 1024)).build(), r -> {
            try {
                stub().listAuditEvents(r);
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                throw e;
            }
        });
    }

    private Date badDate() {
        return switch (random.nextInt(8)) {
            case 0 -> Date.newBuilder().setYear(2024).setMonth(13).setDay(1).build();
            case 1 -> Date.newBuilder().setYear(2024).setMonth(2).setDay(30).build();
            case 2 -> Date.newBuilder().setYear(0).setMonth(0).setDay(0).build();
            case 3 -> Date.newBuilder().setYear(-1).setMonth(1).setDay(1).build();
            case 4 -> Date.newBuilder().setYear(Integer.MAX_VALUE).setMonth(12).setDay(31).build();
            case 5 -> Date.newBuilder().setYear(10_000).setMonth(1).setDay(1).build();
            case 6 -> Date.newBuilder().setYear(2024).setMonth(-3).setDay(Integer.MIN_VALUE).build();
            default -> Date.getDefaultInstance();
        };
    }

    private long badId() {
        return BAD_IDS[random.nextInt(BAD_IDS.length)];
    }

    /** A bad id, or occasionally one that may exist (the request stays bad through its other field). */
    private long anyId() {
        return random.nextInt(4) == 0 ? random.nextInt(5) : badId();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Decimal decimal(String value) {
        return Decimal.newBuilder().setValue(value).build();
    }

    private static String token(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
