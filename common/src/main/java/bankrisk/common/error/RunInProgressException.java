package bankrisk.common.error;

/**
 * A month-end run (a month's tier evaluation, an as-of date's classification, a provision run) is already running
 * for the same key, on this replica or another one. Carries the running job's id so the caller can wait and ask
 * again; the gRPC adapters map it to {@code ABORTED} with {@code ErrorInfo} reason {@link #REASON} and metadata
 * {@code job_id} and {@code run_key}.
 */
public final class RunInProgressException extends DomainException {

    public static final String REASON = "RUN_IN_PROGRESS";

    private final String jobId;
    private final String runKey;

    public RunInProgressException(String runKey, String jobId) {
        super("a run of " + runKey + " is already in progress (job " + (jobId.isEmpty() ? "unknown" : jobId)
                + "); ask again when it has finished to get its result");
        this.runKey = runKey;
        this.jobId = jobId;
    }

    /** The running job's id; empty in the rare case it finished between our attempt and the look-up. */
    public String jobId() {
        return jobId;
    }

    public String runKey() {
        return runKey;
    }
}
