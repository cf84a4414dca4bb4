package bankrisk.provision.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import bankrisk.platform.rest.RestErrors;
import bankrisk.provision.run.UpstreamUnavailableException;

/** provision-service's own addition to platform's {@link RestErrors}: loan-risk out of reach is 503. */
public class UpstreamErrors {

    @ServerExceptionMapper
    public Response unavailable(UpstreamUnavailableException e) {
        return RestErrors.response(Response.Status.SERVICE_UNAVAILABLE, "UNAVAILABLE", e.getMessage(), List.of());
    }
}
