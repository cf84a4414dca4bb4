package bankrisk.api.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import com.google.rpc.ResourceInfo;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.CallerGoneException;
import bankrisk.common.error.ConcurrentChangeException;
import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.ResourceException;
import bankrisk.common.error.ResourceExhaustedException;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one mapping from domain exceptions to gRPC statuses, with the standard {@code google.rpc} details that the
 * contracts document in {@code bank/common/v1/common.proto}. Anything unexpected becomes {@code INTERNAL} without
 * leaking its message (it may contain SQL or data), and is logged here with its stack trace.
 */
public final class GrpcErrors {

    /** The {@code ErrorInfo.domain} of every error this system raises. */
    public static final String ERROR_DOMAIN = "bankrisk.io";

    /** The {@code ErrorInfo.reason} of ABORTED when a concurrent change conflicted (deadlock, serialisation failure). */
    public static final String CONCURRENT_CHANGE = "CONCURRENT_CHANGE";

    /** PostgreSQL's serialization_failure and deadlock_detected: the transaction was rolled back and may be retried. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01");
    private static final List<String> POOL_TIMEOUTS = List.of("Sorry, acquisition timeout",
            "Acquisition timeout while waiting for new connection");
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    /** Turns any failure into a status exception that carries its details in the trailers. */
    public static StatusException toStatusException(Throwable failure) {
        if (failure instanceof StatusException status) {
            return status;
        }
        if (failure instanceof StatusRuntimeException status) {
            return new StatusException(status.getStatus(), status.getTrailers());
        }
        return StatusProto.toStatusException(toStatusProto(failure));
    }

    static com.google.rpc.Status toStatusProto(Throwable failure) {
        if (failure instanceof InvalidArgumentException invalid) {
            BadRequest.Builder details = BadRequest.newBuilder();
            for (FieldViolation violation : invalid.violations()) {
                details.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(violation.field())
                        .setDescription(violation.description()));
            }
            return status(Code.INVALID_ARGUMENT, invalid.getMessage(), Any.pack(details.build()));
        }
        if (failure instanceof ResourceException resource) {
            Code code = resource instanceof AlreadyExistsException ? Code.ALREADY_EXISTS : Code.NOT_FOUND;
            return status(code, resource.getMessage(), Any.pack(ResourceInfo.newBuilder()
                    .setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName())
                    .setDescription(resource.getMessage())
                    .build()));
        }
        if (failure instanceof FailedPreconditionException precondition) {
            return status(Code.FAILED_PRECONDITION, precondition.getMessage(), Any.pack(ErrorInfo.newBuilder()
                    .setReason(precondition.reason())
                    .setDomain(ERROR_DOMAIN)
                    .build()));
        }
        if (failure instanceof ResourceExhaustedException exhausted) {
            return status(Code.RESOURCE_EXHAUSTED, exhausted.getMessage(), Any.pack(QuotaFailure.newBuilder()
                    .addViolations(QuotaFailure.Violation.newBuilder()
                            .setSubject(exhausted.subject())
                            .setDescription(exhausted.getMessage()))
                    .build()));
        }
        if (failure instanceof ConcurrentChangeException changed) {
            return status(Code.ABORTED, changed.getMessage(), Any.pack(ErrorInfo.newBuilder()
                    .setReason(changed.reason())
                    .setDomain(ERROR_DOMAIN)
                    .build()));
        }
        if (failure instanceof CallerGoneException gone) {
            return com.google.rpc.Status.newBuilder().setCode(Code.CANCELLED_VALUE).setMessage(gone.getMessage()).build();
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            return com.google.rpc.Status.newBuilder().setCode(Code.UNAUTHENTICATED_VALUE)
                    .setMessage("a valid bearer token is required (authorization: Bearer <jwt>)").build();
        }
        if (failure instanceof ForbiddenException) {
            return com.google.rpc.Status.newBuilder().setCode(Code.PERMISSION_DENIED_VALUE)
                    .setMessage("the caller's roles do not allow this call").build();
        }
        if (concurrentConflict(failure)) {
            LOG.warn("A concurrent change conflicted with a gRPC call's transaction: " + failure);
            return status(Code.ABORTED, "a concurrent change conflicted with this one, which was rolled back; retry",
                    Any.pack(ErrorInfo.newBuilder().setReason(CONCURRENT_CHANGE).setDomain(ERROR_DOMAIN).build()));
        }
        if (databaseUnreachable(failure)) {
            LOG.warn("Database unreachable while serving a gRPC call: " + failure);
            return com.google.rpc.Status.newBuilder().setCode(Code.UNAVAILABLE_VALUE)
                    .setMessage("the database is unavailable; retry later (a retried write is never applied twice)").build();
        }
        LOG.error("Unexpected failure while serving a gRPC call", failure);
        return com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage("internal error; the request was not applied")
                .build();
    }

    /**
     * A deadlock or serialisation failure that the code where it happened did not retry away (loads retry their merge
     * a few times first): the transaction was rolled back, so ABORTED, which a client retries, never INTERNAL.
     */
    static boolean concurrentConflict(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLException sql && sql.getSQLState() != null
                && CONFLICT_STATES.contains(sql.getSQLState()), 0);
    }

    /**
     * Connection-class failures (SQLSTATE 08xxx, the server shutting down 57P01-57P03, a pool that gave no connection
     * within its acquisition timeout) are transient: the client may retry, so they are UNAVAILABLE rather than
     * INTERNAL. A commit that failed so reaches us as the transaction manager's RollbackException, the SQL error among
     * its suppressed exceptions. Writes are idempotent, so a retry is safe even when a connection broke during the
     * commit.
     */
    static boolean databaseUnreachable(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[1-3]"))
                || poolAcquisitionTimedOut(cause), 0);
    }

    /** Whether the failure, one of its causes or one of their suppressed exceptions passes the test. */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> test, int depth) {
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (test.test(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (anyCause(suppressed, test, depth + 1)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * The pool (Agroal 3) gave no connection within its acquisition timeout: every connection stayed in use
     * ("Sorry, acquisition timeout!"), or a new one could not be opened in time ("Acquisition timeout while waiting for
     * new connection", caused by the wait's TimeoutException). Agroal gives these plain SQLExceptions no SQLSTATE, so
     * they are known by their message; the services' load contracts prove the mapping against the real pool.
     */
    private static boolean poolAcquisitionTimedOut(Throwable failure) {
        return failure instanceof SQLException sql && sql.getSQLState() == null && (sql.getCause() instanceof TimeoutException
                || sql.getMessage() != null && POOL_TIMEOUTS.stream().anyMatch(sql.getMessage()::startsWith));
    }

    private static com.google.rpc.Status status(Code code, String message, Any detail) {
        return com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message).addDetails(detail).build();
    }
}
