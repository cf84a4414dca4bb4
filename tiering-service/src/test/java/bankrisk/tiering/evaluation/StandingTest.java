package bankrisk.tiering.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandingTest {

    @Test
    void withoutGraceACustomerDropsAtOnceToTheTierTheMonthSupports() {
        assertThat(Standing.next(new Standing(3, 0, false), 1, 0)).isEqualTo(new Standing(1, 0, false));
    }

    @Test
    void upgradesAreImmediateAndResetTheCount() {
        assertThat(Standing.next(Standing.NONE, 4, 3)).isEqualTo(new Standing(4, 0, false));
        assertThat(Standing.next(new Standing(2, 2, true), 3, 3)).isEqualTo(new Standing(3, 0, false));
    }

    @Test
    void graceHoldsTheTierForNMonthsBelowThenDropsSeveralStepsToTheLatestMonth() {
        Standing month1 = Standing.next(new Standing(3, 0, false), 2, 2);
        Standing month2 = Standing.next(month1, 1, 2);
        Standing month3 = Standing.next(month2, 0, 2);

        assertThat(month1).isEqualTo(new Standing(3, 1, true));
        assertThat(month2).isEqualTo(new Standing(3, 2, true));
        assertThat(month3).isEqualTo(new Standing(0, 0, false));
    }

    @Test
    void qualifyingAgainDuringGraceEndsTheWatch() {
        Standing below = Standing.next(new Standing(2, 0, false), 1, 3);
        Standing back = Standing.next(below, 2, 3);
        Standing belowAgain = Standing.next(back, 1, 3);

        assertThat(back).isEqualTo(new Standing(2, 0, false));
        assertThat(belowAgain).isEqualTo(new Standing(2, 1, true));
    }
}
