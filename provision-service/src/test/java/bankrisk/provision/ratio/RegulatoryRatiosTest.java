package bankrisk.provision.ratio;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class RegulatoryRatiosTest {

    private static final RatioThresholds CBRC_2011 = new RatioThresholds("CBRC-2011", new BigDecimal("1.50"), new BigDecimal("0.025"),
            new BigDecimal("0.05"));

    @Test
    void theThreeRatiosOfABookWithBreaches() {
        RegulatoryRatios ratios = RegulatoryRatios.of(new BigDecimal("1466790.12"), new BigDecimal("213456.79"),
                new BigDecimal("99598.78"), CBRC_2011);

        assertThat(ratios.nplRatio()).hasToString("0.14552647");
        assertThat(ratios.nplRatioBreached()).isTrue();
        assertThat(ratios.coverageRatio()).hasToString("0.46659926");
        assertThat(ratios.coverageBreached()).isTrue();
        assertThat(ratios.loanProvisionRatio()).hasToString("0.06790254");
        assertThat(ratios.loanProvisionRatioBreached()).isFalse();
        // max(1.5 × 213456.79 = 320185.185, 0.025 × 1466790.12 = 36669.753) rounded
        assertThat(ratios.requiredAllowance()).hasToString("320185.19");
        assertThat(ratios.shortfall()).hasToString("220586.41");
    }

    @Test
    void aRatioExactlyAtItsThresholdIsNotABreach() {
        // NPL 50 of 1000 = 5 %; allowance 75 = 150 % of NPL; 75 / 1000 = 7.5 % ≥ 2.5 %
        RegulatoryRatios atLimit = RegulatoryRatios.of(new BigDecimal("1000.00"), new BigDecimal("50.00"), new BigDecimal("75.00"), CBRC_2011);
        RegulatoryRatios justBelow = RegulatoryRatios.of(new BigDecimal("1000.00"), new BigDecimal("50.00"), new BigDecimal("74.99"), CBRC_2011);

        assertThat(atLimit.nplRatioBreached()).isFalse();
        assertThat(atLimit.coverageRatio()).hasToString("1.50000000");
        assertThat(atLimit.coverageBreached()).isFalse();
        assertThat(atLimit.shortfall()).hasToString("0.00");
        assertThat(justBelow.coverageBreached()).isTrue();
        assertThat(justBelow.shortfall()).hasToString("0.01");
    }

    @Test
    void theLoanProvisionRatioBindsWhenNplsAreFew() {
        // NPL 10 of 10000: coverage needs 15, the 2.5 % ratio needs 250: the higher applies.
        RegulatoryRatios ratios = RegulatoryRatios.of(new BigDecimal("10000.00"), new BigDecimal("10.00"), new BigDecimal("249.99"), CBRC_2011);

        assertThat(ratios.coverageBreached()).isFalse();
        assertThat(ratios.loanProvisionRatio()).hasToString("0.02499900");
        assertThat(ratios.loanProvisionRatioBreached()).isTrue();
        assertThat(ratios.requiredAllowance()).hasToString("250.00");
        assertThat(ratios.shortfall()).hasToString("0.01");
    }

    @Test
    void withoutNplsCoverageIsNotApplicableAndNeverBreached() {
        RegulatoryRatios ratios = RegulatoryRatios.of(new BigDecimal("1000.00"), new BigDecimal("0.00"), new BigDecimal("10.00"), CBRC_2011);

        assertThat(ratios.coverageApplicable()).isFalse();
        assertThat(ratios.coverageBreached()).isFalse();
        assertThat(ratios.nplRatio()).isEqualByComparingTo("0");
    }

    @Test
    void cbrc2018LowerThresholdsAreConfiguration() {
        RatioThresholds cbrc2018 = new RatioThresholds("CBIRC-2018", new BigDecimal("1.20"), new BigDecimal("0.015"), new BigDecimal("0.05"));
        RegulatoryRatios ratios = RegulatoryRatios.of(new BigDecimal("1000.00"), new BigDecimal("50.00"), new BigDecimal("60.00"), cbrc2018);

        assertThat(ratios.coverageRatio()).hasToString("1.20000000");
        assertThat(ratios.coverageBreached()).isFalse();
        assertThat(RegulatoryRatios.of(new BigDecimal("1000.00"), new BigDecimal("50.00"), new BigDecimal("60.00"), CBRC_2011).coverageBreached())
                .isTrue();
    }
}
