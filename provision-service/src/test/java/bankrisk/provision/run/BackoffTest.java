package bankrisk.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void theWaitBeforeEachAttemptLiesBetweenHalfItsCeilingAndTheCeilingWhichDoubles() {
        assertThat(Backoff.beforeAttempt(2, INITIAL, MAX, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(Backoff.beforeAttempt(2, INITIAL, MAX, 0.999_999)).isEqualTo(Duration.ofMillis(999));
        assertThat(Backoff.beforeAttempt(3, INITIAL, MAX, 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(Backoff.beforeAttempt(3, INITIAL, MAX, 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Backoff.beforeAttempt(4, INITIAL, MAX, 0.0)).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void untilTheMaximumCapsThemTheShortestNextWaitIsNeverShorterThanTheLongestWaitBefore() {
        // Ceilings 1, 2, 4, 8, 16 s before attempts 2 to 6; 30 s (capped) from attempt 7.
        for (int attempt = 2; attempt < 6; attempt++) {
            assertThat(Backoff.beforeAttempt(attempt + 1, INITIAL, MAX, 0.0))
                    .isGreaterThanOrEqualTo(Backoff.beforeAttempt(attempt, INITIAL, MAX, 0.999_999));
        }
    }

    @Test
    void theCeilingStopsAtTheMaximumAndTheFirstAttemptDoesNotWait() {
        assertThat(Backoff.beforeAttempt(40, INITIAL, MAX, 0.0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(Backoff.beforeAttempt(40, INITIAL, MAX, 0.999_999)).isLessThanOrEqualTo(MAX);
        assertThat(Backoff.beforeAttempt(1, INITIAL, MAX, 0.5)).isZero();
    }
}
