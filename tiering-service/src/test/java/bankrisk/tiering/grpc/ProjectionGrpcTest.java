package bankrisk.tiering.grpc;

import static bankrisk.tiering.TieringFixtures.evaluate;
import static bankrisk.tiering.TieringFixtures.month;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.YearMonth;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.PageRequest;
import bank.tiering.v1.CreateSchemeRequest;
import bank.tiering.v1.CustomerProjection;
import bank.tiering.v1.CustomerTier;
import bank.tiering.v1.DecideTierFloorRequest;
import bank.tiering.v1.GetCustomerTierRequest;
import bank.tiering.v1.ListTierRisksRequest;
import bank.tiering.v1.ListTierRisksResponse;
import bank.tiering.v1.ProjectCustomerTierRequest;
import bank.tiering.v1.ProposeTierFloorRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.TargetStatus;
import bank.tiering.v1.Tier;
import bank.tiering.v1.TierFloor;
import bank.tiering.v1.TierRisk;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bankrisk.api.convert.Dates;
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
 * The mid-month projection under the seeded Minsheng 2017 scheme (50,000 / 300,000 / 1,000,000 / 8,000,000, grace
 * 0), October 2024 (31 days) after an evaluated September: tiers held in September, balances of October up to the
 * 20th, the balance needed to keep a tier at the rounding edge, and the list of customers projected to drop.
 */
@QuarkusTest
class ProjectionGrpcTest {

    @GrpcClient("tiering")
    TieringService client;

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    /** Without the tier-admin's headers, for calls as someone else (a second header would not replace the first). */
    @GrpcClient("tiering")
    TieringServiceBlockingStub plain;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void loadSeptemberAndOctober() throws Exception {
        client = GrpcClientUtils.attachHeaders(client, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.projectionBank(dataSource, tiering, client);
    }

    @Test
    void projectsTheMonthAndTheBalanceNeededToKeepTheTierHeld() {
        CustomerProjection projection = project("R-DROP", "2024-10-20");

        // 1..20 October at 40,000: sum 800,000; month to date 800,000 ÷ 20 = 40,000.00; if 40,000 stays the 11 days
        // left, (800,000 + 440,000) ÷ 31 = 40,000.00, no tier.
        assertThat(projection.getDaysLeft()).isEqualTo(11);
        assertThat(projection.getSchemeVersion()).isEqualTo(1);
        assertThat(projection.getMonthToDateAverage().getAmount()).isEqualTo("40000.00");
        assertThat(projection.getTodayBalance().getAmount()).isEqualTo("40000.00");
        assertThat(projection.getProjectedAverage().getAmount()).isEqualTo("40000.00");
        assertThat(projection.getProjectedTierCode()).isEmpty();
        assertThat(projection.getHeldTierCode()).isEqualTo("XINRAN");
        // Keeping XINRAN: (800,000 + 11X) ÷ 31 ≥ 49,999.995 → X ≥ 749,999.845 ÷ 11 = 68,181.8040… → 68,181.81, a fen
        // below the naive 68,181.82 (1,549,999.91 ÷ 31 = 49,999.9971 → 50,000.00; 68,181.80 → 49,999.99).
        assertThat(projection.getCurrentTier().getTierCode()).isEqualTo("XINRAN");
        assertThat(projection.getCurrentTier().getStatus()).isEqualTo(TargetStatus.TARGET_STATUS_NEEDED);
        assertThat(projection.getCurrentTier().getBalanceNeeded().getAmount()).isEqualTo("68181.81");
        assertThat(projection.getCurrentTier().getLowerBound().getAmount()).isEqualTo("50000.00");
        // YOURAN: 31 × 299,999.995 = 9,299,999.845; − 800,000 = 8,499,999.845; ÷ 11 = 772,727.2586… → 772,727.26.
        assertThat(projection.getNextTier().getTierCode()).isEqualTo("YOURAN");
        assertThat(projection.getNextTier().getBalanceNeeded().getAmount()).isEqualTo("772727.26");
    }

    @Test
    void aForeignBalanceCountsAtEachDaysRateAndWithoutAHeldTierTheNextIsTheLowest() {
        CustomerProjection projection = project("U-NEW", "2024-10-20");

        // 10,000 USD × 7.00 = 70,000 a day; 20 days = 1,400,000; ÷ 20 = 70,000.00; projected 70,000.00 → XINRAN.
        assertThat(projection.getMonthToDateAverage().getAmount()).isEqualTo("70000.00");
        assertThat(projection.getProjectedAverage().getAmount()).isEqualTo("70000.00");
        assertThat(projection.getProjectedTierCode()).isEqualTo("XINRAN");
        assertThat(projection.getHeldTierCode()).isEmpty();
        assertThat(projection.hasCurrentTier()).isFalse();
        // XINRAN from tomorrow on: 1,549,999.845 − 1,400,000 = 149,999.845; ÷ 11 = 13,636.3495… → 13,636.35.
        assertThat(projection.getNextTier().getTierCode()).isEqualTo("XINRAN");
        assertThat(projection.getNextTier().getBalanceNeeded().getAmount()).isEqualTo("13636.35");
    }

    @Test
    void daysSoFarThatReachTheBoundAreSecuredAndOnTheLastDayAMissIsOutOfReach() {
        // R-STAY: 60,000 × 31 on the 31st: 60,000.00 ≥ 50,000 secured; YOURAN missed with no day left.
        CustomerProjection last = project("R-STAY", "2024-10-31");
        assertThat(last.getDaysLeft()).isZero();
        assertThat(last.getCurrentTier().getStatus()).isEqualTo(TargetStatus.TARGET_STATUS_SECURED);
        assertThat(last.getCurrentTier().hasBalanceNeeded()).isFalse();
        assertThat(last.getNextTier().getStatus()).isEqualTo(TargetStatus.TARGET_STATUS_OUT_OF_REACH);
    }

    @Test
    void onTheMonthsLastDayTheProjectionIsTheEvaluationsAverage() {
        evaluate(client, 2024, 10, false);
        for (String customer : new String[] { "R-DROP", "R-SLIP", "R-STAY", "U-NEW", "R-DAILY" }) {
            String evaluated = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber(customer)
                    .setMonth(month(2024, 10)).build()).getAverageBalance().getAmount();
            assertThat(project(customer, "2024-10-31").getProjectedAverage().getAmount()).as(customer).isEqualTo(evaluated);
        }
        // R-DAILY: Σ (100,000 + 1,000 d) for d = 1..31 = 3,100,000 + 496,000 = 3,596,000; ÷ 31 = 116,000.00.
        assertThat(project("R-DAILY", "2024-10-31").getProjectedAverage().getAmount()).isEqualTo("116000.00");
        // On the 20th: Σ d=1..20 = 2,000,000 + 210,000 = 2,210,000; today 120,000; (2,210,000 + 11 × 120,000) ÷ 31 =
        // 3,530,000 ÷ 31 = 113,870.9677… → 113,870.97.
        assertThat(project("R-DAILY", "2024-10-20").getProjectedAverage().getAmount()).isEqualTo("113870.97");
    }

