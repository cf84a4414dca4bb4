package bankrisk.tiering.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import bankrisk.tiering.projection.BalanceNeeded.Status;

/**
 * The balance needed at the rounding edge: the amount reaches the bound once the average is rounded half-up to the
 * fen, one fen less misses it, and the answer is below the naive ceiling of (bound × days − sum) ÷ days left.
 */
class BalanceNeededTest {

    private static final BigDecimal FEN = new BigDecimal("0.01");

    @ParameterizedTest(name = "{0}-day month, {1} days left: {4}")
    @CsvSource({
            // 31 days (Oct), business date the 20th: 20 days × 40,000 = 800,000 so far. Reaching 50,000.00 needs
            // (800,000 + 11X) ÷ 31 ≥ 49,999.995, 11X ≥ 749,999.845, X ≥ 68,181.8040… → 68,181.81 (naive 68,181.82).
            // 800,000 + 11 × 68,181.81 = 1,549,999.91; ÷ 31 = 49,999.9971 → 50,000.00. With 68,181.80: 49,999.9935 → 49,999.99.
            "31, 11, 800000, 50000.00, 68181.81",
            // 30 days (Nov), the 15th: 15 × 7,000,000 = 105,000,000. 30 × 7,999,999.995 = 239,999,999.85;
            // − 105,000,000 = 134,999,999.85; ÷ 15 = 8,999,999.99 exactly (naive 9,000,000.00): the average is
            // 7,999,999.995, exactly half a fen below, and half-up lifts it to 8,000,000.00.
            "30, 15, 105000000, 8000000.00, 8999999.99",
            // 29 days (Feb 2024), the 28th: 28 × 49,000 = 1,372,000. 29 × 49,999.995 = 1,449,999.855; − 1,372,000 =
            // 77,999.855 → 77,999.86 (naive 78,000.00, 14 fen more). 1,449,999.86 ÷ 29 = 49,999.99517 → 50,000.00;
            // 77,999.85: 1,449,999.85 ÷ 29 = 49,999.99483 → 49,999.99.
            "29, 1, 1372000, 50000.00, 77999.86",
            // 28 days (Feb 2026), the 10th: 10 × 250,000 = 2,500,000. 28 × 299,999.995 = 8,399,999.86; − 2,500,000
            // = 5,899,999.86; ÷ 18 = 327,777.77 exactly (naive 327,777.78); the average is 299,999.995 → 300,000.00.
            "28, 18, 2500000, 300000.00, 327777.77",
            // A sum with the FX rate's and weight's decimals (USD at 7.1025 × 0.8): 31 days, the 1st, 1 day so far of
            // 123,456.789012 weighted CNY. 31 × 299,999.995 = 9,299,999.845; − 123,456.789012 = 9,176,543.055988;
            // ÷ 30 = 305,884.7685329… → 305,884.77 (naive (9,300,000 − 123,456.789012) ÷ 30 = 305,884.7737 → .78).
            "31, 30, 123456.789012, 300000.00, 305884.77" })
    void theLowestAmountReachesTheBoundAndOneFenLessMisses(int days, int left, String sum, String bound, String expected) {
        BigDecimal sumSoFar = new BigDecimal(sum);
        BigDecimal tier = new BigDecimal(bound);

        BalanceNeeded needed = BalanceNeeded.toReach(tier, sumSoFar, days, left);

        assertThat(needed.status()).isEqualTo(Status.NEEDED);
        assertThat(needed.amount()).isEqualByComparingTo(expected);
        assertThat(BalanceNeeded.monthAverage(sumSoFar, needed.amount(), days, left)).isGreaterThanOrEqualTo(tier);
        assertThat(BalanceNeeded.monthAverage(sumSoFar, needed.amount().subtract(FEN), days, left)).isLessThan(tier);
    }

    @Test
    void daysSoFarThatReachTheBoundAloneAreSecured() {
        // 31 days, the 25th: 25 × 62,000 = 1,550,000; 1,550,000 ÷ 31 = 50,000.00 even with 0 from the 26th on.
        BalanceNeeded needed = BalanceNeeded.toReach(new BigDecimal("50000.00"), new BigDecimal("1550000"), 31, 6);

        assertThat(needed.status()).isEqualTo(Status.SECURED);
        assertThat(needed.amount()).isEqualByComparingTo("0");
    }

    @Test
    void halfAFenBelowTheBoundSoFarIsSecuredByTheRounding() {
        // 28 days, the 28th: 1,399,999.86 ÷ 28 = 49,999.995 → 50,000.00 (half-up), so nothing more is needed.
        assertThat(BalanceNeeded.toReach(new BigDecimal("50000.00"), new BigDecimal("1399999.86"), 28, 0).status())
                .isEqualTo(Status.SECURED);
    }

    @Test
    void onTheMonthsLastDayAMissedBoundIsOutOfReach() {
        // 30 days, the 30th: 1,499,999.55 ÷ 30 = 49,999.985 → 49,999.99 < 50,000.00 and no day is left.
        BalanceNeeded needed = BalanceNeeded.toReach(new BigDecimal("50000.00"), new BigDecimal("1499999.55"), 30, 0);

        assertThat(needed.status()).isEqualTo(Status.OUT_OF_REACH);
        assertThat(needed.amount()).isNull();
    }

    @Test
    void agreesWithTheClosedFormOfHalfUpRoundingForEveryMonthLength() {
        // The closed form the unit cases above were worked out with: X = ⌈(days × (bound − 0.005) − sum) ÷ left⌉ to
        // the fen. Independent of BalanceNeeded's search; 20,000 seeded cases over months of 28..31 days.
        Random random = new Random(20261203);
        for (int i = 0; i < 20_000; i++) {
            int days = 28 + random.nextInt(4);
            int left = 1 + random.nextInt(days - 1);
            BigDecimal bound = BigDecimal.valueOf(1 + random.nextInt(10_000_000)).movePointLeft(random.nextInt(3));
            BigDecimal sum = BigDecimal.valueOf(random.nextLong(1_000_000_000_000L)).movePointLeft(random.nextInt(7));
            BigDecimal closed = BigDecimal.valueOf(days).multiply(bound.subtract(new BigDecimal("0.005"))).subtract(sum)
                    .divide(BigDecimal.valueOf(left), 2, RoundingMode.CEILING);

            BalanceNeeded needed = BalanceNeeded.toReach(bound, sum, days, left);

            if (closed.signum() <= 0) {
                assertThat(needed.status()).as("case %d", i).isEqualTo(Status.SECURED);
            } else {
                assertThat(needed.amount()).as("case %d: %s days, %s left, sum %s, bound %s", i, days, left, sum, bound)
                        .isEqualByComparingTo(closed);
            }
        }
    }
}
