package bankrisk.provision.movement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import bankrisk.provision.movement.MovementLine.Kind;
import bankrisk.provision.policy.LoanCategory;

class MovementLineTest {

    @Test
    void openingPlusChargesMinusReleasesMinusWriteOffsPlusRecoveriesIsClosing() {
        // Loss: opened at 17000.01, a 7000.00 loan written off, the rest unchanged.
        MovementLine loss = line(LoanCategory.LOSS, "17000.01", "0.00", "0.00", "7000.00", "0.00", "0.00", "10000.01");
        // 100.00 + 20.00 − 5.00 − 30.00 − 0.00 + 15.00 = 100.00
        MovementLine withRecovery = line(LoanCategory.LOSS, "100.00", "20.00", "5.00", "30.00", "0.00", "15.00", "100.00");
        // Substandard: 1000.00 + 500.00 (top-up) − 0 − 0 − 1500.00 (4000.00 sold at 2500.00) + 0 = 0.00
        MovementLine withTransfer = line(LoanCategory.SUBSTANDARD, "1000.00", "500.00", "0.00", "0.00", "1500.00", "0.00", "0.00");
        MovementLine wrong = line(LoanCategory.LOSS, "100.00", "20.00", "5.00", "30.00", "0.00", "15.00", "100.01");

        assertThat(loss.rollsForward()).isTrue();
        assertThat(withTransfer.rollsForward()).isTrue();
        assertThat(withRecovery.rolledForward()).isEqualByComparingTo("100.00");
        assertThat(withRecovery.rollsForward()).isTrue();
        assertThat(wrong.rollsForward()).isFalse();
    }

    @Test
    void aRecomputedReserveMovesByAChargeOrARelease() {
        MovementLine down = MovementLine.ofChange(Kind.GENERAL_RESERVE, new BigDecimal("14885.00"), new BigDecimal("14667.90"));
        MovementLine up = MovementLine.ofChange(Kind.GENERAL_RESERVE, new BigDecimal("100.00"), new BigDecimal("100.01"));

        assertThat(down.charges()).isEqualByComparingTo("0.00");
        assertThat(down.releases()).isEqualByComparingTo("217.10");
        assertThat(down.rollsForward()).isTrue();
        assertThat(up.charges()).isEqualByComparingTo("0.01");
        assertThat(up.releases()).isEqualByComparingTo("0.00");
        assertThat(up.rollsForward()).isTrue();
    }

    @Test
    void rowsThatRollForwardAddUpToATotalThatRollsForward() {
        MovementLine specialMention = line(LoanCategory.SPECIAL_MENTION, "2500.00", "4066.67", "2500.00", "0.00", "0.00", "0.00", "4066.67");
        MovementLine substandard = line(LoanCategory.SUBSTANDARD, "1000.00", "30864.20", "1000.00", "0.00", "0.00", "0.00", "30864.20");

        MovementLine total = specialMention.plus(substandard, Kind.TOTAL);

        assertThat(total.opening()).isEqualByComparingTo("3500.00");
        assertThat(total.charges()).isEqualByComparingTo("34930.87");
        assertThat(total.closing()).isEqualByComparingTo("34930.87");
        assertThat(total.rollsForward()).isTrue();
    }

    private static MovementLine line(LoanCategory category, String... amounts) {
        return new MovementLine(Kind.CATEGORY, category, new BigDecimal(amounts[0]), new BigDecimal(amounts[1]), new BigDecimal(amounts[2]),
                new BigDecimal(amounts[3]), new BigDecimal(amounts[4]), new BigDecimal(amounts[5]), new BigDecimal(amounts[6]));
    }
}
