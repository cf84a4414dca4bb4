package bankrisk.api.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bank.common.v1.Money;
import bankrisk.common.error.Violations;

class DecimalsTest {

    @Test
    void readsPlainDecimalsExactly() {
        Violations violations = new Violations();

        assertThat(Decimals.parse("-1234.5678", "x", violations)).isEqualByComparingTo("-1234.5678");
        assertThat(Decimals.parse("0.1", "x", violations)).isEqualTo(new BigDecimal("0.1"));
        assertThat(Decimals.parse("-123456789012345678.123456789012", "x", violations))
                .isEqualTo(new BigDecimal("-123456789012345678.123456789012"));
        assertThat(Decimals.parseAmount(Money.newBuilder().setAmount("7.100").build(), "x", violations)).isEqualTo(new BigDecimal("7.10"));
        assertThat(violations.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1e400", "+1", "1,000.00", " 1", "1.", ".5", "NaN", "Infinity", "0x10",
            "1234567890123456789", "1.1234567890123", "１２", "-", "--1", "1-", "-.5", "1.2.3", "1.-2", "1 " })
    void rejectsAnythingButThePlainNotation(String text) {
        Violations violations = new Violations();

        assertThat(Decimals.parse(text, "rate.value", violations)).isNull();
        assertThat(violations.isEmpty()).isFalse();
    }

    @Test
    void amountsHaveAtMostTwoDecimalsAndComeBackAtScaleTwo() {
        Violations violations = new Violations();
        Money ok = Money.newBuilder().setAmount("50000").setCurrencyCode("CNY").build();
        Money tooFine = Money.newBuilder().setAmount("0.001").setCurrencyCode("CNY").build();

        assertThat(Decimals.parseAmount(ok, "balance", violations)).isEqualTo(new BigDecimal("50000.00"));
        assertThat(Decimals.parseAmount(tooFine, "balance", violations)).isNull();
        assertThatOnlyViolation(violations, "balance.amount: has more than 2 decimals");
    }

    @Test
    void currenciesMustBeKnownIsoCodes() {
        Violations violations = new Violations();

        assertThat(Decimals.parseCurrency("USD", "c", violations)).isEqualTo("USD");
        assertThat(Decimals.parseCurrency("usd", "c", violations)).isNull();
        assertThat(Decimals.parseCurrency("XYZ", "c", violations)).isNull();
        assertThat(violations.isEmpty()).isFalse();
    }

    @Test
    void writesAmountsWithTwoDecimalsRoundedHalfUp() {
        assertThat(Decimals.toMoney(new BigDecimal("1.005"), "CNY").getAmount()).isEqualTo("1.01");
        assertThat(Decimals.toMoney(new BigDecimal("7"), "CNY").getAmount()).isEqualTo("7.00");
    }

    private static void assertThatOnlyViolation(Violations violations, String expected) {
        try {
            violations.throwIfAny();
        } catch (bankrisk.common.error.InvalidArgumentException e) {
            assertThat(e.getMessage()).isEqualTo(expected);
            return;
        }
        throw new AssertionError("expected a violation");
    }
}
