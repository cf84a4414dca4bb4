package bankrisk.provision.run;

import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * The loan-risk snapshot of a date, read over gRPC (never from loan-risk's tables). Implementations throw
 * {@link UpstreamUnavailableException} when loan-risk cannot be reached and
 * {@link bankrisk.common.error.FailedPreconditionException} when it has no such snapshot or sends a row that cannot
 * be provisioned.
 */
public interface SnapshotSource {

    SnapshotHeader snapshot(LocalDate asOf);

    /**
     * Passes every graded loan of the snapshot to {@code sink}, in the snapshot's loan-id order, as fast as the
     * sink takes them. When the sink throws, the stream is cancelled and the exception propagates.
     */
    void forEachGrade(String snapshotId, Consumer<GradedLoan> sink);
}
