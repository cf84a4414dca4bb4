package bankrisk.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.rpc.ResourceInfo;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.FieldViolation;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.NotFoundException;
import io.grpc.Status;
import io.grpc.StatusException;

class GrpcErrorsTest {

    @Test
    void invalidArgumentCarriesEveryFieldViolation() {
        StatusException status = GrpcErrors.toStatusException(new InvalidArgumentException(List.of(
                new FieldViolation("loan.principal.amount", "has more than 2 decimals"),
                new FieldViolation("loan.loan_id", "is required"))));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription())
                .isEqualTo("loan.principal.amount: has more than 2 decimals; loan.loan_id: is required");
        assertThat(StatusDetails.fieldViolations(status)).containsExactly(
                org.assertj.core.api.Assertions.entry("loan.principal.amount", "has more than 2 decimals"),
                org.assertj.core.api.Assertions.entry("loan.loan_id", "is required"));
    }

    @Test
    void notFoundNamesTheResource() {
        StatusException status = GrpcErrors.toStatusException(new NotFoundException("loan", "L-404"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getStatus().getDescription()).isEqualTo("loan 'L-404' not found");
        ResourceInfo info = StatusDetails.detail(status, ResourceInfo.class).orElseThrow();
        assertThat(info.getResourceType()).isEqualTo("loan");
        assertThat(info.getResourceName()).isEqualTo("L-404");
    }

    @Test
    void alreadyExistsNamesTheResource() {
        StatusException status = GrpcErrors.toStatusException(new AlreadyExistsException("customer", "C1"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(StatusDetails.detail(status, ResourceInfo.class).orElseThrow().getResourceName()).isEqualTo("C1");
    }

    @Test
    void failedPreconditionCarriesAStableReason() {
        StatusException status = GrpcErrors.toStatusException(
                new FailedPreconditionException("OVERRIDE_BETTER_THAN_FLOOR", "the rule floor is SUBSTANDARD"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(StatusDetails.reason(status)).contains("OVERRIDE_BETTER_THAN_FLOOR");
    }

    @Test
    void unexpectedFailuresBecomeInternalWithoutLeakingTheirMessage() {
        StatusException status = GrpcErrors.toStatusException(new IllegalStateException("password=secret in SQL"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getStatus().getDescription()).doesNotContain("secret");
    }

    @Test
    void aMissingOrInvalidTokenIsUnauthenticatedAndAMissingRoleIsPermissionDenied() {
        assertThat(GrpcErrors.toStatusException(new io.quarkus.security.UnauthorizedException()).getStatus().getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcErrors.toStatusException(new io.quarkus.security.AuthenticationFailedException("bad signature"))
                .getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        StatusException forbidden = GrpcErrors.toStatusException(new io.quarkus.security.ForbiddenException());
        assertThat(forbidden.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(forbidden.getStatus().getDescription()).contains("roles");
    }

    @Test
    void aLostDatabaseConnectionIsUnavailableSoClientsRetry() {
        Exception refused = new IllegalStateException("cannot load", new java.sql.SQLException("Connection refused", "08001"));
        Exception shutdown = new RuntimeException(new java.sql.SQLException("terminating connection", "57P01"));
        Exception pool = new RuntimeException(new java.sql.SQLTransientConnectionException("no connection in 5 s"));
        // A commit that failed: JTA's RollbackException, the SQL error suppressed under the resource's XAException.
        Exception commit = new IllegalStateException("Could not commit transaction");
        Exception resource = new Exception("Error trying to transactionCommit local transaction");
        resource.initCause(new java.sql.SQLException("terminating connection", "57P01"));
        commit.addSuppressed(resource);
        Exception wrappedCommit = new RuntimeException(commit);

        for (Exception failure : new Exception[] { refused, shutdown, pool, commit, wrappedCommit }) {
            assertThat(GrpcErrors.toStatusException(failure).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        assertThat(GrpcErrors.toStatusException(new RuntimeException(new java.sql.SQLException("syntax", "42601")))
                .getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void aPoolThatGaveNoConnectionInTimeIsUnavailable() {
        // What Agroal throws when every connection stayed in use for the whole acquisition timeout, and when a new
        // connection could not be opened within it.
        Exception busy = new RuntimeException("Unable to acquire JDBC Connection",
                new java.sql.SQLException("Sorry, acquisition timeout!"));
        Exception opening = new java.sql.SQLException("Acquisition timeout while waiting for new connection",
                new java.util.concurrent.TimeoutException());
        Exception inJta = new IllegalStateException("cannot read", opening);

        for (Exception failure : new Exception[] { busy, opening, inJta }) {
            assertThat(GrpcErrors.toStatusException(failure).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        assertThat(GrpcErrors.toStatusException(new java.sql.SQLException("no state", new IllegalStateException()))
                .getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void aDeadlockOrSerialisationFailureIsAbortedSoClientsRetry() {
        Exception deadlock = new RuntimeException(new java.sql.SQLException("deadlock detected", "40P01"));
        Exception serialisation = new IllegalStateException("commit failed");
        serialisation.addSuppressed(new java.sql.SQLException("could not serialize access", "40001"));

        for (Exception failure : new Exception[] { deadlock, serialisation }) {
            StatusException status = GrpcErrors.toStatusException(failure);
            assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(StatusDetails.reason(status)).contains(GrpcErrors.CONCURRENT_CHANGE);
            assertThat(status.getStatus().getDescription()).contains("retry").doesNotContain("deadlock");
        }
    }

    @Test
    void aLimitReachedIsResourceExhaustedNamingIt() {
        StatusException status = GrpcErrors.toStatusException(new bankrisk.common.error.ResourceExhaustedException("bankrisk.load.max-concurrent",
                "4 bulk loads are running (bankrisk.load.max-concurrent)"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getStatus().getDescription()).isEqualTo("4 bulk loads are running (bankrisk.load.max-concurrent)");
    }

    @Test
    void aChangeRolledBackBecauseTheCallerLeftIsCancelled() {
        StatusException status = GrpcErrors.toStatusException(new bankrisk.common.error.CallerGoneException(
                "the call was cancelled before the load committed; nothing was stored"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    @Test
    void statusExceptionsPassThroughUnchanged() {
        StatusException status = GrpcErrors.toStatusException(Status.DEADLINE_EXCEEDED.withDescription("slow").asRuntimeException());

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(status.getStatus().getDescription()).isEqualTo("slow");
    }
}
