package bankrisk.loanrisk.facts;

/** Counts of one facts load; a retried load has every row in {@code factsUnchanged}. */
public record LoadResult(long rowsReceived, long factsInserted, long factsUpdated, long factsUnchanged, long loansRegistered,
        long loansUpdated) {
}
