package bankrisk.platform.security;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import bankrisk.common.security.Roles;
import bankrisk.common.security.TokenSigner;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * This service's identity when it calls another: a short-lived token with the {@code service} role, subject the
 * application name, signed with the service's own key ({@code bankrisk.service-token.key-location}) and renewed
 * before it expires. Register it on a client with {@code @RegisterClientInterceptor(ServiceIdentity.class)}.
 */
@ApplicationScoped
public class ServiceIdentity implements ClientInterceptor {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final String subject;
    private final TokenSigner signer;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    ServiceIdentity(@ConfigProperty(name = "quarkus.application.name") String subject,
            @ConfigProperty(name = "bankrisk.service-token.key-location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.subject = subject;
        this.signer = keyLocation.map(location -> TokenSigner.fromPem(Path.of(location), issuer)).orElse(null);
    }

    /** The bearer token to send now. */
    public String token() {
        if (signer == null) {
            throw new IllegalStateException("bankrisk.service-token.key-location (SERVICE_TOKEN_KEY_LOCATION) is not set:"
                    + " this service cannot call the others");
        }
        Instant now = Instant.now();
        if (now.isAfter(renewAt)) {
            synchronized (this) {
                if (now.isAfter(renewAt)) {
                    token = signer.sign(subject, List.of(Roles.SERVICE), LIFETIME);
                    renewAt = now.plus(LIFETIME).minus(RENEW_BEFORE);
                }
            }
        }
        return token;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method, CallOptions options,
            Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                headers.put(BearerTokenMechanism.AUTHORIZATION, "Bearer " + token());
                super.start(listener, headers);
            }
        };
    }
}
