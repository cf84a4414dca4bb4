package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.DecideOverrideRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.LoanRiskServiceGrpc.LoanRiskServiceBlockingStub;
import bank.loanrisk.v1.OverrideProposal;
import bank.loanrisk.v1.ProposeOverrideRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two people acting on the same thing at the same moment, released together by a latch and repeated: exactly one
 * wins cleanly, the other gets FAILED_PRECONDITION with a reason, and the row and the audit trail show one decision
 * (one proposal). The decision is guarded by optimistic locking (the proposal's {@code version}), the proposal by
 * the unique index of one pending proposal per loan. Facts are dated 2027-05-31, after every other test's dates.
 */
@QuarkusTest
class ConcurrentOverrideTest {

    static final int ROUNDS = 20;
    static final LocalDate DAY = LocalDate.of(2027, 5, 31);

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    LoanRiskServiceBlockingStub loanRisk;

    @Inject
    DataSource dataSource;

    private ExecutorService pool;

    /** How one of the two calls ended. */
    record Outcome(String who, Status.Code code, String reason, String description) {
        boolean won() {
            return code == Status.Code.OK;
        }
    }

    @BeforeEach
    void start() {
        client = TestBook.asOfficer(client);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void ofTwoConcurrentDecisionsOnOneProposalExactlyOneIsRecorded() throws Exception {
        load(client, IntStream.range(0, ROUNDS).mapToObj(i -> retail("CD-" + i, DAY, "1000.00")).toList());
        Map<String, Integer> tally = new TreeMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            String loanId = "CD-" + i;
            OverrideProposal proposal = TestBook.as(loanRisk, "maker-1", Roles.RISK_OFFICER).proposeOverride(proposal(loanId));
            DecideOverrideRequest decision = DecideOverrideRequest.newBuilder().setProposalId(proposal.getProposalId())
                    .setComment("round " + i).build();

            List<Outcome> outcomes = race(
                    "checker-a", stub -> stub.approveOverride(decision),
                    "checker-b", stub -> stub.rejectOverride(decision), Roles.RISK_APPROVER);

            Outcome winner = outcomes.stream().filter(Outcome::won).findFirst().orElseThrow();
            Outcome loser = outcomes.stream().filter(o -> !o.won()).findFirst().orElseThrow();
            assertThat(outcomes).filteredOn(Outcome::won).hasSize(1);
            assertThat(loser.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(loser.reason()).isEqualTo("ALREADY_DECIDED");
            String status = winner.who().equals("checker-a") ? "APPROVED" : "REJECTED";
            assertThat(row("SELECT status || ' by ' || decided_by || ' v' || version FROM override_proposal WHERE proposal_id = "
                    + proposal.getProposalId())).containsExactly(status + " by " + winner.who() + " v1");
            assertThat(row("SELECT action || ' by ' || actor FROM audit_event WHERE subject = 'loan/" + loanId + "' ORDER BY event_id"))
                    .containsExactly("OVERRIDE_PROPOSED by maker-1", "OVERRIDE_" + status + " by " + winner.who());
            tally.merge(winner.who() + " won, loser " + (loser.description().contains("concurrently") ? "stopped by the version check"
                    : "saw it decided"), 1, Integer::sum);
        }
        System.out.printf("ConcurrentOverrideTest decisions, %d rounds: %s%n", ROUNDS, tally);
    }

    @Test
    void ofTwoConcurrentProposalsOnOneLoanExactlyOneIsStored() throws Exception {
        load(client, IntStream.range(0, ROUNDS).mapToObj(i -> retail("CP-" + i, DAY, "1000.00")).toList());
        Map<String, Integer> tally = new TreeMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            String loanId = "CP-" + i;
            ProposeOverrideRequest request = proposal(loanId);

            List<Outcome> outcomes = race(
                    "maker-a", stub -> stub.proposeOverride(request),
                    "maker-b", stub -> stub.proposeOverride(request), Roles.RISK_OFFICER);

            Outcome winner = outcomes.stream().filter(Outcome::won).findFirst().orElseThrow();
            Outcome loser = outcomes.stream().filter(o -> !o.won()).findFirst().orElseThrow();
            assertThat(outcomes).filteredOn(Outcome::won).hasSize(1);
            assertThat(loser.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(loser.reason()).isEqualTo("PROPOSAL_PENDING");
            assertThat(row("SELECT status || ' by ' || proposed_by FROM override_proposal WHERE loan_id = '" + loanId + "'"))
                    .containsExactly("PENDING by " + winner.who());
            assertThat(row("SELECT action || ' by ' || actor FROM audit_event WHERE subject = 'loan/" + loanId + "'"))
                    .containsExactly("OVERRIDE_PROPOSED by " + winner.who());
            tally.merge("loser " + (loser.description().contains("made concurrently") ? "stopped by the unique index"
                    : "saw the pending proposal"), 1, Integer::sum);
        }
        System.out.printf("ConcurrentOverrideTest proposals, %d rounds: %s%n", ROUNDS, tally);
    }

    /** Runs both calls on two threads released by one latch; each acts with its own token. */
    private List<Outcome> race(String first, Function<LoanRiskServiceBlockingStub, ?> firstCall, String second,
            Function<LoanRiskServiceBlockingStub, ?> secondCall, String role) throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (var call : List.<Map.Entry<String, Function<LoanRiskServiceBlockingStub, ?>>> of(Map.entry(first, firstCall),
                Map.entry(second, secondCall))) {
            LoanRiskServiceBlockingStub stub = TestBook.as(loanRisk, call.getKey(), role);
            Callable<Outcome> task = () -> {
                ready.countDown();
                go.await();
                try {
                    call.getValue().apply(stub);
                    return new Outcome(call.getKey(), Status.Code.OK, "", "");
                } catch (StatusRuntimeException e) {
                    return new Outcome(call.getKey(), e.getStatus().getCode(), StatusDetails.reason(e).orElse(""),
                            String.valueOf(e.getStatus().getDescription()));
                }
            };
            futures.add(pool.submit(task));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(30, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static ProposeOverrideRequest proposal(String loanId) {
        return ProposeOverrideRequest.newBuilder().setLoanId(loanId).setCategory(LoanCategory.LOAN_CATEGORY_DOUBTFUL)
                .setReason("guarantor withdrew").setEffectiveFrom(Dates.toDate(DAY)).build();
    }

    private List<String> row(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
