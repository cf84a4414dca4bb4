package bankrisk.provision.run;

/** How far a provisioning run has come; streamed to the caller while it works. */
public record RunProgress(Phase phase, long loansDone, long loansTotal, int attempt, String message) {

    public enum Phase {
        /** The snapshot header was read; streaming starts. */
        SNAPSHOT_FOUND,
        /** Lines are being computed and written. */
        PROVISIONING,
        /** loan-risk became unavailable; the stream restarts from scratch after a back-off. */
        RETRYING,
        /** The run is complete and visible. */
        COMPLETED,
        /** A completed run with the same inputs already existed and is returned instead of a new one. */
        REUSED
    }
}
