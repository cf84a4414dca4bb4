package bankrisk.provision.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import bankrisk.common.error.InvalidArgumentException;

class PolicyRulesTest {

    @Test
    void thePboc2002PolicyAtItsReferenceRatesAndAtEachBandLimitIsAdmissible() {
        assertThatCode(() -> PolicyRules.validate(pboc2002("0.25", "0.50"))).doesNotThrowAnyException();
        assertThatCode(() -> PolicyRules.validate(pboc2002("0.20", "0.40"))).doesNotThrowAnyException();
        assertThatCode(() -> PolicyRules.validate(pboc2002("0.30", "0.60"))).doesNotThrowAnyException();
    }

    @Test
    void aRateJustOutsideItsBandIsRejectedNamingTheBand() {
        assertThatThrownBy(() -> PolicyRules.validate(pboc2002("0.1999", "0.6001")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("policy.rates[2].rate: SUBSTANDARD rate 0.1999 is outside its band [0.20, 0.30]; "
                        + "policy.rates[3].rate: DOUBTFUL rate 0.6001 is outside its band [0.40, 0.60]");
    }

    @Test
    void ratesAbove100PercentOrBelowZeroAreRejected() {
        ProvisionPolicy policy = pboc2002("0.25", "0.50");
        policy.rates.set(4, CategoryRate.of(LoanCategory.LOSS, new BigDecimal("1.01"), BigDecimal.ONE, new BigDecimal("1.01")));
        policy.generalReserveRate = new BigDecimal("-0.01");

        assertThatThrownBy(() -> PolicyRules.validate(policy))
                .hasMessage("policy.rates[4].max_rate.value: 1.01 must be between 0 and 1 (0 % to 100 %); "
                        + "policy.rates[4].rate.value: 1.01 must be between 0 and 1 (0 % to 100 %); "
                        + "policy.general_reserve_rate.value: -0.01 must be between 0 and 1 (0 % to 100 %)");
    }

    @Test
    void everyCategoryExactlyOnce() {
        ProvisionPolicy policy = pboc2002("0.25", "0.50");
        policy.rates.set(1, CategoryRate.of(LoanCategory.NORMAL, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));

        assertThatThrownBy(() -> PolicyRules.validate(policy))
                .hasMessage("policy.rates[1].category: NORMAL appears more than once; "
                        + "policy.rates: missing categories [SPECIAL_MENTION]");
    }

    @Test
    void anInvertedBandIsRejected() {
        ProvisionPolicy policy = pboc2002("0.25", "0.50");
        policy.rates.set(2, CategoryRate.of(LoanCategory.SUBSTANDARD, new BigDecimal("0.25"), new BigDecimal("0.30"), new BigDecimal("0.20")));

        assertThatThrownBy(() -> PolicyRules.validate(policy)).hasMessage("policy.rates[2].min_rate: must not exceed max_rate");
    }

    @Test
    void thePlainRatesOfAPolicyAreItsBaseCategoryRatesAndGeneralRate() {
        PolicyRates rates = pboc2002("0.25", "0.55").policyRates();

        assertThat(rates.base()).isEqualTo(ProvisionBase.OUTSTANDING_BALANCE);
        assertThat(rates.generalReserveRate()).isEqualByComparingTo("0.01");
        assertThat(rates.rate(LoanCategory.SPECIAL_MENTION)).isEqualByComparingTo("0.02");
        assertThat(rates.rate(LoanCategory.SUBSTANDARD)).isEqualByComparingTo("0.25");
        assertThat(rates.rate(LoanCategory.DOUBTFUL)).isEqualByComparingTo("0.55");
        assertThat(rates.rate(LoanCategory.LOSS)).isEqualByComparingTo("1");
    }

    @Test
    void plainRatesNeedAllFiveCategories() {
        assertThatThrownBy(() -> new PolicyRates(ProvisionBase.OUTSTANDING_BALANCE, Map.of(LoanCategory.NORMAL, BigDecimal.ZERO),
                BigDecimal.ZERO)).hasMessage("no rate for SPECIAL_MENTION");
    }

    static ProvisionPolicy pboc2002(String substandard, String doubtful) {
        ProvisionPolicy policy = new ProvisionPolicy();
        policy.policyCode = "PBOC-2002";
        policy.version = 2;
        policy.name = "PBOC 2002";
        policy.effectiveFrom = LocalDate.of(2002, 4, 2);
        policy.generalReserveRate = new BigDecimal("0.01");
        policy.base = ProvisionBase.OUTSTANDING_BALANCE;
        policy.rates.add(rate(LoanCategory.NORMAL, "0", "0", "0"));
        policy.rates.add(rate(LoanCategory.SPECIAL_MENTION, "0.02", "0.02", "0.02"));
        policy.rates.add(rate(LoanCategory.SUBSTANDARD, substandard, "0.20", "0.30"));
        policy.rates.add(rate(LoanCategory.DOUBTFUL, doubtful, "0.40", "0.60"));
        policy.rates.add(rate(LoanCategory.LOSS, "1", "1", "1"));
        return policy;
    }

    private static CategoryRate rate(LoanCategory category, String rate, String min, String max) {
        return CategoryRate.of(category, new BigDecimal(rate), new BigDecimal(min), new BigDecimal(max));
    }
}
