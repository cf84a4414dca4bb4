package bankrisk.provision.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.provision.v1.ProvisionRun;
import bank.provision.v1.ProvisionServiceGrpc.ProvisionServiceBlockingStub;
import bank.provision.v1.RunLine;
import bank.provision.v1.RunLinePage;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bank.provision.v1.StreamRunLinesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.common.security.Roles;
import bankrisk.platform.stream.Source;
import bankrisk.provision.fake.FakeLoanRisk;
import bankrisk.provision.run.RunLines;
import bankrisk.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * StreamRunLines over the December run under PBOC 2002 v1 (outstanding-balance base, so base = balance and no
 * collateral is netted; rates Normal 0, Special mention 2 %, Substandard 25 %, Doubtful 50 %, Loss 100 %), by hand
 * as in ProvisionRunGrpcTest:
 *
 * <pre>
 * loan  balance     rate  provision                        ECL stage: PD × LGD × balance
 * L001 1000000.00   0        0.00                          1: 0.01 × 0.45 → 4500.00
 * L002   50000.00   0        0.00                          2: 0.05 × 0.45 → 1125.00 (45 dpd)
 * L003  200000.00   0.02  4000.00                          2: 0.20 × 0.45 → 18000.00
 * L004  123456.78   0.25 30864.20 (30864.195 half-up)      3: 1 × 0.45 → 55555.55 (55555.551)
 * L005   80000.00   0.50 40000.00                          3: 1 × 0.65 → 52000.00
 * L006   10000.01   1    10000.01                          3: 1 × 1 → 10000.01
 * L007    3333.33   0.02    66.67 (66.6666 half-up)        2: 0.20 × 0.45 → 300.00 (299.9997)
 * </pre>
 */
@QuarkusTest
class RunLinesGrpcTest {

    @GrpcClient("provision")
    ProvisionServiceBlockingStub provision;

    @Inject
    RunLines lines;

    @BeforeEach
    void authenticateAsFinance() {
        provision = GrpcClientUtils.attachHeaders(provision, TestTokens.headers("finance-1", Roles.FINANCE));
    }

