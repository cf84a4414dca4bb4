package bankrisk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** Closed-loop load: N callers each issue one blocking call after the other for a fixed time; latency of every call. */
final class Unary {

    record Result(int callers, long calls, double seconds, double p50Millis, double p99Millis) {
        double perSecond() {
            return calls / seconds;
        }

        String describe() {
            return String.format("%,.0f/s p50 %.2f ms p99 %.2f ms", perSecond(), p50Millis, p99Millis);
        }
    }

    private Unary() {
    }

    /** {@code call} gets a running call number (callers use it to pick different keys); a failed call fails the run. */
    static Result measure(int callers, double warmupSeconds, double seconds, IntConsumer call) throws InterruptedException {
        run(callers, warmupSeconds, call);
        return run(callers, seconds, call);
    }

    private static Result run(int callers, double seconds, IntConsumer call) throws InterruptedException {
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[callers];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int t = 0; t < callers; t++) {
            long[] mine = new long[1 << 16];
            latencies.add(mine);
            int id = t;
            Thread th = new Thread(() -> {
                long[] buf = mine;
                int n = 0;
                try {
                    start.await();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        call.accept(id * 1_000_003 + n);
                        long dt = System.nanoTime() - t0;
                        if (n == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                        buf[n++] = dt;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                synchronized (latencies) {
                    latencies.set(id, Arrays.copyOf(buf, n));
                    counts[id] = n;
                }
            }, "caller-" + t);
            threads.add(th);
            th.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed: " + failure.get(), failure.get());
        }
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[(int) total];
        int pos = 0;
        synchronized (latencies) {
            for (long[] l : latencies) {
                System.arraycopy(l, 0, all, pos, l.length);
                pos += l.length;
            }
        }
        Arrays.sort(all);
        if (all.length == 0) {
            throw new IllegalStateException("no call completed in " + seconds + " s");
        }
        return new Result(callers, total, elapsed, all[(int) (all.length * 0.50)] / 1e6, all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6);
    }
}
