package bankrisk.api.error;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;

import bankrisk.common.error.RunInProgressException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The status of a month-end run refused because the same run is in progress (on any replica): {@code ABORTED}
 * ("retry at a higher level") with {@code google.rpc.ErrorInfo} reason {@code RUN_IN_PROGRESS}, domain
 * {@link GrpcErrors#ERROR_DOMAIN} and metadata {@code job_id} (the running job) and {@code run_key}.
 */
public final class RunInProgressStatus {

    private RunInProgressStatus() {
    }

    public static StatusRuntimeException of(RunInProgressException e) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.ABORTED_VALUE)
                .setMessage(e.getMessage())
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(RunInProgressException.REASON)
                        .setDomain(GrpcErrors.ERROR_DOMAIN)
                        .putMetadata("job_id", e.jobId())
                        .putMetadata("run_key", e.runKey())
                        .build()))
                .build());
    }
}
