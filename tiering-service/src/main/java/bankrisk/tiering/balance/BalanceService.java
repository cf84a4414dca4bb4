package bankrisk.tiering.balance;

import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.security.Actor;
import bankrisk.platform.load.RowLimit;
import bankrisk.platform.load.RowReader;
import bankrisk.platform.load.StagedLoad;
import bankrisk.platform.load.StagedLoads;

/**
 * Loads end-of-day balances on the staged-load skeleton ({@link StagedLoads}, merge in {@link BalanceLoad}): a load is
 * all or nothing, memory stays bounded, a retried load replaces rather than adds, and a load commits only while its
 * caller waits. A streamed load has at most {@code tiering.load.max-rows-per-stream} rows, a unary put at most
 * {@code tiering.put-balances.max-rows}.
 */
@ApplicationScoped
public class BalanceService {

    public static final String LOADED = "BALANCES_LOADED";

    private final StagedLoads loads;
    private final Clock clock;
    private final RowLimit streamLimit;
    private final int maxRowsPerPut;

    @Inject
    public BalanceService(StagedLoads loads, Clock clock,
            @ConfigProperty(name = "tiering.load.max-rows-per-stream", defaultValue = "10000000") long maxRowsPerStream,
            @ConfigProperty(name = "tiering.put-balances.max-rows", defaultValue = "10000") int maxRowsPerPut) {
        this.loads = loads;
        this.clock = clock;
        // The contract names the row over the limit as INVALID_ARGUMENT (field balances[<limit>]).
        this.streamLimit = new RowLimit(maxRowsPerStream, "tiering.load.max-rows-per-stream", RowLimit.Answer.INVALID_ARGUMENT);
        this.maxRowsPerPut = maxRowsPerPut;
    }

    /** Starts a streamed load (LoadBalances); the caller feeds rows in order, then finishes or aborts it. */
    public StagedLoad<BalanceRow, LoadResult> stream(Actor actor) {
        return loads.stream(new BalanceLoad(clock, streamLimit), actor);
    }

    /** Loads a few rows at once (PutBalances), with the semantics of a streamed load, on one connection. */
    public LoadResult put(Actor actor, List<RowReader<BalanceRow>> rows, BooleanSupplier callerWaiting) {
        if (rows.size() > maxRowsPerPut) {
            throw new InvalidArgumentException("balances", "has " + rows.size() + " rows; at most " + maxRowsPerPut
                    + " per call (tiering.put-balances.max-rows): use LoadBalances for more");
        }
        StagedLoad<BalanceRow, LoadResult> load = loads.request(new BalanceLoad(clock, streamLimit), actor);
        try {
            rows.forEach(load::accept);
            return load.finish(callerWaiting);
        } finally {
            load.abort();
        }
    }
}
