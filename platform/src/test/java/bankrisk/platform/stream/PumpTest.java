package bankrisk.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import bankrisk.platform.stream.Source.Batch;

class PumpTest {

    /** A transport with room for {@code room} more messages; the test empties it as a reading client would. */
    static final class Transport implements Outlet<Integer> {
        final List<Integer> sent = new ArrayList<>();
        int room;
        boolean completed;
        Throwable failed;

        Transport(int room) {
            this.room = room;
        }

        @Override
        public boolean isReady() {
            return room > 0;
        }

        @Override
        public void send(Integer message) {
            if (room <= 0) {
                throw new AssertionError("sent while the transport was not ready");
            }
            room--;
            sent.add(message);
        }

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void fail(Throwable failure) {
            failed = failure;
        }
    }

    /** Pages of 10 numbers from 0 to {@code total - 1}; counts how often it was read. */
    static final class Numbers implements Source<Integer> {
        final int total;
        int next;
        int reads;
        boolean closed;
        Runnable wake;

        Numbers(int total) {
            this.total = total;
        }

        @Override
        public void open(Runnable wake) {
            this.wake = wake;
        }

        @Override
        public Batch<Integer> next() {
            reads++;
            int to = Math.min(total, next + 10);
            List<Integer> page = IntStream.range(next, to).boxed().toList();
            next = to;
            return to == total ? Batch.last(page) : Batch.more(page);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final Executor DIRECT = Runnable::run;
    private final List<Pump<Integer>> ended = new ArrayList<>();

    @Test
    void aClientThatDoesNotReadCostsOneBatchAndItsWindow() {
        Numbers source = new Numbers(1_000_000);
        Transport transport = new Transport(25);
        Pump<Integer> pump = new Pump<>(source, transport, DIRECT, ended::add);

        pump.start();

        assertThat(transport.sent).hasSize(25);
        assertThat(source.reads).isEqualTo(3); // 30 read, 25 sent: never more than a batch ahead of the transport
        pump.drain(); // a spurious onReady while still full reads nothing
        assertThat(source.reads).isEqualTo(3);
    }

    @Test
    void aReadingClientGetsEverythingInOrderThenTheStreamCompletes() {
        Numbers source = new Numbers(95);
        Transport transport = new Transport(7);
        Pump<Integer> pump = new Pump<>(source, transport, DIRECT, ended::add);

        pump.start();
        while (!transport.completed) {
            transport.room = 7; // the client read what it had
            pump.drain();
        }

        assertThat(transport.sent).containsExactlyElementsOf(IntStream.range(0, 95).boxed().toList());
        assertThat(source.closed).isTrue();
        assertThat(ended).containsExactly(pump);
    }

    @Test
    void aLiveSourceIsAskedAgainOnlyAfterAWake() {
        List<Integer> committed = new ArrayList<>(List.of(1, 2));
        int[] reads = { 0 };
        Runnable[] wake = new Runnable[1];
        Source<Integer> feed = new Source<>() {
            int position;

            @Override
            public void open(Runnable w) {
                wake[0] = w;
            }

            @Override
            public Batch<Integer> next() {
                reads[0]++;
                List<Integer> news = List.copyOf(committed.subList(position, committed.size()));
                position = committed.size();
                return Batch.caughtUp(news);
            }
        };
        Transport transport = new Transport(100);
        Pump<Integer> pump = new Pump<>(feed, transport, DIRECT, ended::add);

        pump.start();
        pump.drain();
        assertThat(reads[0]).isEqualTo(1);
        committed.add(3);
        wake[0].run();

        assertThat(transport.sent).containsExactly(1, 2, 3);
        assertThat(reads[0]).isEqualTo(2);
        assertThat(transport.completed).isFalse();
    }

    @Test
    void closingEndsAStreamWhoseClientDoesNotRead() {
        Numbers source = new Numbers(1_000);
        Transport transport = new Transport(5);
        Pump<Integer> pump = new Pump<>(source, transport, DIRECT, ended::add);
        pump.start();

        IllegalStateException shutdown = new IllegalStateException("shutting down");
        pump.close(shutdown);

        assertThat(transport.failed).isSameAs(shutdown);
        assertThat(source.closed).isTrue();
        assertThat(ended).containsExactly(pump);
    }

    @Test
    void aCancelledStreamSendsNothingMoreAndClosesItsSourceOnce() {
        Numbers source = new Numbers(1_000);
        Transport transport = new Transport(5);
        Pump<Integer> pump = new Pump<>(source, transport, DIRECT, ended::add);
        pump.start();

        pump.cancel();
        pump.cancel();
        transport.room = 100;
        pump.drain();

        assertThat(transport.sent).hasSize(5);
        assertThat(transport.failed).isNull();
        assertThat(ended).containsExactly(pump);
    }

    @Test
    void aFailingSourceFailsTheStream() {
        Source<Integer> broken = () -> {
            throw new IllegalStateException("database gone");
        };
        Transport transport = new Transport(5);
        Pump<Integer> pump = new Pump<>(broken, transport, DIRECT, ended::add);

        pump.start();

        assertThat(transport.failed).hasMessage("database gone");
        assertThat(pump.isEnded()).isTrue();
    }

    @Test
    void progressKeepsOnlyTheNewestUnsentReportAndAlwaysDeliversTheLast() {
        Transport transport = new Transport(1);
        LatestProgress<Integer> progress = new LatestProgress<>(transport);

        progress.emit(1); // sent: the client reads
        progress.emit(2); // the client has stopped reading: kept
        progress.emit(3); // replaces 2
        progress.emit(4); // replaces 3
        progress.complete();
        assertThat(transport.sent).containsExactly(1);
        assertThat(transport.completed).isFalse();

        transport.room = 10;
        progress.flush(); // onReady

        assertThat(transport.sent).containsExactly(1, 4);
        assertThat(transport.completed).isTrue();
    }

    @Test
    void progressOfACancelledCallIsDropped() {
        Transport transport = new Transport(0);
        LatestProgress<Integer> progress = new LatestProgress<>(transport);
        progress.emit(1);

        progress.cancelled();
        transport.room = 10;
        progress.flush();
        progress.emit(2);

        assertThat(progress.isCancelled()).isTrue();
        assertThat(transport.sent).isEmpty();
    }
}