    @Test
    void listsTheCustomersProjectedToDropSmallestShortfallFirst() {
        ListTierRisksResponse risks = tiering.listTierRisks(ListTierRisksRequest.newBuilder().setMonth(month(2024, 10))
                .setBusinessDate(Dates.toDate(LocalDate.of(2024, 10, 20))).build());

        // R-DROP: needs 68,181.81, holds 40,000.00 → 28,181.81 short.
        // R-SLIP: 20 × 280,000 = 5,600,000; (9,299,999.845 − 5,600,000) ÷ 11 = 336,363.6222… → 336,363.63; projected
        // (5,600,000 + 11 × 280,000) ÷ 31 = 280,000.00 → XINRAN; short 336,363.63 − 280,000.00 = 56,363.63.
        assertThat(risks.getRisksList()).extracting(TierRisk::getCustomerNumber, TierRisk::getHeldTierCode,
                TierRisk::getProjectedTierCode, r -> r.getProjectedAverage().getAmount(),
                r -> r.getKeep().getBalanceNeeded().getAmount(), r -> r.getShortfall().getAmount())
                .containsExactly(
                        tuple("R-DROP", "XINRAN", "", "40000.00", "68181.81", "28181.81"),
                        tuple("R-SLIP", "YOURAN", "XINRAN", "280000.00", "336363.63", "56363.63"));
        assertThat(risks.getPage().getTotalSize()).isEqualTo(2);

        ListTierRisksResponse first = tiering.listTierRisks(ListTierRisksRequest.newBuilder().setMonth(month(2024, 10))
                .setBusinessDate(Dates.toDate(LocalDate.of(2024, 10, 20))).setPage(PageRequest.newBuilder().setPageSize(1))
                .build());
        ListTierRisksResponse second = tiering.listTierRisks(ListTierRisksRequest.newBuilder().setMonth(month(2024, 10))
                .setBusinessDate(Dates.toDate(LocalDate.of(2024, 10, 20))).setPage(PageRequest.newBuilder().setPageSize(1)
                        .setPageToken(first.getPage().getNextPageToken()))
                .build());
        assertThat(first.getRisksList()).extracting(TierRisk::getCustomerNumber).containsExactly("R-DROP");
        assertThat(second.getRisksList()).extracting(TierRisk::getCustomerNumber).containsExactly("R-SLIP");
        assertThat(second.getPage().getNextPageToken()).isEmpty();
        assertThat(second.getPage().getTotalSize()).isEqualTo(2);
    }