    @Test
    void everyLineOfTheRunInLoanIdOrderToTheFen() {
        ProvisionRun run = decemberRun();

        List<RunLinePage> pages = new ArrayList<>();
        provision.streamRunLines(StreamRunLinesRequest.newBuilder().setRunId(run.getRunId()).build()).forEachRemaining(pages::add);

        assertThat(pages).hasSize(1); // 7 lines, a page holds 1,000
        assertThat(pages.get(0).getRunId()).isEqualTo(run.getRunId());
        List<RunLine> lines = pages.get(0).getLinesList();
        assertThat(lines).extracting(RunLinesGrpcTest::summary).containsExactly(
                "L001 C001 BORROWER_KIND_RETAIL PERSONAL_MORTGAGE BR01 LOAN_CATEGORY_NORMAL 0 1000000.00 COLLATERAL_KIND_REAL_ESTATE 1500000.00 base 1000000.00 netted 0.00 provision 0.00 stage 1 ecl 4500.00 CNY",
                "L002 C002 BORROWER_KIND_RETAIL PERSONAL_CONSUMPTION BR01 LOAN_CATEGORY_NORMAL 45 50000.00 COLLATERAL_KIND_NONE 0.00 base 50000.00 netted 0.00 provision 0.00 stage 2 ecl 1125.00 CNY",
                "L003 C003 BORROWER_KIND_NON_RETAIL CORPORATE_WORKING_CAPITAL BR02 LOAN_CATEGORY_SPECIAL_MENTION 10 200000.00 COLLATERAL_KIND_MOVABLE_PROPERTY 100000.00 base 200000.00 netted 0.00 provision 4000.00 stage 2 ecl 18000.00 CNY",
                "L004 C003 BORROWER_KIND_NON_RETAIL CORPORATE_FIXED_ASSET BR02 LOAN_CATEGORY_SUBSTANDARD 95 123456.78 COLLATERAL_KIND_CASH_DEPOSIT 20000.00 base 123456.78 netted 0.00 provision 30864.20 stage 3 ecl 55555.55 CNY",
                "L005 C004 BORROWER_KIND_RETAIL PERSONAL_BUSINESS BR01 LOAN_CATEGORY_DOUBTFUL 300 80000.00 COLLATERAL_KIND_SECURITIES 30000.00 base 80000.00 netted 0.00 provision 40000.00 stage 3 ecl 52000.00 CNY",
                "L006 C005 BORROWER_KIND_RETAIL TRADE_FINANCE BR03 LOAN_CATEGORY_LOSS 400 10000.01 COLLATERAL_KIND_NONE 0.00 base 10000.01 netted 0.00 provision 10000.01 stage 3 ecl 10000.01 CNY",
                "L007 C001 BORROWER_KIND_RETAIL PERSONAL_CONSUMPTION BR03 LOAN_CATEGORY_SPECIAL_MENTION 0 3333.33 COLLATERAL_KIND_NONE 0.00 base 3333.33 netted 0.00 provision 66.67 stage 2 ecl 300.00 CNY");
        // Rates, PD and LGD as stored (NUMERIC(12, 8)), compared by value.
        assertThat(lines).extracting(l -> new BigDecimal(l.getRate().getValue()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0"), new BigDecimal("0"), new BigDecimal("0.02"), new BigDecimal("0.25"),
                        new BigDecimal("0.5"), new BigDecimal("1"), new BigDecimal("0.02"));
        RunLine l004 = lines.get(3);
        assertThat(new BigDecimal(l004.getEclPd().getValue())).isEqualByComparingTo("1");
        assertThat(new BigDecimal(l004.getEclLgd().getValue())).isEqualByComparingTo("0.45");
        // The lines add up to the run's totals: Σ provision 84930.88, Σ ECL 141480.56.
        assertThat(lines.stream().map(l -> new BigDecimal(l.getSpecificProvision().getAmount())).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualTo(new BigDecimal(run.getSpecificProvision().getAmount()));
    }

    @Test
    void pagesContinueByLoanIdAndTheLastIsShorter() {
        long runId = decemberRun().getRunId();

        // Pages of 3: L001-L003, L004-L006, L007 (last).
        Source<RunLines.Page> threes = lines.pages(runId, 3);
        assertThat(loanIds(threes.next())).isEqualTo("MORE [L001, L002, L003]");
        assertThat(loanIds(threes.next())).isEqualTo("MORE [L004, L005, L006]");
        assertThat(loanIds(threes.next())).isEqualTo("LAST [L007]");

        // Pages of 7: one full page, then an empty last batch (no empty page sent).
        Source<RunLines.Page> sevens = lines.pages(runId, 7);
        assertThat(loanIds(sevens.next())).isEqualTo("MORE [L001, L002, L003, L004, L005, L006, L007]");
        Source.Batch<RunLines.Page> end = sevens.next();
        assertThat(end.state()).isEqualTo(Source.Batch.State.LAST);
        assertThat(end.items()).isEmpty();
    }

    @Test
    void anUnknownRunIsNotFoundAndARunIdBelowOneIsInvalid() {
        assertThatThrownBy(() -> provision.streamRunLines(StreamRunLinesRequest.newBuilder().setRunId(999_999).build())
                .forEachRemaining(p -> { }))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("999999");
                });
        assertThatThrownBy(() -> provision.streamRunLines(StreamRunLinesRequest.newBuilder().setRunId(0).build())
                .forEachRemaining(p -> { }))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("run_id");
                });
    }

    private ProvisionRun decemberRun() {
        List<RunProvisioningProgress> progress = new ArrayList<>();
        provision.runProvisioning(RunProvisioningRequest.newBuilder().setAsOf(Dates.toDate(FakeLoanRisk.DEC)).setPolicyCode("PBOC-2002")
                .setPolicyVersion(1).build()).forEachRemaining(progress::add);
        return progress.get(progress.size() - 1).getRun();
    }

    private static String loanIds(Source.Batch<RunLines.Page> batch) {
        return batch.state() + " " + batch.items().stream().flatMap(p -> p.lines().stream()).map(l -> l.loan().loanId()).toList();
    }

    private static String summary(RunLine l) {
        return String.join(" ", l.getLoanId(), l.getCustomerNumber(), l.getBorrowerKind().name(), l.getProduct(), l.getBranchCode(),
                l.getCategory().name(), Integer.toString(l.getDaysPastDue()), l.getBalance().getAmount(), l.getCollateralKind().name(),
                l.getCollateralValue().getAmount(), "base", l.getBase().getAmount(), "netted", l.getCollateralNetted().getAmount(),
                "provision", l.getSpecificProvision().getAmount(), "stage", Integer.toString(l.getEclStage()), "ecl", l.getEcl().getAmount(),
                l.getEcl().getCurrencyCode());
    }
}
