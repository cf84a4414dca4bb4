package bankrisk.provision.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bank.provision.v1.ClosePeriodRequest;
import bank.provision.v1.GetPostingRequest;
import bank.common.v1.PageRequest;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.ListPoliciesRequest;
import bank.provision.v1.ListPoliciesResponse;
import bank.provision.v1.ListRunsRequest;
import bank.provision.v1.ListRunsResponse;
import bank.provision.v1.LedgerPosting;
import bank.provision.v1.LedgerPostingKind;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.provision.v1.RunStepRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.provision.PolicyRequests;
import bankrisk.provision.TestDatabase;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The month-end close over gRPC: maker-checker on runs, postings booked exactly once against the book's last posted
 * run, approved reversals, closed periods. Each test provisions under a policy code of its own (a PBOC 2002 copy), so
 * each has a book of its own.
 *
 * <p>The November book under PBOC 2002 (see {@link FakeLoanRisk}), by branch:
 *
 * <pre>
 * BR01  L005 Doubtful 82000.00 × 50 %                          = 41000.00
 * BR02  L004 SM 125000.00 × 2 % = 2500.00; L008 Loss 7000.00   =  9500.00
 * BR03  L006 Loss 10000.01; L009 Substandard 4000.00 × 25 % = 1000.00 → 11000.01
 * head office: general 1 % × 1488500.01 = 14885.0001          → 14885.00
 * allowance 41000.00 + 9500.00 + 11000.01 + 14885.00           = 76385.01
 * </pre>
 *
 * December against November (ProvisionRunGrpcTest's journal, from the fake loan-risk's booked flows): BR01 release
 * 1000.00; BR02 charge 31164.20, the write-off of L008 7000.00 and 1200.00 recovered on it (to the allowance); BR03
 * charge 266.67, 1500.00 of L009's sale (4000.00 at 2500.00) used and 300.00 recovered on L010; head office release
 * 217.10; 42647.97 in all.
 */
@QuarkusTest
class MonthEndCloseGrpcTest {

    private static final Metadata.Key<String> REASON = Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("provision")
    ProvisionServiceBlockingStub client;

    @Inject
    DataSource dataSource;

    /** alice is finance and also holds finance-approver: she still may not approve what she submitted. */
    private ProvisionServiceBlockingStub alice() {
        return as("alice", "month-end run checked", Roles.FINANCE, Roles.FINANCE_APPROVER);
    }

    private ProvisionServiceBlockingStub bob() {
        return as("bob", "figures agree with the loan book", Roles.FINANCE_APPROVER);
    }

