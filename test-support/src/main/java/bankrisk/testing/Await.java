package bankrisk.testing;

import java.time.Duration;

/** Polling for a condition the test cannot be told about (a row committed, a probe answering). */
public final class Await {

    /** A condition that may throw (JDBC, HTTP). */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Polls {@code check} every {@code every} until it holds; returns how long that took, fails after {@code timeout}. */
    public static Duration until(String what, Duration timeout, Duration every, Check check) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(every.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
