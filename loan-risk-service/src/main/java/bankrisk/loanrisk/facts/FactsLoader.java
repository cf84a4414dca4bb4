package bankrisk.loanrisk.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.security.Actor;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.platform.load.RowLimit;
import bankrisk.platform.load.StagedLoad;
import bankrisk.platform.load.StagedLoads;

/**
 * Loads dated loan facts (and the loans' book data) on the staged-load skeleton ({@link StagedLoads}, merge in
 * {@link FactsLoad}): rows are checked and staged as they stream in, with bounded memory; the whole stream is one
 * atomic batch that commits only while its caller waits; a retried load changes nothing. At most
 * {@code loanrisk.max-rows-per-load-stream} rows per stream.
 */
@ApplicationScoped
public class FactsLoader {

    private final StagedLoads loads;
    private final RowLimit limit;

    @Inject
    FactsLoader(StagedLoads loads, LoanRiskConfig config) {
        this.loads = loads;
        // The contract answers a longer stream with RESOURCE_EXHAUSTED.
        this.limit = new RowLimit(config.maxRowsPerLoadStream(), "loanrisk.max-rows-per-load-stream",
                RowLimit.Answer.RESOURCE_EXHAUSTED);
    }

    /** Starts a streamed load (LoadLoanFacts, LoadLoanFactsBatches); the caller feeds rows in stream order. */
    public StagedLoad<FactsRow, LoadResult> stream(Actor actor) {
        return loads.stream(new FactsLoad(limit), actor);
    }
}
