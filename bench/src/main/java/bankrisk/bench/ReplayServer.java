package bankrisk.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotGradeBatch;
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The reference for the snapshot streams: a bare grpc-java server that replays, with flow control, the very messages
 * loan-risk streamed (recorded length-delimited in a file, read back one by one: bounded memory like the service) —
 * single grades for StreamSnapshotGrades, batches for StreamSnapshotGradeBatches.
 */
final class ReplayServer implements SnapshotServiceGrpc.AsyncService, AutoCloseable {

    private final Path recording;
    private final Path batchRecording;
    private final Server server;

    ReplayServer(Path recording, Path batchRecording, int port) throws IOException {
        this.recording = recording;
        this.batchRecording = batchRecording;
        this.server = NettyServerBuilder.forPort(port).addService(SnapshotServiceGrpc.bindService(this)).build().start();
    }

    @Override
    public void getSnapshot(GetSnapshotRequest request, StreamObserver<Snapshot> response) {
        response.onNext(Snapshot.newBuilder().setSnapshotId("REPLAY").setAsOf(request.getAsOf()).build());
        response.onCompleted();
    }

    @Override
    public void streamSnapshotGrades(StreamSnapshotGradesRequest request, StreamObserver<SnapshotGrade> response) {
        replay(recording, SnapshotGrade.parser(), response);
    }

    @Override
    public void streamSnapshotGradeBatches(StreamSnapshotGradesRequest request, StreamObserver<SnapshotGradeBatch> response) {
        replay(batchRecording, SnapshotGradeBatch.parser(), response);
    }

    private static <T extends MessageLite> void replay(Path file, Parser<T> parser, StreamObserver<T> response) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) response;
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean[] done = { false };
        call.setOnCancelHandler(() -> close(in));
        call.setOnReadyHandler(() -> {
            try {
                while (call.isReady() && !done[0]) {
                    T message = parser.parseDelimitedFrom(in);
                    if (message == null) {
                        done[0] = true;
                        close(in);
                        call.onCompleted();
                    } else {
                        call.onNext(message);
                    }
                }
            } catch (IOException e) {
                done[0] = true;
                call.onError(e);
            }
        });
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination();
    }
}
