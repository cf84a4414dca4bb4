package bankrisk.common.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void roundsHalfUpToTheFen() {
        assertThat(Amounts.round(new BigDecimal("0.005"))).isEqualTo(new BigDecimal("0.01"));
        assertThat(Amounts.round(new BigDecimal("0.00499"))).isEqualTo(new BigDecimal("0.00"));
        assertThat(Amounts.round(new BigDecimal("-0.005"))).isEqualTo(new BigDecimal("-0.01"));
    }

    @Test
    void dividesOnceAndRoundsTheQuotient() {
        // A month-sum divided by 31 days, rounded once at the end.
        assertThat(Amounts.divide(new BigDecimal("1550000.00"), 31)).isEqualTo(new BigDecimal("50000.00"));
        assertThat(Amounts.divide(new BigDecimal("100.00"), 3)).isEqualTo(new BigDecimal("33.33"));
        assertThat(Amounts.divide(new BigDecimal("200.00"), 3)).isEqualTo(new BigDecimal("66.67"));
    }

    @Test
    void knowsWholeFen() {
        assertThat(Amounts.isWholeFen(new BigDecimal("1.10"))).isTrue();
        assertThat(Amounts.isWholeFen(new BigDecimal("1.100"))).isTrue();
        assertThat(Amounts.isWholeFen(new BigDecimal("1.101"))).isFalse();
    }

    @Test
    void ratiosOfAnEmptyBookAreZero() {
        assertThat(Rates.ratio(new BigDecimal("3"), BigDecimal.ZERO)).isEqualTo(new BigDecimal("0E-8"));
        assertThat(Rates.ratio(new BigDecimal("1"), new BigDecimal("3"))).isEqualTo(new BigDecimal("0.33333333"));
    }

    @Test
    void tenThousandYuanAreRoundedOnceHalfUpToTwoDecimals() {
        // 742345.67 / 10000 = 74.234567 → 74.23; 4999.99 / 10000 = 0.499999 → 0.50; 49.99 → 0.004999 → 0.00
        assertThat(Amounts.toWan(new BigDecimal("742345.67"))).isEqualTo(new BigDecimal("74.23"));
        assertThat(Amounts.toWan(new BigDecimal("4999.99"))).isEqualTo(new BigDecimal("0.50"));
        assertThat(Amounts.toWan(new BigDecimal("49.99"))).isEqualTo(new BigDecimal("0.00"));
        assertThat(Amounts.toWan(new BigDecimal("-15000.00"))).isEqualTo(new BigDecimal("-1.50"));
    }
}
