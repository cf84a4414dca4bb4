package bankrisk.provision.returns;

import java.util.function.Consumer;

/**
 * loan-risk's flows between two snapshots (StreamSnapshotFlows), read over gRPC as a stream: every loan on the book in
 * either, those that left included. Implementations throw {@link bankrisk.provision.run.UpstreamUnavailableException}
 * when loan-risk cannot be reached and FAILED_PRECONDITION for a row that cannot be reported.
 */
public interface FlowSource {

    void forEachFlow(String fromSnapshotId, String toSnapshotId, Consumer<LoanFlowFact> sink);
}
