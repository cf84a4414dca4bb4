package bankrisk.platform.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import bankrisk.platform.rest.RestErrors;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses path parameters (";name" in a path segment, which JAX-RS would silently drop, so that
 * {@code /provision/runs/1;DROP/report.csv} served run 1): a proxy, a cache or an audit trail could read such a path
 * differently from the service. No endpoint of any service takes them.
 */
public class MatrixParameters {

    @ServerRequestFilter(preMatching = true)
    public Response refuse(HttpServerRequest request) {
        // The raw path as received: JAX-RS's view of the URI has the path parameters removed already.
        String path = request.path();
        if (path == null || !path.contains(";")) {
            return null;
        }
        return Response.status(Response.Status.BAD_REQUEST).type("application/json")
                .entity(new RestErrors.Problem("INVALID_ARGUMENT", "path parameters (';') are not accepted", List.of())).build();
    }
}
