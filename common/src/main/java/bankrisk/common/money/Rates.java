package bankrisk.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place that decides the precision of rates and ratios (provision rates, coverage ratios, FX rates):
 * 8 decimals, half-up. Ratios are reported with this precision; amounts derived from a rate are rounded by
 * {@link Amounts}.
 */
public final class Rates {

    /** Decimals kept for a rate or a ratio: 0.00000001, enough for FX rates and basis-point ratios. */
    public static final int SCALE = 8;

    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private Rates() {
    }

    /** Normalises a rate to the rate scale. */
    public static BigDecimal round(BigDecimal rate) {
        return rate.setScale(SCALE, ROUNDING);
    }

    /** numerator ÷ denominator as a ratio; zero when the denominator is zero (an empty book has no ratio to breach). */
    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0) {
            return BigDecimal.ZERO.setScale(SCALE);
        }
        return numerator.divide(denominator, SCALE, ROUNDING);
    }
}
