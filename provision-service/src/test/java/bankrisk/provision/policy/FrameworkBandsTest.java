package bankrisk.provision.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;

/** PBOC 2002 (銀發〔2002〕98號): Substandard 20–30 %, Doubtful 40–60 % (25 % and 50 % ± 20 % of the rate), general ≥ 1 %. */
class FrameworkBandsTest {

    private static final FrameworkBands PBOC_2002 = new FrameworkBands(PolicyFramework.PBOC_2002, pbocBands(), new BigDecimal("0.01"));
    private static final FrameworkBands BANK_OWN = new FrameworkBands(PolicyFramework.BANK_OWN, Map.of(), null);

    @Test
    void theRegulationsBandsReplaceTheRequestsSoA35PercentSubstandardRateIsRefused() {
        // The request claims a band of [0, 1] for Substandard; PBOC 2002's is [0.20, 0.30], so 0.35 is outside it.
        ProvisionPolicy policy = policy("0.35", "0", "1", "0.50", "0.01");
        Violations violations = new Violations();

        PBOC_2002.applyTo(policy, violations);

        assertThat(policy.rateOf(LoanCategory.SUBSTANDARD).minRate).isEqualByComparingTo("0.20");
        assertThat(policy.rateOf(LoanCategory.SUBSTANDARD).maxRate).isEqualByComparingTo("0.30");
        assertThatThrownBy(() -> PolicyRules.validate(policy)).isInstanceOfSatisfying(InvalidArgumentException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field, FieldViolation::description)
                        .containsExactly(tuple("policy.rates[2].rate", "SUBSTANDARD rate 0.35 is outside its band [0.20, 0.30]")));
    }

    @Test
    void theBandEdgesAndAOnePercentGeneralReserveAreInside() {
        for (String[] rates : new String[][] {{"0.20", "0.40"}, {"0.30", "0.60"}}) {
            ProvisionPolicy policy = policy(rates[0], "0.25", "0.25", rates[1], "0.01");
            Violations violations = new Violations();
            PBOC_2002.applyTo(policy, violations);
            assertThat(violations.isEmpty()).isTrue();
            PolicyRules.validate(policy);
        }
    }

    @Test
    void aGeneralReserveBelowOnePercentIsNotPboc2002() {
        Violations violations = new Violations();

        PBOC_2002.applyTo(policy("0.25", "0.25", "0.25", "0.50", "0.009"), violations);

        assertThat(violations.list()).extracting(FieldViolation::field).containsExactly("policy.general_reserve_rate");
    }

    @Test
    void aBanksOwnPolicyMayGoBeyondTheRegulation() {
        ProvisionPolicy policy = policy("0.35", "0", "1", "0.70", "0.005");
        Violations violations = new Violations();

        BANK_OWN.applyTo(policy, violations);

        assertThat(violations.isEmpty()).isTrue();
        PolicyRules.validate(policy);
        assertThat(policy.rateOf(LoanCategory.SUBSTANDARD).maxRate).isEqualByComparingTo("1");
    }

    private static ProvisionPolicy policy(String substandard, String substandardMin, String substandardMax, String doubtful, String general) {
        ProvisionPolicy policy = new ProvisionPolicy();
        policy.generalReserveRate = new BigDecimal(general);
        policy.rates.add(rate(LoanCategory.NORMAL, "0", "0", "0"));
        policy.rates.add(rate(LoanCategory.SPECIAL_MENTION, "0.02", "0.02", "0.02"));
        policy.rates.add(rate(LoanCategory.SUBSTANDARD, substandard, substandardMin, substandardMax));
        policy.rates.add(rate(LoanCategory.DOUBTFUL, doubtful, "0", "1"));
        policy.rates.add(rate(LoanCategory.LOSS, "1", "1", "1"));
        return policy;
    }

    private static CategoryRate rate(LoanCategory category, String rate, String min, String max) {
        return CategoryRate.of(category, new BigDecimal(rate), new BigDecimal(min), new BigDecimal(max));
    }

    private static Map<LoanCategory, BigDecimal[]> pbocBands() {
        Map<LoanCategory, BigDecimal[]> bands = new EnumMap<>(LoanCategory.class);
        bands.put(LoanCategory.NORMAL, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        bands.put(LoanCategory.SPECIAL_MENTION, new BigDecimal[] {new BigDecimal("0.02"), new BigDecimal("0.02")});
        bands.put(LoanCategory.SUBSTANDARD, new BigDecimal[] {new BigDecimal("0.20"), new BigDecimal("0.30")});
        bands.put(LoanCategory.DOUBTFUL, new BigDecimal[] {new BigDecimal("0.40"), new BigDecimal("0.60")});
        bands.put(LoanCategory.LOSS, new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE});
        return bands;
    }
}
