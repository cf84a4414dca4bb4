package bankrisk.provision.grpc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.platform.security.ServiceIdentity;
import io.quarkus.runtime.Startup;

/**
 * provision-service cannot work without its own identity (every run reads loan-risk): a missing or unreadable
 * {@code SERVICE_TOKEN_KEY_LOCATION} stops the start, instead of failing the first run.
 */
@Startup
@ApplicationScoped
class ServiceIdentityCheck {

    @Inject
    ServiceIdentityCheck(ServiceIdentity identity) {
        identity.token();
    }
}
