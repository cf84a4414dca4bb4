package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.balance;
import static bankrisk.tiering.TieringFixtures.evaluate;
import static bankrisk.tiering.TieringFixtures.month;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.tiering.v1.CustomerTier;
import bank.tiering.v1.DecideTierFloorRequest;
import bank.tiering.v1.GetTierHistoryRequest;
import bank.tiering.v1.ListTierChangesRequest;
import bank.tiering.v1.ProposeTierFloorRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TierFloor;
import bank.tiering.v1.TierFloorStatus;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Manual tier floors under maker-checker, seeded Minsheng 2017 scheme (grace 0): F-1 holds 60,000 from September 2024
 * (XINRAN by its average). A floor of ZHUORAN for October–November lifts it there with reason MANUAL_FLOOR in history
 * and changes; in December, the floor expired, it is back to XINRAN by its average without anyone acting.
 */
@QuarkusTest
class FloorGrpcTest {

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub plain;

    @Inject
    DataSource dataSource;

    private long auditMark;

    @BeforeEach
    void loadACustomer() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.reset(dataSource);
        as("tier-admin-1", Roles.TIER_ADMIN).putBalances(PutBalancesRequest.newBuilder()
                .addBalances(balance("F-1", "F-1-CNY", "2024-09-01", "60000.00", "CNY"))
                .addBalances(balance("F-2", "F-2-CNY", "2024-09-01", "10000.00", "CNY")).build());
        evaluate(client, 2024, 9, false);
        // The audit trail is append-only and outlives each test: read only what this test writes.
        auditMark = Long.parseLong(rows("SELECT coalesce(max(event_id), 0) FROM audit_event").get(0));
    }

    @Test
    void anApprovedFloorLiftsTheTierInItsMonthsAndExpiresByItself() throws Exception {
        TierFloor proposed = propose("maker-1", "F-1", "ZHUORAN", 10, 11, "特批: 私行转介客户");
        assertThat(proposed.getStatus()).isEqualTo(TierFloorStatus.TIER_FLOOR_STATUS_PENDING);
        assertThat(proposed.getProposedBy()).isEqualTo("maker-1");
        assertThat(proposed.getDecidedBy()).isEmpty();

        TierFloor approved = as("checker-1", Roles.TIER_APPROVER).approveTierFloor(decide(proposed, "同意"));
        assertThat(approved.getStatus()).isEqualTo(TierFloorStatus.TIER_FLOOR_STATUS_APPROVED);
        assertThat(approved.getDecidedBy()).isEqualTo("checker-1");
        assertThat(approved.getDecisionComment()).isEqualTo("同意");

        evaluate(client, 2024, 10, false);
        evaluate(client, 2024, 11, false);
        evaluate(client, 2024, 12, false);

        // 60,000.00 qualifies for XINRAN every month; the floor lifts October and November to ZHUORAN.
        List<CustomerTier> history = as("auditor-1", Roles.AUDITOR).getTierHistory(
                GetTierHistoryRequest.newBuilder().setCustomerNumber("F-1").build()).getMonthsList();
        assertThat(history).extracting(t -> t.getMonth().getMonth(), CustomerTier::getTierCode,
                CustomerTier::getQualifiedTierCode, CustomerTier::getTierReason, t -> t.getAverageBalance().getAmount())
                .containsExactly(
                        tuple(9, "XINRAN", "XINRAN", "AVERAGE", "60000.00"),
                        tuple(10, "ZHUORAN", "XINRAN", "MANUAL_FLOOR", "60000.00"),
                        tuple(11, "ZHUORAN", "XINRAN", "MANUAL_FLOOR", "60000.00"),
                        tuple(12, "XINRAN", "XINRAN", "AVERAGE", "60000.00"));
        assertThat(changes(9, 10)).extracting(TierChange::getCustomerNumber, TierChange::getToTierCode,
                TierChange::getTierReason).containsExactly(tuple("F-1", "ZHUORAN", "MANUAL_FLOOR"));
        assertThat(changes(11, 12)).extracting(TierChange::getCustomerNumber, TierChange::getToTierCode,
                TierChange::getTierReason).containsExactly(tuple("F-1", "XINRAN", "AVERAGE"));
        assertThat(rows("SELECT action || ' by ' || actor || ': ' || reason FROM audit_event"
                + " WHERE subject = 'customer/F-1' AND event_id > " + auditMark + " ORDER BY event_id")).containsExactly(
                        "TIER_FLOOR_PROPOSED by maker-1: 特批: 私行转介客户", "TIER_FLOOR_APPROVED by checker-1: 同意");
    }

    @Test
    void theProposerCannotDecideEvenHoldingBothRolesAndARejectedFloorNeverApplies() throws Exception {
        TierFloor proposed = propose("Bob", "F-1", "YOURAN", 10, 10, "relationship");

        // "bob" is "Bob" to the identity provider, whatever roles the token carries.
        assertFailedPrecondition(() -> as("bob", Roles.TIER_ADMIN, Roles.TIER_APPROVER).approveTierFloor(decide(proposed, "")),
                "SAME_PERSON");
        assertFailedPrecondition(() -> as("ＢＯＢ", Roles.TIER_APPROVER).rejectTierFloor(decide(proposed, "")), "SAME_PERSON");
        TierFloor rejected = as("checker-1", Roles.TIER_APPROVER).rejectTierFloor(decide(proposed, "no basis"));
        assertThat(rejected.getStatus()).isEqualTo(TierFloorStatus.TIER_FLOOR_STATUS_REJECTED);
        assertFailedPrecondition(() -> as("checker-2", Roles.TIER_APPROVER).approveTierFloor(decide(proposed, "")),
                "ALREADY_DECIDED");

        evaluate(client, 2024, 10, false);
        assertThat(as("auditor-1", Roles.AUDITOR).getTierHistory(GetTierHistoryRequest.newBuilder()
                .setCustomerNumber("F-1").build()).getMonths(1)).extracting(CustomerTier::getTierCode,
                        CustomerTier::getTierReason).containsExactly("XINRAN", "AVERAGE");
        assertThat(rows("SELECT action || ' by ' || actor FROM audit_event WHERE subject = 'customer/F-1' AND event_id > "
                + auditMark + " ORDER BY event_id"))
                .containsExactly("TIER_FLOOR_PROPOSED by Bob", "TIER_FLOOR_REJECTED by checker-1");
    }

    @Test
    void badProposalsNameTheFieldOrTheReasonAndStoreNothing() throws Exception {
        assertThatThrownBy(() -> propose("maker-1", "F-1", "ZHUORAN", 11, 10, "x"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsEntry("last_month",
                            "2024-10 is before first_month 2024-11");
                });
        assertThatThrownBy(() -> propose("maker-1", "F-1", "GOLD", 10, 11, "x"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsEntry("tier_code", "'GOLD' is not a tier of scheme 1 in force for 2024-10 "
                                + "(XINRAN, YOURAN, ZHUORAN, PRIVATE)"));
        // F-1's tier computed for September is XINRAN: a floor of XINRAN lifts nothing.
        assertFailedPrecondition(() -> propose("maker-1", "F-1", "XINRAN", 10, 11, "x"), "FLOOR_NOT_ABOVE_TIER");
        assertThatThrownBy(() -> propose("maker-1", "NOBODY", "ZHUORAN", 10, 11, "x"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(rows("SELECT count(*) FROM tier_floor")).containsExactly("0");

        propose("maker-1", "F-2", "XINRAN", 10, 10, "first");
        assertFailedPrecondition(() -> propose("maker-2", "F-2", "YOURAN", 10, 10, "second"), "PROPOSAL_PENDING");
        assertThat(rows("SELECT count(*) FROM tier_floor")).containsExactly("1");

        assertThatThrownBy(() -> as("checker-1", Roles.TIER_APPROVER).approveTierFloor(
                DecideTierFloorRequest.newBuilder().setFloorId(999_999).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private TierFloor propose(String maker, String customer, String tier, int firstMonth, int lastMonth, String reason) {
        return as(maker, Roles.TIER_ADMIN).proposeTierFloor(ProposeTierFloorRequest.newBuilder().setCustomerNumber(customer)
                .setTierCode(tier).setFirstMonth(month(2024, firstMonth)).setLastMonth(month(2024, lastMonth))
                .setReason(reason).build());
    }

    private static DecideTierFloorRequest decide(TierFloor floor, String comment) {
        return DecideTierFloorRequest.newBuilder().setFloorId(floor.getFloorId()).setComment(comment).build();
    }

    private List<TierChange> changes(int from, int to) {
        return as("auditor-1", Roles.AUDITOR).listTierChanges(ListTierChangesRequest.newBuilder()
                .setFromMonth(month(2024, from)).setToMonth(month(2024, to)).build()).getChangesList();
    }

    private TieringServiceBlockingStub as(String subject, String... roles) {
        return GrpcClientUtils.attachHeaders(plain, TestTokens.headers(subject, roles));
    }

    private List<String> rows(String sql) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    private static void assertFailedPrecondition(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(StatusDetails.reason(e)).contains(reason);
        });
    }
}
