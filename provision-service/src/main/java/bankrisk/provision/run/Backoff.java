package bankrisk.provision.run;

import java.time.Duration;

/**
 * Exponential back-off with "equal jitter": the wait before attempt n (n ≥ 2) is half of
 * {@code min(initial × 2^(n-2), max)} plus a random share of the other half. So each wait is at least the longest
 * the previous one could have been (until {@code max} caps them), while replicas that failed together spread out.
 */
public final class Backoff {

    private Backoff() {
    }

    /** @param random uniform in [0, 1) */
    public static Duration beforeAttempt(int attempt, Duration initial, Duration max, double random) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        long ceiling = initial.toMillis();
        for (int i = 2; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random * (ceiling - half)));
    }
}
