package bankrisk.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

class InboundFlowControlTest {

    /** What the transport was asked for, request by request. */
    static final class RecordingCall extends ServerCall<String, String> {
        final List<Integer> requests = new ArrayList<>();
        private final MethodDescriptor.MethodType type;

        RecordingCall() {
            this(MethodDescriptor.MethodType.CLIENT_STREAMING);
        }

        RecordingCall(MethodDescriptor.MethodType type) {
            this.type = type;
        }

        int total() {
            return requests.stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public void request(int numMessages) {
            requests.add(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            MethodDescriptor.Marshaller<String> text = new MethodDescriptor.Marshaller<>() {
                @Override
                public InputStream stream(String value) {
                    return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public String parse(InputStream stream) {
                    throw new UnsupportedOperationException();
                }
            };
            return MethodDescriptor.<String, String> newBuilder().setType(type).setFullMethodName("test/Method")
                    .setRequestMarshaller(text).setResponseMarshaller(text).build();
        }
    }

    @Test
    void aStubThatAsksForEveryMessageGetsNoMoreThanTheWindowUntilItProcesses() {
        RecordingCall transport = new RecordingCall();
        List<ServerCall<String, String>> seen = new ArrayList<>();
        List<InboundFlowControl.Gate> gates = new ArrayList<>();
        ServerCallHandler<String, String> stub = (call, headers) -> {
            seen.add(call);
            gates.add(InboundFlowControl.gate());
            return new ServerCall.Listener<>() {
            };
        };
        new InboundFlowControl(3).interceptCall(transport, new Metadata(), stub);
        ServerCall<String, String> call = seen.get(0);
        InboundFlowControl.Gate gate = gates.get(0);

        // Like grpc-java's stubs with auto-request: one request at the start and one after every message delivered.
        for (int i = 0; i < 10; i++) {
            call.request(1);
        }
        assertThat(transport.total()).isEqualTo(3);
        assertThat(gate.outstanding()).isEqualTo(3);

        gate.processed();
        gate.processed();
        assertThat(transport.total()).isEqualTo(5);
        assertThat(gate.outstanding()).isEqualTo(3);

        for (int i = 0; i < 8; i++) {
            gate.processed();
        }
        assertThat(transport.total()).as("every request reaches the transport in the end").isEqualTo(10);
        assertThat(gate.outstanding()).isZero();
    }

    @Test
    void aBatchRequestIsSplitAtTheWindow() {
        RecordingCall transport = new RecordingCall();
        List<InboundFlowControl.Gate> gates = new ArrayList<>();
        List<ServerCall<String, String>> seen = new ArrayList<>();
        new InboundFlowControl(4).interceptCall(transport, new Metadata(), (call, headers) -> {
            seen.add(call);
            gates.add(InboundFlowControl.gate());
            return new ServerCall.Listener<>() {
            };
        });

        seen.get(0).request(100);

        assertThat(transport.requests).containsExactly(4);
        gates.get(0).processed();
        assertThat(transport.requests).containsExactly(4, 1);
    }

    @Test
    void aUnaryCallPassesStraightThroughWithTheOpenGate() {
        RecordingCall transport = new RecordingCall(MethodDescriptor.MethodType.UNARY);
        List<ServerCall<String, String>> seen = new ArrayList<>();
        List<InboundFlowControl.Gate> gates = new ArrayList<>();
        new InboundFlowControl(1).interceptCall(transport, new Metadata(), (call, headers) -> {
            seen.add(call);
            gates.add(InboundFlowControl.gate());
            return new ServerCall.Listener<>() {
            };
        });

        assertThat(seen).containsExactly(transport);
        assertThat(gates).containsExactly(InboundFlowControl.Gate.OPEN);
        seen.get(0).request(2);
        assertThat(transport.requests).containsExactly(2);
    }

    @Test
    void withoutTheInterceptorTheGateHoldsNothingBack() {
        InboundFlowControl.gate().processed();
        assertThat(InboundFlowControl.gate().outstanding()).isZero();
    }
}