    @Test
    void aRunIsSubmittedByOnePersonApprovedByAnotherAndPostedOnceWithTheWholeAllowance() throws SQLException {
        long nov = run("CLOSE-A", FakeLoanRisk.NOV);
        assertThat(alice().getRun(id(nov)).getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_DRAFT);
        refused(() -> alice().postRun(step(nov)), "RUN_NOT_APPROVED");

        ProvisionRun submitted = alice().submitRun(step(nov));
        assertThat(submitted.getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_SUBMITTED);
        assertThat(submitted.getLifecycle().getSubmittedBy()).isEqualTo("alice");
        refused(() -> alice().approveRun(step(nov)), "SAME_PERSON");
        // The identity provider's logins are case-insensitive; a full-width name typed with a Chinese IME is the same login.
        refused(() -> as("ＡＬＩＣＥ", "", Roles.FINANCE_APPROVER).approveRun(step(nov)), "SAME_PERSON");
        refused(() -> alice().postRun(step(nov)), "RUN_NOT_APPROVED");

        ProvisionRun approved = bob().approveRun(step(nov));
        assertThat(approved.getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_APPROVED);
        assertThat(approved.getLifecycle().getDecidedBy()).isEqualTo("bob");
        refused(() -> bob().approveRun(step(nov)), "RUN_NOT_SUBMITTED");

        LedgerPosting posting = alice().postRun(step(nov));

        assertThat(posting.getKind()).isEqualTo(LedgerPostingKind.LEDGER_POSTING_KIND_POSTING);
        assertThat(posting.getPreviousRunId()).isZero();
        assertThat(Dates.parse(posting.getPostingDate(), "d", new bankrisk.common.error.Violations())).isEqualTo(FakeLoanRisk.NOV);
        assertThat(posting.getPeriod().getYear() + "-" + posting.getPeriod().getMonth()).isEqualTo("2024-11");
        assertThat(posting.getPostedBy()).isEqualTo("alice");
        assertThat(lines(posting)).containsExactly(
                "BR01 6702 Dr 41000.00", "BR01 1304 Cr 41000.00",
                "BR02 6702 Dr 9500.00", "BR02 1304 Cr 9500.00",
                "BR03 6702 Dr 11000.01", "BR03 1304 Cr 11000.01",
                "HEAD_OFFICE 6702 Dr 14885.00", "HEAD_OFFICE 1304 Cr 14885.00");
        assertThat(posting.getTotalDebit().getAmount()).isEqualTo("76385.01").isEqualTo(posting.getTotalCredit().getAmount());
        assertThat(alice().getPosting(GetPostingRequest.newBuilder().setPostingId(posting.getPostingId()).build())).isEqualTo(posting);
        ProvisionRun posted = alice().getRun(id(nov));
        assertThat(posted.getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_POSTED);
        assertThat(posted.getLifecycle().getPostingId()).isEqualTo(posting.getPostingId());

        // The GL interface file: one row per line; each branch balances; 76385.01 debited and credited as in the posting.
        String gl = RestAssured.given().header("Authorization", TestTokens.authorizationHeader("auditor-1", Roles.AUDITOR))
                .get("/provision/postings/" + posting.getPostingId() + "/gl.csv").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"provision-gl-posting-" + posting.getPostingId() + ".csv\"")
                .extract().asString();
        String id = Long.toString(posting.getPostingId());
        String run = "run " + nov + ")\"";
        assertThat(gl.split("\r\n")).containsExactly(
                "posting_id,date,branch,account_code,currency,debit,credit,description",
                id + ",2024-11-30,BR01,6702,CNY,41000.00,0.00,\"Increase of specific provisions (BR01-CHARGE, " + run,
                id + ",2024-11-30,BR01,1304,CNY,0.00,41000.00,\"Increase of specific provisions (BR01-CHARGE, " + run,
                id + ",2024-11-30,BR02,6702,CNY,9500.00,0.00,\"Increase of specific provisions (BR02-CHARGE, " + run,
                id + ",2024-11-30,BR02,1304,CNY,0.00,9500.00,\"Increase of specific provisions (BR02-CHARGE, " + run,
                id + ",2024-11-30,BR03,6702,CNY,11000.01,0.00,\"Increase of specific provisions (BR03-CHARGE, " + run,
                id + ",2024-11-30,BR03,1304,CNY,0.00,11000.01,\"Increase of specific provisions (BR03-CHARGE, " + run,
                id + ",2024-11-30,HEAD_OFFICE,6702,CNY,14885.00,0.00,\"Increase of the general reserve (HEAD_OFFICE-CHARGE, " + run,
                id + ",2024-11-30,HEAD_OFFICE,1304,CNY,0.00,14885.00,\"Increase of the general reserve (HEAD_OFFICE-CHARGE, " + run);

