package bankrisk.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import bankrisk.api.error.GrpcErrors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusException;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;

/**
 * Security failures of plain grpc-java services (e.g. loan-risk's {@code SnapshotService}) reach the client as
 * {@link GrpcErrors} says, like those of the Mutiny services: Quarkus's default handler would answer a call without
 * a token ({@code UnauthorizedException}, a {@code SecurityException}) with PERMISSION_DENIED instead of
 * UNAUTHENTICATED.
 */
@ApplicationScoped
public class SecurityErrors implements AuthExceptionHandlerProvider {

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }

    @Override
    public <ReqT, RespT> AuthExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
            ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new AuthExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata headers) {
                if (!handlesException(failure)) {
                    super.handleException(failure, serverCall, headers);
                    return;
                }
                StatusException status = transformToStatusException(failure);
                try {
                    serverCall.close(status.getStatus(), status.getTrailers() != null ? status.getTrailers() : new Metadata());
                } catch (IllegalStateException alreadyClosed) {
                    // The call already ended (the client cancelled): nothing left to tell it.
                }
            }
        };
    }

    @Override
    public StatusException transformToStatusException(Throwable failure) {
        return GrpcErrors.toStatusException(failure);
    }

    @Override
    public boolean handlesException(Throwable failure) {
        return failure instanceof AuthenticationException || failure instanceof SecurityException;
    }
}
