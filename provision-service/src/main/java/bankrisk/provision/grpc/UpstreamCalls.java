package bankrisk.provision.grpc;

import java.util.function.Supplier;

import bankrisk.common.error.FailedPreconditionException;
import bankrisk.provision.run.UpstreamUnavailableException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** How this service reads the services it depends on: in a cancellable context, failures translated. */
final class UpstreamCalls {

    private UpstreamCalls() {
    }

    /**
     * Runs a (streaming) call in a context that is cancelled when the call returns or throws, so an abandoned
     * stream never keeps the server sending.
     */
    static <T> T cancellable(String service, Supplier<T> call) {
        Context.CancellableContext context = live().withCancellation();
        try {
            return context.call(call::get);
        } catch (StatusRuntimeException e) {
            throw translate(service, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            context.cancel(null);
        }
    }

    /**
     * A unary call in a live context (see {@link #live()}); its StatusRuntimeException reaches the caller untranslated, so
     * the caller can read NOT_FOUND as an answer.
     */
    static <T> T unary(Supplier<T> call) {
        try {
            return live().call(call::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The context an upstream call starts from: the caller's, so that a gRPC caller who cancels cancels the upstream
     * stream too; or a fresh root context when the current one is already cancelled. A REST request that makes
     * several upstream calls (a return reads two snapshots, the flows and the borrowers' names) can otherwise find
     * the cancelled context of its own earlier stream still current: Quarkus keeps gRPC contexts in the request's
     * Vert.x context (ContextStorageOverride), and every later call would end CANCELLED at once.
     */
    static Context live() {
        Context current = Context.current();
        return current.isCancelled() ? Context.ROOT : current;
    }

    /** UNAVAILABLE and DEADLINE_EXCEEDED are transient (retried); anything else is the other service's answer. */
    static RuntimeException translate(String service, StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        String detail = code + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription());
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            return new UpstreamUnavailableException(service, detail, e);
        }
        return new FailedPreconditionException(service.toUpperCase().replace('-', '_') + "_FAILED", service + " answered " + detail);
    }

    /** Runs a call that reads another service: that service down is UNAVAILABLE naming it; a caller may ask again. */
    static <T> T orUnavailable(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (UpstreamUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** The status a caller of this service sees when a dependency is down: UNAVAILABLE, naming it. */
    static StatusRuntimeException unavailable(UpstreamUnavailableException e) {
        return Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
    }
}
