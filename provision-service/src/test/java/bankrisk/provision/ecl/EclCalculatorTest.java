package bankrisk.provision.ecl;

import static bankrisk.provision.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import bankrisk.provision.Fixtures;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.run.CollateralKind;

class EclCalculatorTest {

    private final EclCalculator ecl = Fixtures.ecl();

    @ParameterizedTest(name = "{0} at {1} days past due → stage {2}")
    @CsvSource({
            "NORMAL, 0, 1", "NORMAL, 30, 1", "NORMAL, 31, 2", "NORMAL, 90, 2", "NORMAL, 91, 3",
            "SPECIAL_MENTION, 0, 2", "SPECIAL_MENTION, 90, 2", "SPECIAL_MENTION, 91, 3",
            "SUBSTANDARD, 0, 3", "DOUBTFUL, 200, 3", "LOSS, 400, 3" })
    void stagesFollowTheCategoryAndTheDaysPastDuePresumptions(LoanCategory category, int daysPastDue, int stage) {
        assertThat(ecl.stage(category, daysPastDue)).isEqualTo(stage);
    }

    @ParameterizedTest(name = "{0}, {1} dpd, EAD {2}: PD {3} × LGD {4} → {5}")
    @CsvSource({
            "NORMAL, 0, 1000000.00, 0.01000000, 0.45000000, 4500.00", // stage 1: 12-month PD
            "NORMAL, 45, 50000.00, 0.05000000, 0.45000000, 1125.00", // stage 2: lifetime PD
            "SPECIAL_MENTION, 0, 3333.33, 0.20000000, 0.45000000, 300.00", // 299.9997
            "SUBSTANDARD, 95, 123456.78, 1.00000000, 0.45000000, 55555.55", // 55555.551
            "DOUBTFUL, 300, 80000.00, 1.00000000, 0.65000000, 52000.00",
            "LOSS, 400, 10000.01, 1.00000000, 1.00000000, 10000.01" })
    void eclIsPdTimesLgdTimesTheBalanceRoundedOnce(LoanCategory category, int dpd, String balance, String pd, String lgd, String expected) {
        EclResult result = ecl.ecl(loan(category, balance, CollateralKind.NONE, "0.00", dpd));

        assertThat(result.pd()).hasToString(pd);
        assertThat(result.lgd()).hasToString(lgd);
        assertThat(result.ecl()).hasToString(expected);
    }

    @Test
    void theLargerOfEclAndTheRegulatoryAmountIsFlagged() {
        assertThat(EclComparison.of(new java.math.BigDecimal("141480.56"), new java.math.BigDecimal("99598.78")).larger())
                .isEqualTo(EclComparison.Larger.ECL);
        assertThat(EclComparison.of(new java.math.BigDecimal("1.00"), new java.math.BigDecimal("1.01")).larger())
                .isEqualTo(EclComparison.Larger.REGULATORY);
        assertThat(EclComparison.of(new java.math.BigDecimal("1.00"), new java.math.BigDecimal("1.0")).larger())
                .isEqualTo(EclComparison.Larger.EQUAL);
    }

    @Test
    void incompleteOrOutOfRangeParametersAreRefusedAtStart() {
        EclParameters good = Fixtures.eclParameters();
        assertThatThrownBy(() -> new EclParameters(Map.of(LoanCategory.NORMAL, 1), 30, 90, good.pd12Month(), good.pdLifetime(), good.lgd()))
                .hasMessage("ECL stage of SPECIAL_MENTION is not configured");
        assertThatThrownBy(() -> new EclParameters(good.baseStage(), 30, 90, good.pd12Month(), good.pdLifetime(),
                Fixtures.byCategory("0.45", "0.45", "0.45", "0.65", "1.5")))
                .hasMessage("LGD of LOSS must be between 0 and 1, not 1.5");
    }
}
