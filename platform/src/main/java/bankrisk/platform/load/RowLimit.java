package bankrisk.platform.load;

/**
 * The most rows one streamed load may carry, the configuration key that sets it, and how the row over it is refused:
 * each service's contract documents its answer (tiering's names the row as INVALID_ARGUMENT, loan-risk's is
 * RESOURCE_EXHAUSTED). Either way the load ends at once and stores nothing.
 */
public record RowLimit(long maxRows, String key, Answer answer) {

    public enum Answer {
        /** INVALID_ARGUMENT: the violations found so far and the row over the limit ({@code balances[<limit>]}). */
        INVALID_ARGUMENT,
        /** RESOURCE_EXHAUSTED naming the limit. */
        RESOURCE_EXHAUSTED
    }

    String message() {
        return "the stream has more than " + maxRows + " rows (" + key + "); split the load into several streams";
    }
}
