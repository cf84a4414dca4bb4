package bankrisk.provision.ratio;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bank.provision.v1.GetRunRequest;
import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RegulatoryRatios;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.provision.PolicyRequests;
import bankrisk.provision.TestDatabase;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.testing.TestTokens;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/** A run is judged against the regime and thresholds it stored when it was computed; reading it never reads configuration. */
@QuarkusTest
class FrozenRegimeGrpcTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub client;

    @Inject
    DataSource dataSource;

    /**
     * December under PBOC 2002 (ProvisionRunGrpcTest): allowance 99598.78, NPL 213456.79, total 1466790.12; loan
     * provision ratio 0.06790254. Judged under CBRC 2011 (the configured default): coverage 150 %, loan provision 2.5 %,
     * required max(1.5 × 213456.79, 0.025 × 1466790.12) = max(320185.185, 36669.753) → 320185.19. The same run whose
     * stored thresholds are CBIRC 2018's 120 % / 1.5 % (as if computed under that configuration) reads back with them:
     * required max(1.2 × 213456.79, 0.015 × 1466790.12) = 256148.148 → 256148.15, shortfall 156549.37.
     */
    @Test
    void theRatiosAreJudgedAgainstTheThresholdsStoredWithTheRun() throws SQLException {
        ProvisionServiceBlockingStub finance = GrpcClientUtils.attachHeaders(client, TestTokens.headers("erin", Roles.FINANCE));
        try {
            finance.createPolicy(PolicyRequests.pboc2002As("REGIME-2024", LocalDate.of(2024, 1, 1)));
        } catch (StatusRuntimeException alreadyThere) {
            // created by an earlier run of this test class in the same database
        }
        List<RunProvisioningProgress> progress = new ArrayList<>();
        finance.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.DEC)).setPolicyCode("REGIME-2024")
                .setPolicyVersion(1).build()).forEachRemaining(progress::add);
        ProvisionRun run = progress.get(progress.size() - 1).getRun();

        RegulatoryRatios computed = run.getRatios();
        assertThat(computed.getRegime()).isEqualTo("CBRC-2011");
        assertThat(computed.getCoverageMin().getValue()).isEqualTo("1.5");
        assertThat(computed.getLoanProvisionRatioMin().getValue()).isEqualTo("0.025");
        assertThat(computed.getRequiredAllowance().getAmount()).isEqualTo("320185.19");
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM provision_run WHERE id = " + run.getRunId()
                + " AND ratio_regime = 'CBRC-2011' AND coverage_min = 1.50 AND loan_provision_ratio_min = 0.025 AND npl_ratio_max = 0.05"))
                .isEqualTo(1);

        TestDatabase.execute(dataSource, "UPDATE provision_run SET ratio_regime = 'CBIRC-2018', coverage_min = 1.20,"
                + " loan_provision_ratio_min = 0.015 WHERE id = " + run.getRunId());
        RegulatoryRatios read = finance.getRun(GetRunRequest.newBuilder().setRunId(run.getRunId()).build()).getRatios();

        assertThat(read.getRegime()).isEqualTo("CBIRC-2018");
        assertThat(read.getCoverageMin().getValue()).isEqualTo("1.2");
        assertThat(read.getLoanProvisionRatioMin().getValue()).isEqualTo("0.015");
        assertThat(read.getRequiredAllowance().getAmount()).isEqualTo("256148.15");
        assertThat(read.getShortfall().getAmount()).isEqualTo("156549.37");
        assertThat(read.getLoanProvisionRatio()).isEqualTo(computed.getLoanProvisionRatio());
    }
}
