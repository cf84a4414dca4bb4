package bankrisk.provision.reserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.LoanCategory;
import bank.provision.v1.GeneralRiskReserve;
import bank.provision.v1.GetJournalRequest;
import bank.provision.v1.GetRunRequest;
import bank.provision.v1.Journal;
import bank.provision.v1.LedgerPosting;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.ReserveBinding;
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
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * MOF 2012's general risk reserve over gRPC: a MOF-2012-STANDARD run names the posted impairment run of its date whose
 * allowance it deducts. Latent risk, floor and allowances are computed by hand in {@link GeneralRiskReserveTest}:
 * November 90057.51 − 76385.01 (PBOC 2002) = 13672.50 below the floor 22327.50; December 116887.04 − 66691.37 (a thin
 * bank policy) = 50195.67 above the floor 22001.85.
 */
@QuarkusTest
class GeneralRiskReserveGrpcTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub client;

    @Inject
    DataSource dataSource;

    private ProvisionServiceBlockingStub finance() {
        return GrpcClientUtils.attachHeaders(client, TestTokens.headers("carol", Roles.FINANCE));
    }

    private ProvisionServiceBlockingStub approver() {
        return GrpcClientUtils.attachHeaders(client, TestTokens.headers("dave", Roles.FINANCE_APPROVER));
    }

    @Test
    void theFloorBindsAgainstAPostedPboc2002AllowanceAndTheReserveHasItsOwnJournal() {
        long allowanceRun = posted("GRR-PBOC", FakeLoanRisk.NOV);

        ProvisionRun mof = run("MOF-2012-STANDARD", FakeLoanRisk.NOV, allowanceRun);

        GeneralRiskReserve reserve = mof.getGeneralRiskReserve();
        assertThat(reserve.getAllowanceRunId()).isEqualTo(allowanceRun);
        assertThat(reserve.getLatentRisk().getAmount()).isEqualTo("90057.51");
        assertThat(reserve.getAllowanceDeducted().getAmount()).isEqualTo("76385.01");
        assertThat(reserve.getNetOfAllowance().getAmount()).isEqualTo("13672.50");
        assertThat(reserve.getRiskAssets().getAmount()).isEqualTo("1488500.01");
        assertThat(reserve.getFloorRate().getValue()).isEqualTo("0.015");
        assertThat(reserve.getFloor().getAmount()).isEqualTo("22327.50");
        assertThat(reserve.getRequiredReserve().getAmount()).isEqualTo("22327.50");
        assertThat(reserve.getBinding()).isEqualTo(ReserveBinding.RESERVE_BINDING_FLOOR);
        // The former "MOF allowance" (latent risk + 1.5 %) is gone: no allowance, no ratios, no ECL comparison.
        assertThat(mof.hasAllowance()).isFalse();
        assertThat(mof.hasSpecificProvision()).isFalse();
        assertThat(mof.hasRatios()).isFalse();
        assertThat(mof.hasEcl()).isFalse();
        assertThat(finance().getRun(GetRunRequest.newBuilder().setRunId(mof.getRunId()).build())).isEqualTo(mof);

        Journal journal = finance().getJournal(GetJournalRequest.newBuilder().setRunId(mof.getRunId()).build());
        assertThat(journal.getEntriesList()).extracting(e -> e.getEntryId() + ": " + e.getPostingsList().stream()
                .map(p -> p.getAccountCode() + (p.getDebit().getAmount().equals("0.00") ? " Cr " + p.getCredit().getAmount()
                        : " Dr " + p.getDebit().getAmount())).toList())
                .containsExactly("HEAD_OFFICE-RESERVE_APPROPRIATION: [4104 Dr 22327.50, 4102 Cr 22327.50]");

        finance().submitRun(step(mof.getRunId()));
        approver().approveRun(step(mof.getRunId()));
        LedgerPosting posting = finance().postRun(step(mof.getRunId()));
        assertThat(posting.getLinesList()).extracting(l -> l.getEntryKind() + " " + l.getAccountCode() + " " + l.getDebit().getAmount()
                + "/" + l.getCredit().getAmount()).containsExactly(
                        "JOURNAL_ENTRY_KIND_RESERVE_APPROPRIATION 4104 22327.50/0.00",
                        "JOURNAL_ENTRY_KIND_RESERVE_APPROPRIATION 4102 0.00/22327.50");
    }

    @Test
    void theLatentRiskBindsAgainstAThinAllowance() {
        try {
            finance().createPolicy(bank.provision.v1.CreatePolicyRequest.newBuilder().setPolicy(PolicyRequests.pboc2002Policy("THIN-2024",
                    LocalDate.of(2024, 1, 1)).setName("A bank's own thin policy").setGeneralReserveRate(PolicyRequests.decimal("0"))
                    .clearRates()
                    .addRates(PolicyRequests.rate(LoanCategory.LOAN_CATEGORY_NORMAL, "0", "0", "0"))
                    .addRates(PolicyRequests.rate(LoanCategory.LOAN_CATEGORY_SPECIAL_MENTION, "0", "0", "0"))
                    .addRates(PolicyRequests.rate(LoanCategory.LOAN_CATEGORY_SUBSTANDARD, "0.20", "0.20", "0.20"))
                    .addRates(PolicyRequests.rate(LoanCategory.LOAN_CATEGORY_DOUBTFUL, "0.40", "0.40", "0.40"))
                    .addRates(PolicyRequests.rate(LoanCategory.LOAN_CATEGORY_LOSS, "1", "1", "1"))).build());
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        }
        long thin = posted("THIN-2024", FakeLoanRisk.DEC);

        GeneralRiskReserve reserve = run("MOF-2012-STANDARD", FakeLoanRisk.DEC, thin).getGeneralRiskReserve();

        assertThat(reserve.getLatentRisk().getAmount()).isEqualTo("116887.04");
        assertThat(reserve.getAllowanceDeducted().getAmount()).isEqualTo("66691.37");
        assertThat(reserve.getNetOfAllowance().getAmount()).isEqualTo("50195.67");
        assertThat(reserve.getFloor().getAmount()).isEqualTo("22001.85");
        assertThat(reserve.getRequiredReserve().getAmount()).isEqualTo("50195.67");
        assertThat(reserve.getBinding()).isEqualTo(ReserveBinding.RESERVE_BINDING_LATENT_RISK);
    }

    @Test
    void theDeductedAllowanceMustBeAPostedImpairmentRunOfTheSameDateAndNothingIsWrittenOtherwise() {
        long novPosted = posted("GRR-PBOC", FakeLoanRisk.NOV);
        pbocCopy("GRR-DRAFT");
        long draft = run("GRR-DRAFT", FakeLoanRisk.DEC, 0).getRunId();
        long runs = TestDatabase.count(dataSource, "SELECT count(*) FROM provision_run");

        refused(() -> run("MOF-2012-STANDARD", FakeLoanRisk.DEC, draft), "ALLOWANCE_RUN_NOT_POSTED");
        refused(() -> run("MOF-2012-STANDARD", FakeLoanRisk.DEC, novPosted), "ALLOWANCE_RUN_OTHER_DATE");
        assertThatThrownBy(() -> run("MOF-2012-STANDARD", FakeLoanRisk.DEC, 0)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("deducted_allowance_run_id"));
        assertThatThrownBy(() -> run("GRR-PBOC", FakeLoanRisk.DEC, novPosted)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("deducted_allowance_run_id"));
        assertThatThrownBy(() -> run("MOF-2012-STANDARD", FakeLoanRisk.DEC, 999_999_999L)).isInstanceOfSatisfying(
                StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_run")).isEqualTo(runs);
    }

    /** A PBOC 2002 copy under {@code policy}, run, submitted, approved and posted (once: a second call finds it posted). */
    private long posted(String policy, LocalDate asOf) {
        pbocCopy(policy);
        ProvisionRun run = run(policy, asOf, 0);
        if (run.getLifecycle().getPostingId() == 0) {
            finance().submitRun(step(run.getRunId()));
            approver().approveRun(step(run.getRunId()));
            finance().postRun(step(run.getRunId()));
        }
        return run.getRunId();
    }

    private ProvisionRun run(String policy, LocalDate asOf, long deducted) {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        finance().runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(asOf)).setPolicyCode(policy).setPolicyVersion(1)
                .setDeductedAllowanceRunId(deducted).build()).forEachRemaining(progress::add);
        return progress.get(progress.size() - 1).getRun();
    }

    private void pbocCopy(String policy) {
        try {
            finance().createPolicy(PolicyRequests.pboc2002As(policy, LocalDate.of(2024, 1, 1)));
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        }
    }

    private static RunStepRequest step(long runId) {
        return RunStepRequest.newBuilder().setRunId(runId).build();
    }

    private static void refused(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(StatusDetails.reason(e).orElse("")).isEqualTo(reason);
        });
    }
}
