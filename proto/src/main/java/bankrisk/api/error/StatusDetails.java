package bankrisk.api.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;

import io.grpc.protobuf.StatusProto;

/** Reads the {@code google.rpc} details of a failed call, for Java clients of the services (and their tests). */
public final class StatusDetails {

    private StatusDetails() {
    }

    /** The field violations of an INVALID_ARGUMENT failure, field path → reason, in the server's order. */
    public static Map<String, String> fieldViolations(Throwable failure) {
        Map<String, String> violations = new LinkedHashMap<>();
        detail(failure, BadRequest.class).ifPresent(badRequest -> badRequest.getFieldViolationsList()
                .forEach(v -> violations.merge(v.getField(), v.getDescription(), (a, b) -> a + "; " + b)));
        return violations;
    }

    /** The machine-readable reason of a FAILED_PRECONDITION failure, e.g. {@code OVERRIDE_BETTER_THAN_FLOOR}. */
    public static Optional<String> reason(Throwable failure) {
        return detail(failure, ErrorInfo.class).map(ErrorInfo::getReason);
    }

    /** The first detail of the given type carried by a failed call. */
    public static <T extends Message> Optional<T> detail(Throwable failure, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        if (status == null) {
            return Optional.empty();
        }
        for (Any any : status.getDetailsList()) {
            if (any.is(type)) {
                try {
                    return Optional.of(any.unpack(type));
                } catch (InvalidProtocolBufferException corrupt) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
