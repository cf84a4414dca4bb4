package bankrisk.provision.returns;

import java.math.BigDecimal;
import java.util.Optional;

import bankrisk.common.money.Rates;

/**
 * A ratio of the returns with its parts. Not applicable when the denominator is not positive (no year-start loans of
 * the category left after their decrease, or no NPL): reported as such, never as 0 or an error.
 */
public record ReturnRatio(String code, BigDecimal numerator, BigDecimal denominator) {

    public boolean applicable() {
        return denominator.signum() > 0;
    }

    /** numerator ÷ denominator to 8 decimals, half-up; empty when not applicable. */
    public Optional<BigDecimal> value() {
        return applicable() ? Optional.of(Rates.ratio(numerator, denominator)) : Optional.empty();
    }
}