    /**
     * A customer whose average already misses the tier but whom the downgrade grace keeps in it is listed, flagged
     * with the grace's last month; one whose grace is used up is listed as dropping at this month end. Scheme v2 from
     * August 2024: the Minsheng bounds, XINRAN with a grace of 1 month, YOURAN of 2 (the scheme's own 0 for the rest).
     */
    @Test
    void customersHeldOnlyByGraceAreFlaggedWithTheGracesLastMonth() {
        tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(bank.tiering.v1.TierScheme.newBuilder()
                .setName("Minsheng with grace").setEffectiveMonth(month(2024, 8)).setBaseCurrencyCode("CNY")
                .setDowngradeGraceMonths(0)
                .addTiers(tier("XINRAN", "50000.00").toBuilder().setDowngradeGraceMonths(1))
                .addTiers(tier("YOURAN", "300000.00").toBuilder().setDowngradeGraceMonths(2))
                .addTiers(tier("ZHUORAN", "1000000.00")).addTiers(tier("PRIVATE", "8000000.00"))).build());
        tiering.putBalances(PutBalancesRequest.newBuilder()
                // G-HELD: YOURAN in August (400,000); September 100,000 → held by grace, 1 month below; October
                // 100,000 → 2 months below ≤ YOURAN's 2: still held, and October is the grace's last month.
                .addBalances(TieringFixtures.balance("G-HELD", "G-HELD-1", "2024-08-01", "400000.00", "CNY"))
                .addBalances(TieringFixtures.balance("G-HELD", "G-HELD-1", "2024-09-01", "100000.00", "CNY"))
                // G-GONE: XINRAN in August (60,000); September 40,000 → held, 1 month below; October 40,000 → 2 > 1:
                // October's evaluation drops it.
                .addBalances(TieringFixtures.balance("G-GONE", "G-GONE-1", "2024-08-01", "60000.00", "CNY"))
                .addBalances(TieringFixtures.balance("G-GONE", "G-GONE-1", "2024-09-01", "40000.00", "CNY"))
                .build());
        evaluate(client, 2024, 8, false);
        evaluate(client, 2024, 9, true);
        CustomerTier september = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber("G-HELD")
                .setMonth(month(2024, 9)).build());
        assertThat(september.getTierCode()).isEqualTo("YOURAN");
        assertThat(september.getGraceHeld()).isTrue();

        ListTierRisksResponse risks = tiering.listTierRisks(ListTierRisksRequest.newBuilder().setMonth(month(2024, 10))
                .setBusinessDate(Dates.toDate(LocalDate.of(2024, 10, 20))).build());

        // Shortfalls (20 days so far, 11 left, 31 in October): G-GONE (40,000 a day) as R-DROP, 68,181.81 − 40,000
        // = 28,181.81. G-HELD (100,000 a day): 20 × 100,000 = 2,000,000; (9,299,999.845 − 2,000,000) ÷ 11 =
        // 663,636.3495… → 663,636.35, short 563,636.35. R-DROP and R-SLIP held their tiers by average in
        // September (0 months below): XINRAN's grace of 1 and YOURAN's of 2 keep them in October, until September
        // + 1 = October and September + 2 = November.
        assertThat(risks.getRisksList()).extracting(TierRisk::getCustomerNumber, TierRisk::getHeldTierCode,
                r -> r.getShortfall().getAmount(), TierRisk::getMonthsBelow, TierRisk::getGraceHolds,
                r -> r.hasGraceLastMonth() ? String.format("%04d-%02d", r.getGraceLastMonth().getYear(), r.getGraceLastMonth().getMonth()) : "")
                .containsExactly(
                        tuple("G-GONE", "XINRAN", "28181.81", 2, false, ""),
                        tuple("R-DROP", "XINRAN", "28181.81", 1, true, "2024-10"),
                        tuple("R-SLIP", "YOURAN", "56363.63", 1, true, "2024-11"),
                        tuple("G-HELD", "YOURAN", "563636.35", 2, true, "2024-10"));

        // What the list said is what October's evaluation does (with October's balances as projected: they stay).
        evaluate(client, 2024, 10, false);
        assertThat(java.util.stream.Stream.of("G-GONE", "R-DROP", "R-SLIP", "G-HELD").map(customer -> {
            CustomerTier october = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber(customer)
                    .setMonth(month(2024, 10)).build());
            return customer + " " + october.getTierCode() + " " + october.getGraceHeld() + " " + october.getMonthsBelow();
        })).containsExactly("G-GONE  false 0", "R-DROP XINRAN true 1", "R-SLIP YOURAN true 1", "G-HELD YOURAN true 2");
    }

    /**
     * Approved manual floors (V13), read as the evaluation reads them: R-DROP's floor of YOURAN for September–October
     * lifts September (re-evaluated) to YOURAN and keeps October there whatever its average, so R-DROP is not at risk
     * and not listed. L-FLOOR was granted XINRAN for October while it held no tier, then rose to YOURAN in September
     * by its average: October misses YOURAN and the floor keeps only XINRAN, so it is listed with that floor. R-SLIP's
     * floor of ZHUORAN is only proposed (pending), which changes nothing.
     */
    @Test
    void aFloorThatKeepsTheHeldTierTakesTheCustomerOffTheListAndALowerFloorIsNamed() {
        tiering.putBalances(PutBalancesRequest.newBuilder()
                .addBalances(TieringFixtures.balance("L-FLOOR", "L-FLOOR-1", "2024-09-01", "10000.00", "CNY")).build());
        evaluate(client, 2024, 9, true);
        // Each floor lifts the tier computed for September (R-DROP XINRAN, L-FLOOR none), as a proposal must.
        approve(propose("R-DROP", "YOURAN", 9, 10));
        approve(propose("L-FLOOR", "XINRAN", 10, 10));
        propose("R-SLIP", "ZHUORAN", 10, 10);
        // L-FLOOR then holds 400,000 in September (YOURAN by its average) and 40,000 from 1 October.
        tiering.putBalances(PutBalancesRequest.newBuilder()
                .addBalances(TieringFixtures.balance("L-FLOOR", "L-FLOOR-1", "2024-09-01", "400000.00", "CNY"))
                .addBalances(TieringFixtures.balance("L-FLOOR", "L-FLOOR-1", "2024-10-01", "40000.00", "CNY")).build());
        evaluate(client, 2024, 9, true);
        assertThat(java.util.stream.Stream.of("R-DROP", "L-FLOOR", "R-SLIP").map(this::september))
                .containsExactly("R-DROP YOURAN MANUAL_FLOOR", "L-FLOOR YOURAN AVERAGE", "R-SLIP YOURAN AVERAGE");

        ListTierRisksResponse risks = tiering.listTierRisks(ListTierRisksRequest.newBuilder().setMonth(month(2024, 10))
                .setBusinessDate(Dates.toDate(LocalDate.of(2024, 10, 20))).build());

        // R-SLIP as before: 336,363.63 needed, 56,363.63 short, no floor. L-FLOOR: 20 × 40,000 = 800,000; projected
        // (800,000 + 11 × 40,000) ÷ 31 = 40,000.00, no tier; keeping YOURAN: (9,299,999.845 − 800,000) ÷ 11 =
        // 772,727.2586… → 772,727.26, short 772,727.26 − 40,000.00 = 732,727.26; its floor XINRAN is where it ends.
        // R-DROP, with the very same balances as L-FLOOR, would be listed as short 732,727.26: its floor keeps YOURAN.
        assertThat(risks.getRisksList()).extracting(TierRisk::getCustomerNumber, TierRisk::getHeldTierCode,
                TierRisk::getProjectedTierCode, r -> r.getKeep().getBalanceNeeded().getAmount(),
                r -> r.getShortfall().getAmount(), TierRisk::getFloorTierCode)
                .containsExactly(
                        tuple("R-SLIP", "YOURAN", "XINRAN", "336363.63", "56363.63", ""),
                        tuple("L-FLOOR", "YOURAN", "", "772727.26", "732727.26", "XINRAN"));
        assertThat(risks.getPage().getTotalSize()).isEqualTo(2);

        // What the list said is what October's evaluation does (October's balances stay as projected).
        evaluate(client, 2024, 10, false);
        assertThat(java.util.stream.Stream.of("R-DROP", "L-FLOOR", "R-SLIP").map(customer -> {
            CustomerTier october = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber(customer)
                    .setMonth(month(2024, 10)).build());
            return customer + " " + october.getTierCode() + " " + october.getTierReason();
        })).containsExactly("R-DROP YOURAN MANUAL_FLOOR", "L-FLOOR XINRAN MANUAL_FLOOR", "R-SLIP XINRAN AVERAGE");
    }

    @Test
    void onTheLastDayADropIsOutOfReachWithoutAShortfall() {
        ListTierRisksResponse risks = tiering.listTierRisks(ListTierRisksRequest.newBuilder().setMonth(month(2024, 10))
                .setBusinessDate(Dates.toDate(LocalDate.of(2024, 10, 31))).build());

        assertThat(risks.getRisksList()).extracting(TierRisk::getCustomerNumber, r -> r.getKeep().getStatus(),
                TierRisk::hasShortfall)
                .containsExactly(tuple("R-DROP", TargetStatus.TARGET_STATUS_OUT_OF_REACH, false),
                        tuple("R-SLIP", TargetStatus.TARGET_STATUS_OUT_OF_REACH, false));
    }

    @Test
    void aBusinessDateOutsideTheMonthOrInTheFutureIsInvalid() {
        assertInvalid(() -> project("R-DROP", "2024-11-01"), "business_date", "2024-11-01 is not in 2024-10");
        LocalDate tomorrow = LocalDate.now().plusDays(2);
        assertThatThrownBy(() -> tiering.projectCustomerTier(ProjectCustomerTierRequest.newBuilder()
                .setCustomerNumber("R-DROP").setMonth(Dates.toYearMonth(YearMonth.from(tomorrow)))
                .setBusinessDate(Dates.toDate(tomorrow)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("business_date");
                });
        assertInvalid(() -> tiering.listTierRisks(ListTierRisksRequest.newBuilder().setMonth(month(2024, 10))
                .setBusinessDate(Dates.toDate(LocalDate.of(2024, 9, 30))).build()), "business_date",
                "2024-09-30 is not in 2024-10");
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        assertThatThrownBy(() -> project("NOBODY", "2024-10-20"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("customer 'NOBODY' not found");
                });
    }

    private TierFloor propose(String customer, String tier, int firstMonth, int lastMonth) {
        return GrpcClientUtils.attachHeaders(plain, TestTokens.headers("maker-1", Roles.TIER_ADMIN))
                .proposeTierFloor(ProposeTierFloorRequest.newBuilder().setCustomerNumber(customer).setTierCode(tier)
                        .setFirstMonth(month(2024, firstMonth)).setLastMonth(month(2024, lastMonth)).setReason("特批").build());
    }

    private void approve(TierFloor floor) {
        GrpcClientUtils.attachHeaders(plain, TestTokens.headers("checker-1", Roles.TIER_APPROVER))
                .approveTierFloor(DecideTierFloorRequest.newBuilder().setFloorId(floor.getFloorId()).setComment("同意").build());
    }

    private String september(String customer) {
        CustomerTier tier = tiering.getCustomerTier(GetCustomerTierRequest.newBuilder().setCustomerNumber(customer)
                .setMonth(month(2024, 9)).build());
        return customer + " " + tier.getTierCode() + " " + tier.getTierReason();
    }

    private CustomerProjection project(String customer, String date) {
        LocalDate day = LocalDate.parse(date);
        return tiering.projectCustomerTier(ProjectCustomerTierRequest.newBuilder().setCustomerNumber(customer)
                .setMonth(month(2024, 10)).setBusinessDate(Dates.toDate(day)).build());
    }

    private static void assertInvalid(Runnable call, String field, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(StatusDetails.fieldViolations(e)).containsExactly(entry(field, description));
        });
    }

    private static Tier tier(String code, String bound) {
        return Tier.newBuilder().setCode(code).setDisplayName(code)
                .setLowerBound(bank.common.v1.Money.newBuilder().setAmount(bound).setCurrencyCode("CNY")).build();
    }
}
