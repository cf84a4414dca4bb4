package bankrisk.provision.run;

import static bankrisk.provision.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import bankrisk.provision.Fixtures;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.policy.PolicyRates;
import bankrisk.provision.policy.ProvisionBase;

class ProvisionCalculatorTest {

    private static final Set<CollateralKind> ELIGIBLE = EnumSet.of(CollateralKind.CASH_DEPOSIT, CollateralKind.SECURITIES,
            CollateralKind.REAL_ESTATE);

    @ParameterizedTest(name = "PBOC 2002: {0} on 1000.00 → {1}")
    @CsvSource({ "NORMAL, 0.00", "SPECIAL_MENTION, 20.00", "SUBSTANDARD, 250.00", "DOUBTFUL, 500.00", "LOSS, 1000.00" })
    void eachCategoryAtItsPbocRate(LoanCategory category, String provision) {
        assertThat(calculator(Fixtures.pboc2002()).line(loan(category, "1000.00")).provision()).isEqualByComparingTo(provision)
                .hasScaleOf(2);
    }

    @ParameterizedTest(name = "MOF 2012: {0} on 1000.00 → {1}")
    @CsvSource({ "NORMAL, 15.00", "SPECIAL_MENTION, 30.00", "SUBSTANDARD, 300.00", "DOUBTFUL, 600.00", "LOSS, 1000.00" })
    void eachCategoryAtItsMofStandardCoefficient(LoanCategory category, String provision) {
        assertThat(calculator(Fixtures.mof2012()).line(loan(category, "1000.00")).provision()).isEqualByComparingTo(provision);
    }

    @ParameterizedTest(name = "band limit {0}/{1}: substandard {2}, doubtful {3}")
    @CsvSource({ "0.20, 0.40, 200.00, 400.00", "0.30, 0.60, 300.00, 600.00" })
    void theFloatingRatesAtTheLimitsOfTheirBands(String substandard, String doubtful, String substandardProvision, String doubtfulProvision) {
        ProvisionCalculator calculator = calculator(Fixtures.pboc2002(substandard, doubtful, ProvisionBase.OUTSTANDING_BALANCE));

        assertThat(calculator.line(loan(LoanCategory.SUBSTANDARD, "1000.00")).provision()).isEqualByComparingTo(substandardProvision);
        assertThat(calculator.line(loan(LoanCategory.DOUBTFUL, "1000.00")).provision()).isEqualByComparingTo(doubtfulProvision);
    }

    @Test
    void collateralIsNettedOnlyWhenEligibleAndTheBaseIsFlooredAtZero() {
        ProvisionCalculator net = calculator(Fixtures.pboc2002("0.25", "0.50", ProvisionBase.NET_OF_COLLATERAL));

        ProvisionLine overCollateralised = net.line(loan(LoanCategory.SUBSTANDARD, "1000.00", CollateralKind.REAL_ESTATE, "1500.00", 100));
        ProvisionLine cash = net.line(loan(LoanCategory.SUBSTANDARD, "1000.00", CollateralKind.CASH_DEPOSIT, "400.00", 100));
        ProvisionLine securities = net.line(loan(LoanCategory.DOUBTFUL, "1000.00", CollateralKind.SECURITIES, "1000.00", 300));
        ProvisionLine machinery = net.line(loan(LoanCategory.SUBSTANDARD, "1000.00", CollateralKind.MOVABLE_PROPERTY, "400.00", 100));

        assertThat(overCollateralised.base()).isEqualByComparingTo("0.00");
        assertThat(overCollateralised.provision()).isEqualByComparingTo("0.00");
        assertThat(cash.base()).isEqualByComparingTo("600.00");
        assertThat(cash.provision()).isEqualByComparingTo("150.00");
        assertThat(securities.provision()).isEqualByComparingTo("0.00");
        assertThat(machinery.base()).isEqualByComparingTo("1000.00");
        assertThat(machinery.provision()).isEqualByComparingTo("250.00");
    }

    @Test
    void theOutstandingBalanceBaseIgnoresCollateral() {
        ProvisionLine line = calculator(Fixtures.pboc2002())
                .line(loan(LoanCategory.SUBSTANDARD, "1000.00", CollateralKind.CASH_DEPOSIT, "1000.00", 100));

        assertThat(line.base()).isEqualByComparingTo("1000.00");
        assertThat(line.provision()).isEqualByComparingTo("250.00");
    }

    @ParameterizedTest(name = "{0} × {1} = {2}")
    @CsvSource({
            "SUBSTANDARD, 123456.78, 30864.20", // 30864.195: a half fen rounds up
            "SPECIAL_MENTION, 3333.33, 66.67", // 66.6666
            "SUBSTANDARD, 0.02, 0.01", // 0.005: half a fen rounds up
            "SUBSTANDARD, 0.01, 0.00", // 0.0025: below half a fen rounds down
            "SPECIAL_MENTION, 0.24, 0.00", // 0.0048
            "SPECIAL_MENTION, 0.25, 0.01" // 0.005
    })
    void eachLineIsRoundedOnceToTheFenHalfUp(LoanCategory category, String balance, String provision) {
        assertThat(calculator(Fixtures.pboc2002()).line(loan(category, balance)).provision()).isEqualByComparingTo(provision).hasScaleOf(2);
    }

    @ParameterizedTest(name = "general reserve of {0} at {1} = {2}")
    @CsvSource({ "1466790.12, 0.01, 14667.90", "0.50, 0.01, 0.01", "0.49, 0.01, 0.00", "1000000.00, 0.015, 15000.00" })
    void theGeneralReserveIsTheRateOnTheWholeBookRoundedOnce(String total, String rate, String reserve) {
        assertThat(ProvisionCalculator.generalReserve(new BigDecimal(total), new BigDecimal(rate))).isEqualByComparingTo(reserve).hasScaleOf(2);
    }

    @Test
    void totalsSumTheRoundedLinesAndTheAllowanceAddsTheGeneralReserve() {
        ProvisionCalculator calculator = calculator(Fixtures.pboc2002());
        RunTotals totals = new RunTotals();
        totals.add(calculator.line(loan(LoanCategory.SPECIAL_MENTION, "3333.33")));
        totals.add(calculator.line(loan(LoanCategory.SPECIAL_MENTION, "3333.33")));
        totals.add(calculator.line(loan(LoanCategory.LOSS, "10.01")));
        totals.generalReserve(calculator.generalReserve(totals.totalBalance()));

        // 2 × 66.67 (each line rounded), not round(6666.66 × 0.02) = 133.33
        assertThat(totals.category(LoanCategory.SPECIAL_MENTION).provision()).isEqualByComparingTo("133.34");
        assertThat(totals.totalBalance()).isEqualByComparingTo("6676.67");
        assertThat(totals.nplBalance()).isEqualByComparingTo("10.01");
        assertThat(totals.specificProvision()).isEqualByComparingTo("143.35");
        assertThat(totals.generalReserve()).isEqualByComparingTo("66.77");
        assertThat(totals.allowance()).isEqualByComparingTo("210.12");
        assertThat(totals.loanCount()).isEqualTo(3);
    }

    private static ProvisionCalculator calculator(PolicyRates policy) {
        return new ProvisionCalculator(policy, ELIGIBLE, Fixtures.ecl());
    }
}
