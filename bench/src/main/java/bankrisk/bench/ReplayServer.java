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
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The reference for the snapshot stream: a bare grpc-java server that replays, with flow control, the very messages
 * loan-risk streamed (recorded length-delimited in a file, read back one by one: bounded memory like the service).
 */
final class ReplayServer implements SnapshotServiceGrpc.AsyncService, AutoCloseable {

    private final Path recording;
    private final Server server;

    ReplayServer(Path recording, int port) throws IOException {
        this.recording = recording;
        this.server = NettyServerBuilder.forPort(port).addService(SnapshotServiceGrpc.bindService(this)).build().start();
    }

    @Override
    public void getSnapshot(GetSnapshotRequest request, StreamObserver<Snapshot> response) {
        response.onNext(Snapshot.newBuilder().setSnapshotId("REPLAY").setAsOf(request.getAsOf()).build());
        response.onCompleted();
    }

    @Override
    public void streamSnapshotGrades(StreamSnapshotGradesRequest request, StreamObserver<SnapshotGrade> response) {
        ServerCallStreamObserver<SnapshotGrade> call = (ServerCallStreamObserver<SnapshotGrade>) response;
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(recording), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean[] done = { false };
        call.setOnCancelHandler(() -> close(in));
        call.setOnReadyHandler(() -> {
            try {
                while (call.isReady() && !done[0]) {
                    SnapshotGrade g = SnapshotGrade.parseDelimitedFrom(in);
                    if (g == null) {
                        done[0] = true;
                        close(in);
                        call.onCompleted();
                    } else {
                        call.onNext(g);
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
