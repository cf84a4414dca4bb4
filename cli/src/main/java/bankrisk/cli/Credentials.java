package bankrisk.cli;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * Who the CLI calls as and why: the bearer token sent with every call and the optional reason the services record
 * in their audit logs ({@code x-change-reason}, percent-encoded UTF-8 so that any language fits in a header).
 */
public record Credentials(String token, String reason) {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> REASON = Metadata.Key.of("x-change-reason", Metadata.ASCII_STRING_MARSHALLER);

    public static final Credentials NONE = new Credentials(null, null);

    /** Adds the headers to every call of a channel. */
    public ClientInterceptor interceptor() {
        Metadata headers = new Metadata();
        if (hasToken()) {
            headers.put(AUTHORIZATION, "Bearer " + token.strip());
        }
        if (reason != null && !reason.isBlank()) {
            headers.put(REASON, encodedReason());
        }
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** Adds the token to an HTTP request (report downloads). */
    public HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return hasToken() ? request.header("Authorization", "Bearer " + token.strip()) : request;
    }

    private boolean hasToken() {
        return token != null && !token.isBlank();
    }

    String encodedReason() {
        return URLEncoder.encode(reason.strip(), StandardCharsets.UTF_8);
    }
}
