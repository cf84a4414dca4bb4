package bankrisk.bench.jmh;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.grading.Grader;
import bankrisk.loanrisk.grading.LoanFacts;
import bankrisk.loanrisk.grading.Rule;
import bankrisk.loanrisk.grading.RuleKind;
import bankrisk.loanrisk.grading.RuleSet;
import bankrisk.loanrisk.loan.BorrowerKind;
import bankrisk.provision.ecl.EclCalculator;
import bankrisk.provision.ecl.EclParameters;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.PolicyRates;
import bankrisk.provision.policy.ProvisionBase;
import bankrisk.provision.run.CollateralKind;
import bankrisk.provision.run.GradedLoan;
import bankrisk.provision.run.ProvisionCalculator;
import bankrisk.provision.run.RunTotals;

/**
 * In-process hot paths, plain Java from the services' jars (no Quarkus started): loan-risk's {@link Grader} (the rules
 * interpreter twin of the grading SQL) and provision's {@link ProvisionCalculator} (each loan's provision and ECL,
 * summed into the run's totals). Each op handles 1,000 loans; divide by 1,000 for the cost per loan. Tiering has no
 * row here: its month-end rule runs only as SQL (row 2 of the harness measures it); the plain-Java rendering is a
 * test oracle in tiering's test sources, which production never runs (issue 18, item 1).
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" org.openjdk.jmh.Main HotPaths}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPaths {

    private static final int N = 1_000;
    private static final YearMonth MONTH = YearMonth.of(2026, 10);
    private static final LocalDate AS_OF = MONTH.atEndOfMonth();

    private RuleSet rules;
    private List<LoanFacts> book;
    private ProvisionCalculator provisions;
    private List<GradedLoan> graded;

    @Setup
    public void setUp() {
        rules = new RuleSet("BENCH", "CN", LocalDate.of(2023, 7, 1), 2, 6, List.of(
                new Rule("DPD_OVER_0", RuleKind.DPD_OVER, BigDecimal.ZERO, Category.ofRank(2), "bench"),
                new Rule("DPD_OVER_90", RuleKind.DPD_OVER, BigDecimal.valueOf(90), Category.ofRank(3), "bench"),
                new Rule("DPD_OVER_270", RuleKind.DPD_OVER, BigDecimal.valueOf(270), Category.ofRank(4), "bench"),
                new Rule("DPD_OVER_360", RuleKind.DPD_OVER, BigDecimal.valueOf(360), Category.ofRank(5), "bench"),
                new Rule("CREDIT_IMPAIRED", RuleKind.CREDIT_IMPAIRED, null, Category.ofRank(3), "bench"),
                new Rule("DEBTOR_CONTAGION_OVER_10PCT", RuleKind.DEBTOR_CONTAGION_SHARE_OVER, new BigDecimal("0.1"), Category.ofRank(3),
                        "bench")));
        book = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            BorrowerKind kind = i % 5 == 0 ? BorrowerKind.NON_RETAIL : BorrowerKind.RETAIL;
            int dpd = i % 7 == 0 ? (i / 7 * 37) % 421 : 0;
            book.add(LoanFacts.performing(String.format("L%09d", i), String.format("C%08d", i % 400), kind, AS_OF,
                    BigDecimal.valueOf(10_000_00L + (i * 7_919L) % 5_000_000_00L, 2)).withDaysPastDue(dpd, dpd));
        }
        setUpProvisions();
    }

    /** PBOC 2002 net of collateral (so both bases are exercised), the ECL parameters of provision's defaults. */
    private void setUpProvisions() {
        PolicyRates pboc = new PolicyRates(ProvisionBase.NET_OF_COLLATERAL, byCategory("0", "0.02", "0.25", "0.50", "1"),
                new BigDecimal("0.01"));
        EclParameters ecl = new EclParameters(Map.of(LoanCategory.NORMAL, 1, LoanCategory.SPECIAL_MENTION, 2,
                LoanCategory.SUBSTANDARD, 3, LoanCategory.DOUBTFUL, 3, LoanCategory.LOSS, 3), 30, 90,
                byCategory("0.01", "0.05", "1", "1", "1"), byCategory("0.05", "0.20", "1", "1", "1"),
                byCategory("0.45", "0.45", "0.45", "0.65", "1"));
        provisions = new ProvisionCalculator(pboc, EnumSet.of(CollateralKind.CASH_DEPOSIT, CollateralKind.SECURITIES,
                CollateralKind.REAL_ESTATE), new EclCalculator(ecl));
        graded = new ArrayList<>();
        LoanCategory[] categories = LoanCategory.values();
        for (int i = 0; i < N; i++) {
            int dpd = i % 7 == 0 ? (i / 7 * 37) % 421 : 0;
            BigDecimal balance = BigDecimal.valueOf(10_000_00L + (i * 7_919L) % 5_000_000_00L, 2);
            boolean secured = i % 3 == 0;
            graded.add(new GradedLoan(String.format("L%09d", i), String.format("C%08d", i % 400), i % 5 == 0 ? "NON_RETAIL" : "RETAIL",
                    "PERSONAL_CONSUMPTION", "BR01", balance, secured ? CollateralKind.REAL_ESTATE : CollateralKind.NONE,
                    secured ? balance.divide(BigDecimal.valueOf(2)) : BigDecimal.ZERO.setScale(2), categories[i % categories.length], dpd));
        }
    }

    private static Map<LoanCategory, BigDecimal> byCategory(String... values) {
        return Map.of(LoanCategory.NORMAL, new BigDecimal(values[0]), LoanCategory.SPECIAL_MENTION, new BigDecimal(values[1]),
                LoanCategory.SUBSTANDARD, new BigDecimal(values[2]), LoanCategory.DOUBTFUL, new BigDecimal(values[3]),
                LoanCategory.LOSS, new BigDecimal(values[4]));
    }

    @Benchmark
    public Object grade1000Loans() {
        return Grader.grade(rules, AS_OF, book, Map.of(), Map.of());
    }

    @Benchmark
    public RunTotals provision1000Loans() {
        RunTotals totals = new RunTotals();
        for (GradedLoan loan : graded) {
            totals.add(provisions.line(loan));
        }
        totals.generalReserve(provisions.generalReserve(totals.totalBalance()));
        return totals;
    }
}