        long postings = TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting");
        long lines = TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting_line");
        refused(() -> alice().postRun(step(nov)), "RUN_ALREADY_POSTED");
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting")).isEqualTo(postings);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting_line")).isEqualTo(lines);

        assertThat(audit(nov)).containsExactly(
                "RUN_SUBMITTED alice: month-end run checked",
                "RUN_APPROVED bob: figures agree with the loan book",
                "RUN_POSTED alice: month-end run checked");
    }

    @Test
    void theNextPostingIsTheDeltaAgainstTheLastPostedRunAndAReversalNeedsAnotherPerson() {
        long nov = approved("CLOSE-B", FakeLoanRisk.NOV);
        long dec = approved("CLOSE-B", FakeLoanRisk.DEC);
        alice().postRun(step(nov));

        LedgerPosting december = alice().postRun(step(dec));

        assertThat(december.getPreviousRunId()).isEqualTo(nov);
        assertThat(lines(december)).containsExactly(
                "BR01 1304 Dr 1000.00", "BR01 6702 Cr 1000.00",
                "BR02 6702 Dr 31164.20", "BR02 1304 Cr 31164.20",
                "BR02 1304 Dr 7000.00", "BR02 1303 Cr 7000.00",
                "BR02 1001 Dr 1200.00", "BR02 1304 Cr 1200.00",
                "BR03 6702 Dr 266.67", "BR03 1304 Cr 266.67",
                "BR03 1304 Dr 1500.00", "BR03 1303 Cr 1500.00",
                "BR03 1001 Dr 300.00", "BR03 1304 Cr 300.00",
                "HEAD_OFFICE 1304 Dr 217.10", "HEAD_OFFICE 6702 Cr 217.10");
        assertThat(december.getTotalDebit().getAmount()).isEqualTo("42647.97").isEqualTo(december.getTotalCredit().getAmount());
        // The GL file's write-off, derecognition and recovery rows use the configured accounts (1303 loans, 1001 recoveries).
        String gl = RestAssured.given().header("Authorization", TestTokens.authorizationHeader("auditor-1", Roles.AUDITOR))
                .get("/provision/postings/" + december.getPostingId() + "/gl.csv").then().statusCode(200).extract().asString();
        String id = Long.toString(december.getPostingId());
        String run = "run " + dec + ")\"";
        assertThat(gl.split("\r\n")).contains(
                id + ",2024-12-31,BR02,1304,CNY,7000.00,0.00,\"Write-off of loans against the allowance (BR02-WRITE_OFF, " + run,
                id + ",2024-12-31,BR02,1303,CNY,0.00,7000.00,\"Write-off of loans against the allowance (BR02-WRITE_OFF, " + run,
                id + ",2024-12-31,BR02,1001,CNY,1200.00,0.00,\"Recovery of loans written off, to the allowance (BR02-RECOVERY, " + run,
                id + ",2024-12-31,BR02,1304,CNY,0.00,1200.00,\"Recovery of loans written off, to the allowance (BR02-RECOVERY, " + run,
                id + ",2024-12-31,BR03,1303,CNY,0.00,1500.00,\"Loss on loans transferred or foreclosed, against the allowance (BR03-DERECOGNITION, "
                        + run).hasSize(17);

        // November is built on by December: it cannot be undone first.
        refused(() -> alice().requestReversal(step(nov)), "LATER_RUN_POSTED");
        alice().requestReversal(step(dec));
        refused(() -> alice().approveReversal(step(dec)), "SAME_PERSON");
        LedgerPosting reversal = bob().approveReversal(step(dec));

        assertThat(reversal.getKind()).isEqualTo(LedgerPostingKind.LEDGER_POSTING_KIND_REVERSAL);
        assertThat(reversal.getReversesPostingId()).isEqualTo(december.getPostingId());
        assertThat(lines(reversal)).containsExactly(
                "BR01 1304 Cr 1000.00", "BR01 6702 Dr 1000.00",
                "BR02 6702 Cr 31164.20", "BR02 1304 Dr 31164.20",
                "BR02 1304 Cr 7000.00", "BR02 1303 Dr 7000.00",
                "BR02 1001 Cr 1200.00", "BR02 1304 Dr 1200.00",
                "BR03 6702 Cr 266.67", "BR03 1304 Dr 266.67",
                "BR03 1304 Cr 1500.00", "BR03 1303 Dr 1500.00",
                "BR03 1001 Cr 300.00", "BR03 1304 Dr 300.00",
                "HEAD_OFFICE 1304 Cr 217.10", "HEAD_OFFICE 6702 Dr 217.10");
        assertThat(reversal.getTotalDebit().getAmount()).isEqualTo("42647.97");
        assertThat(alice().getRun(id(dec)).getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_REVERSED);
        refused(() -> alice().postRun(step(dec)), "RUN_REVERSED");
        // November is the book's last posted run again, so now it may be undone.
        assertThat(alice().requestReversal(step(nov)).getLifecycle().getStatus())
                .isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_REVERSAL_REQUESTED);
        assertThat(bob().rejectRun(step(nov)).getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_POSTED);
    }

    @Test
    void anEarlierRunCannotBePostedAfterALaterOneAndARejectedRunIsNeverPosted() {
        long nov = approved("CLOSE-C", FakeLoanRisk.NOV);
        long dec = approved("CLOSE-C", FakeLoanRisk.DEC);
        alice().postRun(step(dec));

        refused(() -> alice().postRun(step(nov)), "LATER_RUN_POSTED");
        assertThat(alice().getRun(id(nov)).getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_APPROVED);

        long rejected = run("CLOSE-D", FakeLoanRisk.NOV);
        alice().submitRun(step(rejected));
        refused(() -> alice().rejectRun(step(rejected)), "SAME_PERSON");
        assertThat(bob().rejectRun(step(rejected)).getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_REJECTED);
        refused(() -> alice().postRun(step(rejected)), "RUN_REJECTED");
        // Corrected and submitted again, it goes through the checker once more.
        assertThat(alice().submitRun(step(rejected)).getLifecycle().getDecidedBy()).isEmpty();
    }

    @Test
    void twentyConcurrentPostsOfOneRunBookItExactlyOnce() throws Exception {
        long nov = approved("CLOSE-E", FakeLoanRisk.NOV);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                ProvisionServiceBlockingStub poster = as("finance-" + i, "", Roles.FINANCE);
                outcomes.add(pool.submit((Callable<String>) () -> {
                    start.await();
                    try {
                        poster.postRun(step(nov));
                        won.incrementAndGet();
                        return "OK";
                    } catch (StatusRuntimeException e) {
                        return e.getStatus().getCode() + " " + StatusDetails.reason(e).orElse("");
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(won.get()).isEqualTo(1);
            assertThat(results).filteredOn(r -> !r.equals("OK")).hasSize(19).containsOnly("FAILED_PRECONDITION RUN_ALREADY_POSTED");
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting WHERE run_id = " + nov)).isEqualTo(1);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting_line l JOIN provision_posting p"
                + " ON p.id = l.posting_id WHERE p.run_id = " + nov)).isEqualTo(8);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM audit_event WHERE action = 'RUN_POSTED' AND subject = 'run/" + nov + "'"))
                .isEqualTo(1);
    }

    @Test
    void aClosedPeriodRefusesPostingsAndIsClosedOnce() {
        long oct = approved("CLOSE-F", FakeLoanRisk.CLOSED);
        long postings = TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting");

        bob().closePeriod(ClosePeriodRequest.newBuilder().setPeriod(Dates.toYearMonth(YearMonth.from(FakeLoanRisk.CLOSED))).build());

        refused(() -> alice().postRun(step(oct)), "PERIOD_CLOSED");
        refused(() -> bob().closePeriod(ClosePeriodRequest.newBuilder().setPeriod(Dates.toYearMonth(YearMonth.from(FakeLoanRisk.CLOSED)))
                .build()), "PERIOD_CLOSED");
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_posting")).isEqualTo(postings);
        assertThat(alice().getRun(id(oct)).getLifecycle().getStatus()).isEqualTo(RunApprovalStatus.RUN_APPROVAL_STATUS_APPROVED);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM audit_event WHERE action = 'PERIOD_CLOSED' AND subject = 'period/2024-02'"))
                .isEqualTo(1);
    }

    @Test
    void badStepsNameTheirFieldsAndUnknownRunsAreNotFound() {
        assertThatThrownBy(() -> alice().submitRun(step(0))).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("run_id"));
        assertThatThrownBy(() -> bob().approveRun(step(999_999_999L))).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> bob().closePeriod(ClosePeriodRequest.newBuilder().setPeriod(bank.common.v1.YearMonth.newBuilder()
                .setYear(2024).setMonth(13)).build())).isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("period.month"));
        assertThatThrownBy(() -> alice().getPosting(GetPostingRequest.newBuilder().setPostingId(999_999_999L).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void runsAreListedByDateRangePolicyAndStatusAndPoliciesByCodeAndVersion() {
        long nov = approved("CLOSE-G", FakeLoanRisk.NOV);
        long dec = run("CLOSE-G", FakeLoanRisk.DEC);
        alice().postRun(step(nov));

        ListRunsResponse all = alice().listRuns(ListRunsRequest.newBuilder().setPolicyCode("CLOSE-G").build());
        assertThat(all.getRunsList()).extracting(r -> r.getRunId() + " " + r.getLifecycle().getStatus())
                .containsExactly(dec + " RUN_APPROVAL_STATUS_DRAFT", nov + " RUN_APPROVAL_STATUS_POSTED");
        assertThat(all.getPage().getTotalSize()).isEqualTo(2);
        assertThat(all.getRuns(1)).isEqualTo(alice().getRun(id(nov)));
        assertThat(alice().listRuns(ListRunsRequest.newBuilder().setPolicyCode("CLOSE-G")
                .setStatus(RunApprovalStatus.RUN_APPROVAL_STATUS_POSTED).build()).getRunsList()).extracting(ProvisionRun::getRunId)
                .containsExactly(nov);
        assertThat(alice().listRuns(ListRunsRequest.newBuilder().setPolicyCode("CLOSE-G").setFromAsOf(Dates.toDate(FakeLoanRisk.DEC))
                .setToAsOf(Dates.toDate(FakeLoanRisk.DEC)).build()).getRunsList()).extracting(ProvisionRun::getRunId).containsExactly(dec);
        ListRunsResponse firstPage = alice().listRuns(ListRunsRequest.newBuilder().setPolicyCode("CLOSE-G")
                .setPage(PageRequest.newBuilder().setPageSize(1)).build());
        assertThat(firstPage.getRunsList()).extracting(ProvisionRun::getRunId).containsExactly(dec);
        assertThat(alice().listRuns(ListRunsRequest.newBuilder().setPolicyCode("CLOSE-G").setPage(PageRequest.newBuilder().setPageSize(1)
                .setPageToken(firstPage.getPage().getNextPageToken())).build()).getRunsList()).extracting(ProvisionRun::getRunId)
                .containsExactly(nov);

        ListPoliciesResponse policies = alice().listPolicies(ListPoliciesRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(1000)).build());
        assertThat(policies.getPage().getTotalSize()).isEqualTo(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_policy"));
        assertThat(policies.getPoliciesList()).extracting(p -> p.getPolicyCode() + " v" + p.getVersion()).contains("CLOSE-G v1",
                "MOF-2012-STANDARD v1", "PBOC-2002 v1");
    }

    private long approved(String policy, LocalDate asOf) {
        long run = run(policy, asOf);
        alice().submitRun(step(run));
        bob().approveRun(step(run));
        return run;
    }

    private long run(String policy, LocalDate asOf) {
        try {
            alice().createPolicy(PolicyRequests.pboc2002As(policy, LocalDate.of(2024, 1, 1)));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
        List<RunProvisioningProgress> progress = new ArrayList<>();
        alice().runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(asOf)).setPolicyCode(policy).setPolicyVersion(1)
                .build()).forEachRemaining(progress::add);
        return progress.get(progress.size() - 1).getRun().getRunId();
    }

    private ProvisionServiceBlockingStub as(String name, String reason, String... roles) {
        Metadata headers = TestTokens.headers(name, roles);
        if (!reason.isEmpty()) {
            headers.put(REASON, java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return GrpcClientUtils.attachHeaders(client, headers);
    }

    private static RunStepRequest step(long runId) {
        return RunStepRequest.newBuilder().setRunId(runId).build();
    }

    private static GetRunRequest id(long runId) {
        return GetRunRequest.newBuilder().setRunId(runId).build();
    }

    private static List<String> lines(LedgerPosting posting) {
        return posting.getLinesList().stream().map(l -> l.getBranchCode() + " " + l.getAccountCode()
                + (l.getDebit().getAmount().equals("0.00") ? " Cr " + l.getCredit().getAmount() : " Dr " + l.getDebit().getAmount()))
                .toList();
    }

    private static void refused(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(StatusDetails.reason(e).orElse("")).isEqualTo(reason);
        });
    }

    /** The run's close steps in the audit log, oldest first: action, who, why. */
    private List<String> audit(long runId) throws SQLException {
        List<String> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT action, actor, reason"
                + " FROM audit_event WHERE subject = ? AND action NOT IN ('RUN_COMPLETED', 'RUN_REUSED') ORDER BY event_id")) {
            ps.setString(1, "run/" + runId);
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    entries.add(row.getString(1) + " " + row.getString(2) + ": " + row.getString(3));
                }
            }
        }
        return entries;
    }
}
