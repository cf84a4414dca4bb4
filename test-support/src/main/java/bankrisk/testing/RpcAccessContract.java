package bankrisk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import bankrisk.common.security.Roles;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

/**
 * The access contract of a service, proved for every RPC it offers: no token or a bad one (foreign signer,
 * expired, valid for longer than the services allow) is {@code UNAUTHENTICATED}; a valid token without an admitted role is {@code PERMISSION_DENIED}; each
 * admitted role gets past both checks. Each call sends the method's default (empty) request, so the admitted
 * roles usually end in {@code INVALID_ARGUMENT}, which proves the call reached the method; nothing is changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RpcAccessContract {

    private ManagedChannel channel;

    /** The service's gRPC port in tests. */
    protected int grpcPort() {
        return ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    }

    /** The services the server offers (e.g. {@code TieringServiceGrpc.getServiceDescriptor()}). */
    protected abstract List<ServiceDescriptor> services();

    /** The roles each RPC admits, by full method name ({@code bank.tiering.v1.TieringService/CreateCustomer}). */
    protected abstract Map<String, Set<String>> rolesByMethod();

    @BeforeAll
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("localhost", grpcPort()).usePlaintext().build();
    }

    @AfterAll
    void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void everyRpcHasItsRolesDeclared() {
        assertThat(rolesByMethod().keySet()).containsExactlyInAnyOrderElementsOf(methodNames());
        rolesByMethod().forEach((method, roles) -> assertThat(Roles.ALL).as(method).containsAll(roles));
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryRpcIsUnauthenticated() {
        return methods().map(method -> DynamicTest.dynamicTest(method.getFullMethodName(),
                () -> assertThat(call(method, null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED)));
    }

    @TestFactory
    Stream<DynamicTest> aForeignExpiredOrTooLongLivedTokenIsUnauthenticated() {
        return methods().flatMap(method -> Stream.of(
                DynamicTest.dynamicTest(method.getFullMethodName() + " foreign signer", () -> assertThat(
                        call(method, TestTokens.bearer(TestTokens.foreignToken("mallory", Roles.ALL.toArray(String[]::new))))
                                .getCode()).isEqualTo(Status.Code.UNAUTHENTICATED)),
                DynamicTest.dynamicTest(method.getFullMethodName() + " expired", () -> assertThat(
                        call(method, TestTokens.bearer(TestTokens.expiredToken("alice", Roles.ALL.toArray(String[]::new))))
                                .getCode()).isEqualTo(Status.Code.UNAUTHENTICATED)),
                DynamicTest.dynamicTest(method.getFullMethodName() + " valid until 2999", () -> assertThat(
                        call(method, TestTokens.bearer(TestTokens.longLivedToken("alice", Roles.ALL.toArray(String[]::new))))
                                .getCode()).isEqualTo(Status.Code.UNAUTHENTICATED))));
    }

    @TestFactory
    Stream<DynamicTest> aRoleTheRpcDoesNotAdmitIsPermissionDenied() {
        List<DynamicTest> tests = new ArrayList<>();
        methods().forEach(method -> {
            for (String role : Roles.ALL) {
                if (!admitted(method).contains(role)) {
                    tests.add(DynamicTest.dynamicTest(method.getFullMethodName() + " as " + role, () -> assertThat(
                            call(method, TestTokens.as("someone", role)).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED)));
                }
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> eachAdmittedRoleGetsPastTheChecks() {
        return methods().flatMap(method -> admitted(method).stream().map(role -> DynamicTest.dynamicTest(
                method.getFullMethodName() + " as " + role, () -> assertThat(call(method, TestTokens.as("someone", role)).getCode())
                        .isNotIn(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED, Status.Code.INTERNAL,
                                Status.Code.UNKNOWN))));
    }

    private Set<String> admitted(MethodDescriptor<?, ?> method) {
        return rolesByMethod().getOrDefault(method.getFullMethodName(), Set.of());
    }

    private Stream<MethodDescriptor<?, ?>> methods() {
        return services().stream().flatMap(service -> service.getMethods().stream());
    }

    private Set<String> methodNames() {
        Set<String> names = new TreeSet<>();
        methods().forEach(method -> names.add(method.getFullMethodName()));
        return names;
    }

    /**
     * Sends the method's default request and returns how the call ended; a first response message counts as
     * {@code OK} (the call got through) and the call is then cancelled.
     */
    @SuppressWarnings("unchecked")
    private Status call(MethodDescriptor<?, ?> descriptor, CallCredentials credentials) throws Exception {
        MethodDescriptor<Object, Object> method = (MethodDescriptor<Object, Object>) descriptor;
        Object request = ((MethodDescriptor.PrototypeMarshaller<Object>) method.getRequestMarshaller()).getMessagePrototype();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS);
        ClientCall<Object, Object> call = channel.newCall(method, credentials == null ? options : options.withCallCredentials(credentials));
        CompletableFuture<Status> ended = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(Object message) {
                ended.complete(Status.OK);
                call.cancel("got a response", null);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                ended.complete(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(request);
        call.halfClose();
        return ended.get(10, TimeUnit.SECONDS);
    }
}
