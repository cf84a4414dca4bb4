package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Decimal;
import bank.loanrisk.v1.LoanCategory;
import bank.provision.v1.CategoryRate;
import bank.provision.v1.CreatePolicyRequest;
import bank.provision.v1.GetJournalRequest;
import bank.provision.v1.GetMovementRequest;
import bank.provision.v1.GetReportRequest;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.Journal;
import bank.provision.v1.LargerAmount;
import bank.provision.v1.Movement;
import bank.provision.v1.GetPolicyRequest;
import bank.provision.v1.Policy;
import bank.provision.v1.RecoveryBooking;
import bank.provision.v1.ProvisionBase;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.Report;
import bank.provision.v1.ReportView;
import bank.provision.v1.RunPhase;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Provision runs against loan-risk and tiering stubbed at the gRPC boundary ({@link FakeLoanRisk}). Every expected
 * amount is computed by hand from the fake's grades (PBOC 2002: Special mention 2 %, Substandard 25 %, Doubtful 50 %,
 * Loss 100 %, general 1 %):
 *
 * <pre>
 * December   balance      category  provision                     ECL (stage: PD × LGD × balance)
 * L001 BR01  1000000.00   NORMAL         0.00                     1: 0.01 × 0.45 →  4500.00
 * L002 BR01    50000.00   NORMAL         0.00  (45 dpd)           2: 0.05 × 0.45 →  1125.00
 * L003 BR02   200000.00   SM          4000.00                     2: 0.20 × 0.45 → 18000.00
 * L004 BR02   123456.78   SS         30864.20  (30864.195)        3: 1 × 0.45    → 55555.55
 * L005 BR01    80000.00   DOUBTFUL   40000.00                     3: 1 × 0.65    → 52000.00
 * L006 BR03    10000.01   LOSS       10000.01                     3: 1 × 1       → 10000.01
 * L007 BR03     3333.33   SM            66.67  (66.6666)          2: 0.20 × 0.45 →   300.00
 * total       1466790.12             84930.88; general 14667.90 (14667.9012); allowance 99598.78; ECL 141480.56
 * </pre>
 */
