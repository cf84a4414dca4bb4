package bankrisk.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place that decides how money is rounded: to the fen (0.01), half-up.
 *
 * <p>Every amount that leaves a calculation (an average balance, a provision, a total) passes through
 * {@link #round(BigDecimal)} exactly once, at the end; intermediate sums keep full precision.
 */
public final class Amounts {

    /** Minor-unit scale of amounts: 0.01 (the fen, the cent). */
    public static final int SCALE = 2;

    /** Half-up, the rounding that Chinese accounting rules and the domain notes prescribe. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    /** Zero at the amount scale. */
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Amounts() {
    }

    /** Rounds a finished amount to the fen, half-up. */
    public static BigDecimal round(BigDecimal value) {
        return value.setScale(SCALE, ROUNDING);
    }

    /** Divides a sum by a count and rounds the quotient once, to the fen, half-up. */
    public static BigDecimal divide(BigDecimal sum, long divisor) {
        return sum.divide(BigDecimal.valueOf(divisor), SCALE, ROUNDING);
    }

    /** 萬元 (ten thousand yuan): the unit of the regulator's 1104 returns. */
    public static final BigDecimal WAN = BigDecimal.valueOf(10_000);

    /**
     * An amount in yuan expressed in 萬元 to two decimals, half-up, as the 1104 forms are filled: rounded once, from the
     * exact yuan amount (never from an already rounded figure).
     */
    public static BigDecimal toWan(BigDecimal yuan) {
        return yuan.divide(WAN, SCALE, ROUNDING);
    }

    /** True when the amount has no more than two decimals, i.e. it is already an exact amount of fen. */
    public static boolean isWholeFen(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= SCALE;
    }
}
