package bankrisk.tiering.grpc;

import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Executor;

import bank.tiering.v1.TierChange;
import bankrisk.tiering.evaluation.TierQueries;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One WatchTierChanges subscriber: replays the changes of every evaluated month from the requested one, then the
 * changes of each month this instance evaluates later (a forced re-run sends its month again). Months are read page
 * by page (keyset on the customer number); delivery is serialised per subscriber and at least once (a month committed
 * while the replay runs may come twice).
 */
final class TierChangeWatch {

    private static final int PAGE = 1000;

    private final YearMonth from;
    private final MultiEmitter<? super TierChange> emitter;
    private final TierQueries queries;
    private final Executor worker;

    TierChangeWatch(YearMonth from, MultiEmitter<? super TierChange> emitter, TierQueries queries, Executor worker) {
        this.from = from;
        this.emitter = emitter;
        this.queries = queries;
        this.worker = worker;
    }

    void replay() {
        worker.execute(() -> {
            try {
                for (YearMonth month : queries.evaluatedMonthsFrom(from)) {
                    send(month);
                }
            } catch (RuntimeException failure) {
                emitter.fail(failure);
            }
        });
    }

    void evaluated(YearMonth month) {
        if (!month.isBefore(from)) {
            worker.execute(() -> {
                try {
                    send(month);
                } catch (RuntimeException failure) {
                    emitter.fail(failure);
                }
            });
        }
    }

    private synchronized void send(YearMonth month) {
        String after = "";
        while (!emitter.isCancelled()) {
            List<TierQueries.Change> page = queries.changesOfMonth(month, after, PAGE);
            page.forEach(change -> emitter.emit(TierMapper.toProto(change)));
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).customerNumber();
        }
    }
}
