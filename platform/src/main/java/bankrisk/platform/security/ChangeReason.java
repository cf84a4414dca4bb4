package bankrisk.platform.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import bankrisk.api.convert.Texts;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * The "why" of a change: the optional {@code x-change-reason} header (percent-encoded UTF-8, so that any language
 * fits in gRPC's ASCII metadata), kept in the call's context for the audit log. Too long, badly encoded or with
 * control characters (PostgreSQL cannot store a NUL) is {@code INVALID_ARGUMENT} before the service method runs.
 */
@ApplicationScoped
@GlobalInterceptor
public class ChangeReason implements ServerInterceptor {

    public static final String HEADER = "x-change-reason";
    public static final int MAX_LENGTH = 1000;

    static final Metadata.Key<String> KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> REASON = Context.key("bankrisk-change-reason");

    /** The reason the current call gave; empty when none. */
    public static String current() {
        String reason = REASON.get();
        return reason == null ? "" : reason;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String raw = headers.get(KEY);
        if (raw == null || raw.isEmpty()) {
            return next.startCall(call, headers);
        }
        String reason;
        try {
            reason = URLDecoder.decode(raw, StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException malformed) {
            call.close(Status.INVALID_ARGUMENT.withDescription(HEADER + ": not percent-encoded UTF-8"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        String refusal = reason.length() > MAX_LENGTH ? "longer than " + MAX_LENGTH + " characters"
                : Texts.hasControlCharacters(reason) ? "must not contain control characters other than line breaks and tabs"
                : null;
        if (refusal != null) {
            call.close(Status.INVALID_ARGUMENT.withDescription(HEADER + ": " + refusal), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(REASON, reason), call, headers, next);
    }
}