@QuarkusTest
class ProvisionRunGrpcTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Inject
    DataSource dataSource;

    @Test
    void aDecemberRunUnderPboc2002HasEveryTotalToTheFen() {
        List<RunProvisioningProgress> progress = run(FakeLoanRisk.DEC, "PBOC-2002", 1);
        ProvisionRun run = last(progress).getRun();

        assertThat(progress.get(0).getPhase()).isEqualTo(RunPhase.RUN_PHASE_SNAPSHOT_FOUND);
        assertThat(progress.get(0).getLoansTotal()).isEqualTo(7);
        assertThat(last(progress).getPhase()).isIn(RunPhase.RUN_PHASE_COMPLETED, RunPhase.RUN_PHASE_REUSED);
        assertThat(run.getLoanCount()).isEqualTo(7);
        assertThat(run.getTotalBalance().getAmount()).isEqualTo("1466790.12");
        assertThat(run.getTotalBalance().getCurrencyCode()).isEqualTo("CNY");
        assertThat(run.getNplBalance().getAmount()).isEqualTo("213456.79");
        assertThat(run.getSpecificProvision().getAmount()).isEqualTo("84930.88");
        assertThat(run.getGeneralReserve().getAmount()).isEqualTo("14667.90");
        assertThat(run.getAllowance().getAmount()).isEqualTo("99598.78");
        assertThat(run.getCategoriesList()).extracting(c -> c.getCategory() + " " + c.getLoanCount() + " " + c.getBalance().getAmount()
                + " " + c.getSpecificProvision().getAmount() + " " + c.getEcl().getAmount())
                .containsExactly(
                        "LOAN_CATEGORY_NORMAL 2 1050000.00 0.00 5625.00",
                        "LOAN_CATEGORY_SPECIAL_MENTION 2 203333.33 4066.67 18300.00",
                        "LOAN_CATEGORY_SUBSTANDARD 1 123456.78 30864.20 55555.55",
                        "LOAN_CATEGORY_DOUBTFUL 1 80000.00 40000.00 52000.00",
                        "LOAN_CATEGORY_LOSS 1 10000.01 10000.01 10000.01");
        // NPL 213456.79 / 1466790.12; coverage 99598.78 / 213456.79; loan provision ratio 99598.78 / 1466790.12
        assertThat(run.getRatios().getNplRatio().getValue()).isEqualTo("0.14552647");
        assertThat(run.getRatios().getNplRatioBreached()).isTrue();
        assertThat(run.getRatios().getCoverageRatio().getValue()).isEqualTo("0.46659926");
        assertThat(run.getRatios().getCoverageBreached()).isTrue();
        assertThat(run.getRatios().getLoanProvisionRatio().getValue()).isEqualTo("0.06790254");
        assertThat(run.getRatios().getLoanProvisionRatioBreached()).isFalse();
        assertThat(run.getRatios().getRequiredAllowance().getAmount()).isEqualTo("320185.19");
        assertThat(run.getRatios().getShortfall().getAmount()).isEqualTo("220586.41");
        assertThat(run.getEcl().getEcl().getAmount()).isEqualTo("141480.56");
        assertThat(run.getEcl().getRegulatoryAllowance().getAmount()).isEqualTo("99598.78");
        assertThat(run.getEcl().getLarger()).isEqualTo(LargerAmount.LARGER_AMOUNT_ECL);
        assertThat(List.of(run.getEcl().getStage1Loans(), run.getEcl().getStage2Loans(), run.getEcl().getStage3Loans()))
                .containsExactly(1L, 3L, 3L);
        assertThat(run.getInputs().getSnapshotId()).isEqualTo("S-2024-12-31");
        assertThat(run.getInputs().getSnapshotFingerprint()).isEqualTo("fp-2024-12-31");
        assertThat(run.getInputs().getPolicyCode() + " v" + run.getInputs().getPolicyVersion()).isEqualTo("PBOC-2002 v1");
        assertThat(run.getFingerprint()).matches("[0-9a-f]{64}");
        assertThat(provision.getRun(GetRunRequest.newBuilder().setRunId(run.getRunId()).build())).isEqualTo(run);
    }

    @Test
    void theSameInputsReturnTheStoredRunInsteadOfASecondOne() {
        ProvisionRun first = last(run(FakeLoanRisk.DEC, "PBOC-2002", 1)).getRun();

        List<RunProvisioningProgress> again = run(FakeLoanRisk.DEC, "PBOC-2002", 0);

        assertThat(last(again).getPhase()).isEqualTo(RunPhase.RUN_PHASE_REUSED);
        assertThat(last(again).getRun()).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM provision_run r JOIN provision_policy p ON p.id = r.policy_id "
                + "WHERE r.as_of = DATE '2024-12-31' AND p.policy_code = 'PBOC-2002'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM provision_line WHERE run_id = " + first.getRunId())).isEqualTo(7);
    }

    @Test
    void aNetOfCollateralPolicyNetsOnlyEligibleCollateralFlooredAtZero() {
        createPolicy("BANK-NET", ProvisionBase.PROVISION_BASE_NET_OF_COLLATERAL, LocalDate.of(2024, 1, 1));

        ProvisionRun run = last(run(FakeLoanRisk.DEC, "BANK-NET", 1)).getRun();

        // L001 real estate 1.5 M > 1 M: base 0 (Normal base = L002 50000.00 alone). L003 machinery is not eligible: 4000.00. L004 cash 20000: 103456.78 × 25 % =
        // 25864.195 → 25864.20. L005 securities 30000: 50000 × 50 % = 25000.00. L006, L007 unsecured.
        assertThat(run.getCategoriesList()).extracting(c -> c.getBase().getAmount() + " " + c.getSpecificProvision().getAmount())
                .containsExactly("50000.00 0.00", "203333.33 4066.67", "103456.78 25864.20", "50000.00 25000.00", "10000.01 10000.01");
        assertThat(run.getSpecificProvision().getAmount()).isEqualTo("64930.88");
        assertThat(run.getGeneralReserve().getAmount()).isEqualTo("14667.90");
        assertThat(run.getAllowance().getAmount()).isEqualTo("79598.78");
    }

    /**
     * November → December from loan-risk's booked flows ({@link FakeLoanRisk#NOVEMBER_TO_DECEMBER}), PBOC-2002 v1 booking
     * recoveries to the allowance (the default). Per loan, charge or release = closing − opening + used − recovered:
     * <pre>
     * L003 Normal → Special mention 200000.00 × 2 %            SM charge 4000.00
     * L004 SM 2500.00 → Substandard 123456.78 × 25 % = 30864.20  SM release 2500.00, SS charge 30864.20
     * L005 Doubtful 41000.00 → 40000.00                         D release 1000.00
     * L007 new, SM 3333.33 × 2 % = 66.67                        SM charge 66.67
     * L008 Loss 7000.00 written off 7000.00, 1200.00 recovered  0 − 7000.00 + 7000.00 − 1200.00 = −1200.00: Loss release 1200.00
     * L009 SS 1000.00 transferred 4000.00 at 2500.00            used 1500.00; 0 − 1000.00 + 1500.00 = 500.00: SS charge 500.00
     * L010 in neither run, 300.00 recovered (written off before) Loss row: 0 − 0 + 0 − 300.00: release 300.00
     * general reserve 14885.00 → 14667.90                       release 217.10
     * </pre>
     * Substandard: 1000.00 + 30864.20 + 500.00 − 0 − 0 − 1500.00 + 0 = 30864.20; Loss: 17000.01 + 0 − 1500.00 − 7000.00 − 0
     * + 1500.00 = 10000.01; total: 76385.01 + 35430.87 − 5217.10 − 7000.00 − 1500.00 + 1500.00 = 99598.78 = December's
     * allowance.
     */
    @Test
    void theMovementFromNovemberToDecemberRollsForwardPerCategoryFromBookedFlows() {
        ProvisionRun nov = last(run(FakeLoanRisk.NOV, "PBOC-2002", 1)).getRun();
        ProvisionRun dec = last(run(FakeLoanRisk.DEC, "PBOC-2002", 1)).getRun();

        Movement movement = provision.getMovement(GetMovementRequest.newBuilder().setFromRunId(nov.getRunId()).setToRunId(dec.getRunId()).build());

        assertThat(nov.getAllowance().getAmount()).isEqualTo("76385.01");
        assertThat(dec.getAllowance().getAmount()).isEqualTo("99598.78");
        assertThat(movement.getRowsList()).extracting(r -> r.getKind().name().replace("MOVEMENT_ROW_KIND_", "") + " "
                + r.getCategory().name().replace("LOAN_CATEGORY_", "") + ": " + r.getOpening().getAmount() + " + "
                + r.getCharges().getAmount() + " - " + r.getReleases().getAmount() + " - " + r.getWriteOffs().getAmount() + " - "
                + r.getDerecognitionLosses().getAmount() + " + " + r.getRecoveries().getAmount() + " = " + r.getClosing().getAmount())
                .containsExactly(
                        "CATEGORY NORMAL: 0.00 + 0.00 - 0.00 - 0.00 - 0.00 + 0.00 = 0.00",
                        "CATEGORY SPECIAL_MENTION: 2500.00 + 4066.67 - 2500.00 - 0.00 - 0.00 + 0.00 = 4066.67",
                        "CATEGORY SUBSTANDARD: 1000.00 + 31364.20 - 0.00 - 0.00 - 1500.00 + 0.00 = 30864.20",
                        "CATEGORY DOUBTFUL: 41000.00 + 0.00 - 1000.00 - 0.00 - 0.00 + 0.00 = 40000.00",
                        "CATEGORY LOSS: 17000.01 + 0.00 - 1500.00 - 7000.00 - 0.00 + 1500.00 = 10000.01",
                        "GENERAL_RESERVE UNSPECIFIED: 14885.00 + 0.00 - 217.10 - 0.00 - 0.00 + 0.00 = 14667.90",
                        "TOTAL UNSPECIFIED: 76385.01 + 35430.87 - 5217.10 - 7000.00 - 1500.00 + 1500.00 = 99598.78");
    }

    /**
     * The same November → December under a copy of PBOC 2002 that books recoveries to profit: L008's 1200.00 and L010's
     * 300.00 never enter the allowance. Loss: L008 0 − 7000.00 + 7000.00 − 0 = 0, L010 0 → 17000.01 + 0 − 0 − 7000.00 − 0
     * + 0 = 10000.01; total: 76385.01 + 35430.87 − (2500.00 + 1000.00 + 217.10 = 3717.10) − 7000.00 − 1500.00 + 0 =
     * 99598.78. The journal credits the recoveries to the impairment loss: BR02 charge 32364.20 (L003 4000.00 + L004
     * 28364.20), BR03 charge 566.67 (L009 500.00 + L007 66.67).
     */
    @Test
    void aPolicyBookingRecoveriesToProfitLeavesThemOutOfTheAllowance() {
        createPolicy("PROFIT-RECOVERY", ProvisionBase.PROVISION_BASE_OUTSTANDING_BALANCE, LocalDate.of(2024, 1, 1),
                RecoveryBooking.RECOVERY_BOOKING_PROFIT);
        assertThat(provision.getPolicy(GetPolicyRequest.newBuilder().setPolicyCode("PROFIT-RECOVERY").build()).getRecoveryBooking())
                .isEqualTo(RecoveryBooking.RECOVERY_BOOKING_PROFIT);
        ProvisionRun nov = last(run(FakeLoanRisk.NOV, "PROFIT-RECOVERY", 1)).getRun();
        ProvisionRun dec = last(run(FakeLoanRisk.DEC, "PROFIT-RECOVERY", 1)).getRun();

        Movement movement = provision.getMovement(GetMovementRequest.newBuilder().setFromRunId(nov.getRunId()).setToRunId(dec.getRunId()).build());
        Journal journal = provision.getJournal(GetJournalRequest.newBuilder().setRunId(dec.getRunId()).setPreviousRunId(nov.getRunId()).build());

        assertThat(movement.getRowsList()).extracting(r -> r.getKind().name().replace("MOVEMENT_ROW_KIND_", "") + " "
                + r.getCategory().name().replace("LOAN_CATEGORY_", "") + ": " + r.getOpening().getAmount() + " + "
                + r.getCharges().getAmount() + " - " + r.getReleases().getAmount() + " - " + r.getWriteOffs().getAmount() + " - "
                + r.getDerecognitionLosses().getAmount() + " + " + r.getRecoveries().getAmount() + " = " + r.getClosing().getAmount())
                .contains("CATEGORY LOSS: 17000.01 + 0.00 - 0.00 - 7000.00 - 0.00 + 0.00 = 10000.01",
                        "TOTAL UNSPECIFIED: 76385.01 + 35430.87 - 3717.10 - 7000.00 - 1500.00 + 0.00 = 99598.78");
        assertThat(journal.getEntriesList()).extracting(e -> e.getEntryId() + ": " + String.join(", ", e.getPostingsList().stream()
                .map(p -> p.getAccountCode() + (p.getDebit().getAmount().equals("0.00") ? " Cr " + p.getCredit().getAmount() : " Dr " + p.getDebit().getAmount()))
                .toList()))
                .containsExactly(
                        "BR01-RELEASE: 1304 Dr 1000.00, 6702 Cr 1000.00",
                        "BR02-CHARGE: 6702 Dr 32364.20, 1304 Cr 32364.20",
                        "BR02-WRITE_OFF: 1304 Dr 7000.00, 1303 Cr 7000.00",
                        "BR02-RECOVERY: 1001 Dr 1200.00, 6702 Cr 1200.00",
                        "BR03-CHARGE: 6702 Dr 566.67, 1304 Cr 566.67",
                        "BR03-DERECOGNITION: 1304 Dr 1500.00, 1303 Cr 1500.00",
                        "BR03-RECOVERY: 1001 Dr 300.00, 6702 Cr 300.00",
                        "HEAD_OFFICE-RELEASE: 1304 Dr 217.10, 6702 Cr 217.10");
    }

    @Test
    void aMovementBackwardsInTimeIsInvalid() {
        ProvisionRun nov = last(run(FakeLoanRisk.NOV, "PBOC-2002", 1)).getRun();
        ProvisionRun dec = last(run(FakeLoanRisk.DEC, "PBOC-2002", 1)).getRun();

        assertThatThrownBy(() -> provision.getMovement(GetMovementRequest.newBuilder().setFromRunId(dec.getRunId()).setToRunId(nov.getRunId()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("to_run_id");
                });
        assertThatThrownBy(() -> provision.getMovement(GetMovementRequest.newBuilder().setFromRunId(nov.getRunId()).setToRunId(987654).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    /**
     * Per branch, November → December from booked flows (recoveries to the allowance): BR01 L005 −1000.00 → release;
     * BR02 L003 +4000.00, L004 +28364.20, L008 release 1200.00 (0 − 7000.00 + 7000.00 written off − 1200.00 recovered)
     * → charge 31164.20, the write-off uses 7000.00, the recovery 1200.00 rebuilds the allowance (BR02's allowance:
     * 9500.00 + 31164.20 − 7000.00 + 1200.00 = 34864.20 = 4000.00 + 30864.20); BR03 L009 +500.00 (0 − 1000.00 + 1500.00
     * used by the sale at 2500.00 of 4000.00), L007 +66.67, L010 −300.00 (recovered, in neither run) → charge 266.67,
     * derecognition 1500.00, recovery 300.00 (BR03's allowance, L006 10000.01 unchanged: 11000.01 + 266.67 − 1500.00 + 300.00
     * = 10066.68 = 10000.01 + 66.67); head office: general reserve
     * −217.10. Debits: 1000.00 + 31164.20 + 7000.00 + 1200.00 + 266.67 + 1500.00 + 300.00 + 217.10 = 42647.97.
     */
    @Test
    void theJournalBooksEachBranchsChangeInBalancedEntries() {
        ProvisionRun nov = last(run(FakeLoanRisk.NOV, "PBOC-2002", 1)).getRun();
        ProvisionRun dec = last(run(FakeLoanRisk.DEC, "PBOC-2002", 1)).getRun();

        Journal journal = provision.getJournal(GetJournalRequest.newBuilder().setRunId(dec.getRunId()).setPreviousRunId(nov.getRunId()).build());

        assertThat(journal.getEntriesList()).extracting(e -> e.getEntryId() + ": " + String.join(", ", e.getPostingsList().stream()
                .map(p -> p.getAccountCode() + (p.getDebit().getAmount().equals("0.00") ? " Cr " + p.getCredit().getAmount() : " Dr " + p.getDebit().getAmount()))
                .toList()))
                .containsExactly(
                        "BR01-RELEASE: 1304 Dr 1000.00, 6702 Cr 1000.00",
                        "BR02-CHARGE: 6702 Dr 31164.20, 1304 Cr 31164.20",
                        "BR02-WRITE_OFF: 1304 Dr 7000.00, 1303 Cr 7000.00",
                        "BR02-RECOVERY: 1001 Dr 1200.00, 1304 Cr 1200.00",
                        "BR03-CHARGE: 6702 Dr 266.67, 1304 Cr 266.67",
                        "BR03-DERECOGNITION: 1304 Dr 1500.00, 1303 Cr 1500.00",
                        "BR03-RECOVERY: 1001 Dr 300.00, 1304 Cr 300.00",
                        "HEAD_OFFICE-RELEASE: 1304 Dr 217.10, 6702 Cr 217.10");
        assertThat(journal.getTotalDebit().getAmount()).isEqualTo("42647.97").isEqualTo(journal.getTotalCredit().getAmount());
        for (var entry : journal.getEntriesList()) {
            assertThat(entry.getPostingsList().stream().map(p -> new java.math.BigDecimal(p.getDebit().getAmount())).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add))
                    .isEqualByComparingTo(entry.getPostingsList().stream().map(p -> new java.math.BigDecimal(p.getCredit().getAmount()))
                            .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        }
    }

    @Test
    void theFirstJournalBooksTheWholeAllowance() {
        createPolicy("FIRST-2024", ProvisionBase.PROVISION_BASE_OUTSTANDING_BALANCE, LocalDate.of(2024, 1, 1));
        ProvisionRun nov = last(run(FakeLoanRisk.NOV, "FIRST-2024", 1)).getRun();

        Journal journal = provision.getJournal(GetJournalRequest.newBuilder().setRunId(nov.getRunId()).build());

        assertThat(journal.getPreviousRunId()).isZero();
        assertThat(journal.getTotalDebit().getAmount()).isEqualTo(nov.getAllowance().getAmount());
        assertThat(journal.getEntriesList()).allSatisfy(e -> assertThat(e.getEntryId()).endsWith("-CHARGE"));
    }

    @Test
    void reportsByBranchProductAndTier() {
        ProvisionRun dec = last(run(FakeLoanRisk.DEC, "PBOC-2002", 1)).getRun();

        Report branches = report(dec, ReportView.REPORT_VIEW_BRANCH);
        Report tiers = report(dec, ReportView.REPORT_VIEW_TIER);
        Report products = report(dec, ReportView.REPORT_VIEW_PRODUCT);

        assertThat(branches.getRowsList()).extracting(r -> r.getKey() + " " + r.getLoanCount() + " " + r.getBalance().getAmount() + " "
                + r.getSpecificProvision().getAmount() + " " + r.getEcl().getAmount())
                .containsExactly("BR01 3 1130000.00 40000.00 57625.00", "BR02 2 323456.78 34864.20 73555.55", "BR03 2 13333.34 10066.68 10300.01");
        assertThat(tiers.getNote()).isEmpty();
        assertThat(tiers.getRowsList()).extracting(r -> r.getKey() + " " + r.getLabel() + " " + r.getBalance().getAmount() + " "
                + r.getNplBalance().getAmount() + " " + r.getSpecificProvision().getAmount() + " " + r.getEcl().getAmount())
                .containsExactly(
                        "NO_TIER Below the lowest tier 50000.00 0.00 0.00 1125.00",
                        "UNTIERED Untiered (unknown to tiering) 90000.01 90000.01 50000.01 62000.01",
                        "XINRAN 欣然 1003333.33 0.00 66.67 4800.00",
                        "ZHUORAN 卓然 323456.78 123456.78 34864.20 73555.55");
        assertThat(products.getRowsList()).hasSize(6);
        assertThat(products.getRows(0).getKey()).isEqualTo("CORPORATE_FIXED_ASSET");
        assertThat(products.getRun().getRunId()).isEqualTo(dec.getRunId());
    }

    @Test
    void aMonthTieringHasNotEvaluatedShowsEveryoneUntieredAndSaysSo() {
        ProvisionRun nov = last(run(FakeLoanRisk.NOV, "PBOC-2002", 1)).getRun();

        Report tiers = report(nov, ReportView.REPORT_VIEW_TIER);

        assertThat(tiers.getNote()).isEqualTo("tiering-service has not evaluated 2024-11: every customer shows as UNTIERED");
        assertThat(tiers.getRowsList()).extracting(r -> r.getKey() + " " + r.getLoanCount() + " " + r.getBalance().getAmount())
                .containsExactly("UNTIERED 8 1488500.01");
    }

    @Test
    void aStreamBrokenByUnavailableIsRestartedFromScratch() {
        List<RunProvisioningProgress> progress = run(FakeLoanRisk.FLAKY, "PBOC-2002", 1);
        ProvisionRun run = last(progress).getRun();

        assertThat(progress).extracting(RunProvisioningProgress::getPhase).contains(RunPhase.RUN_PHASE_RETRYING);
        assertThat(progress).filteredOn(p -> p.getPhase() == RunPhase.RUN_PHASE_RETRYING).first()
                .satisfies(p -> assertThat(p.getMessage()).contains("loan-risk unavailable"));
        assertThat(run.getLoanCount()).isEqualTo(7);
        assertThat(run.getAllowance().getAmount()).isEqualTo("99598.78");
        assertThat(count("SELECT count(*) FROM provision_line WHERE run_id = " + run.getRunId())).isEqualTo(7);
    }

    @Test
    void aLoanRiskWithoutTheBatchedStreamIsReadOneGradeAtATimeWithTheSameTotals() {
        ProvisionRun run = last(run(FakeLoanRisk.LEGACY, "PBOC-2002", 1)).getRun();

        assertThat(run.getLoanCount()).isEqualTo(7);
        assertThat(run.getTotalBalance().getAmount()).isEqualTo("1466790.12");
        assertThat(run.getSpecificProvision().getAmount()).isEqualTo("84930.88");
        assertThat(run.getAllowance().getAmount()).isEqualTo("99598.78");
        assertThat(run.getEcl().getEcl().getAmount()).isEqualTo("141480.56");
        assertThat(count("SELECT count(*) FROM provision_line WHERE run_id = " + run.getRunId())).isEqualTo(7);
    }

    @Test
    void aDateLoanRiskHasNoSnapshotOfIsAFailedPreconditionAndLeavesNoRun() {
        assertThatThrownBy(() -> run(LocalDate.of(2024, 10, 31), "PBOC-2002", 1))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo("loan-risk has no completed snapshot for 2024-10-31");
                });
        assertThat(count("SELECT count(*) FROM provision_run WHERE as_of = DATE '2024-10-31'")).isZero();
    }

    @Test
    void aRowInAnotherCurrencyFailsTheRunAndLeavesNothingHalfWritten() {
        assertThatThrownBy(() -> run(FakeLoanRisk.USD_ROW, "PBOC-2002", 1))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo(
                            "loan-risk snapshot row 3 (loan 'L004'): outstanding_balance is in USD, not the reporting currency CNY");
                });
        assertThat(count("SELECT count(*) FROM provision_run WHERE as_of = DATE '2024-09-30'")).isZero();
        assertThat(count("SELECT count(*) FROM provision_line l WHERE NOT EXISTS (SELECT 1 FROM provision_run r WHERE r.id = l.run_id "
                + "AND r.status = 'COMPLETED')")).isZero();
    }

    @Test
    void aSnapshotListingALoanTwiceOrShortOfItsHeaderIsRefusedAndLeavesNoRun() {
        assertThatThrownBy(() -> run(FakeLoanRisk.DUPLICATE, "PBOC-2002", 1))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo("loan-risk snapshot S-2024-07-31 lists loan 'L002' twice");
                    assertThat(StatusDetails.reason(e)).contains("SNAPSHOT_DUPLICATE_LOAN");
                });
        assertThatThrownBy(() -> run(FakeLoanRisk.SHORT, "PBOC-2002", 1))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription()).isEqualTo(
                        "loan-risk snapshot S-2024-06-30 announced 8 loans totalling 1466790.12 but streamed 7 totalling 1466790.12"));
        assertThat(count("SELECT count(*) FROM provision_run WHERE as_of IN (DATE '2024-07-31', DATE '2024-06-30')")).isZero();
    }

    @Test
    void badRequestsNameTheirFields() {
        assertThatThrownBy(() -> run(null, "", -1))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("as_of", "policy_code", "policy_version");
                });
        assertThatThrownBy(() -> run(FakeLoanRisk.DEC, "NO-SUCH-POLICY", 0))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> provision.getReport(GetReportRequest.newBuilder().setRunId(1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("view"));
    }

    @Test
    void aPolicyNotYetEffectiveOnTheDateIsAFailedPrecondition() {
        createPolicy("BANK-2025", ProvisionBase.PROVISION_BASE_OUTSTANDING_BALANCE, LocalDate.of(2025, 1, 1));

        assertThatThrownBy(() -> run(FakeLoanRisk.DEC, "BANK-2025", 1))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo(
                            "policy BANK-2025 v1 is effective from 2025-01-01, after the as-of date 2024-12-31");
                });
    }

    private List<RunProvisioningProgress> run(LocalDate asOf, String policy, int version) {
        RunProvisioningRequest.Builder request = RunProvisioningRequest.newBuilder().setPolicyCode(policy).setPolicyVersion(version);
        if (asOf != null) {
            request.setAsOf(Dates.toDate(asOf));
        }
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(request.build()).forEachRemaining(progress::add);
        return progress;
    }

    private Report report(ProvisionRun run, ReportView view) {
        return provision.getReport(GetReportRequest.newBuilder().setRunId(run.getRunId()).setView(view).build());
    }

    private static RunProvisioningProgress last(List<RunProvisioningProgress> progress) {
        return progress.get(progress.size() - 1);
    }

    private void createPolicy(String code, ProvisionBase base, LocalDate effectiveFrom) {
        createPolicy(code, base, effectiveFrom, RecoveryBooking.RECOVERY_BOOKING_UNSPECIFIED);
    }

    private void createPolicy(String code, ProvisionBase base, LocalDate effectiveFrom, RecoveryBooking recoveryBooking) {
        try {
            provision.createPolicy(CreatePolicyRequest.newBuilder().setPolicy(Policy.newBuilder()
                    .setPolicyCode(code).setVersion(1).setName(code).setEffectiveFrom(Dates.toDate(effectiveFrom)).setRecoveryBooking(recoveryBooking)
                    .setGeneralReserveRate(decimal("0.01")).setBase(base)
                    .addRates(rate(LoanCategory.LOAN_CATEGORY_NORMAL, "0", "0", "0"))
                    .addRates(rate(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "0.02", "0.02", "0.02"))
                    .addRates(rate(LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "0.25", "0.20", "0.30"))
                    .addRates(rate(LoanCategory.LOAN_CATEGORY_DOUBTFUL, "0.50", "0.40", "0.60"))
                    .addRates(rate(LoanCategory.LOAN_CATEGORY_LOSS, "1", "1", "1"))).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    private static CategoryRate rate(LoanCategory category, String rate, String min, String max) {
        return CategoryRate.newBuilder().setCategory(category).setRate(decimal(rate)).setMinRate(decimal(min)).setMaxRate(decimal(max)).build();
    }

    private static Decimal decimal(String value) {
        return Decimal.newBuilder().setValue(value).build();
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
