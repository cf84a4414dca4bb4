package bankrisk.platform.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import bankrisk.common.error.AlreadyExistsException;
import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.NotFoundException;

/**
 * The REST side of the error model, for every service's downloads: the same domain exceptions as gRPC, as HTTP
 * statuses with a JSON body. A service adds mappers only for exceptions of its own.
 */
public class RestErrors {

    /** The JSON error body: a machine code, the message and, for bad input, the violations by field. */
    public record Problem(String code, String message, List<Map<String, String>> violations) {
    }

    @ServerExceptionMapper
    public Response invalid(InvalidArgumentException e) {
        return response(Response.Status.BAD_REQUEST, "INVALID_ARGUMENT", e.getMessage(),
                e.violations().stream().map(v -> Map.of("field", v.field(), "description", v.description())).toList());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return response(Response.Status.NOT_FOUND, "NOT_FOUND", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response exists(AlreadyExistsException e) {
        return response(Response.Status.CONFLICT, "ALREADY_EXISTS", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response precondition(FailedPreconditionException e) {
        return response(Response.Status.CONFLICT, e.reason(), e.getMessage(), List.of());
    }

    public static Response response(Response.Status status, String code, String message, List<Map<String, String>> violations) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(code, message, violations)).build();
    }
}
