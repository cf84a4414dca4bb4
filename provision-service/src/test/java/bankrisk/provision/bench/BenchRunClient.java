package bankrisk.provision.bench;

import java.util.Iterator;

import bank.common.v1.Date;
import bank.provision.v1.ProvisionServiceGrpc;
import bank.provision.v1.RunProvisioningProgress;
import bank.provision.v1.RunProvisioningRequest;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

/**
 * Calls RunProvisioning on a running provision-service and prints the progress and the elapsed time (a by-hand
 * measurement, not a test), as {@code bench} with role {@code finance} (a token signed with the sample key of
 * {@code deploy/dev-keys}, which the service must trust). Usage:
 * {@code BenchRunClient <provision gRPC port> <yyyy-mm-dd> <policy code>}
 */
public final class BenchRunClient {

    private BenchRunClient() {
    }

    public static void main(String[] args) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(args[0])).usePlaintext().build();
        String[] date = args[1].split("-");
        long start = System.nanoTime();
        Iterator<RunProvisioningProgress> progress = ProvisionServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(TestTokens.as("bench", Roles.FINANCE)).runProvisioning(
                RunProvisioningRequest.newBuilder().setPolicyCode(args[2]).setAsOf(Date.newBuilder().setYear(Integer.parseInt(date[0]))
                        .setMonth(Integer.parseInt(date[1])).setDay(Integer.parseInt(date[2]))).build());
        RunProvisioningProgress last = null;
        while (progress.hasNext()) {
            last = progress.next();
            if (last.getLoansDone() % 100_000 == 0 || last.hasRun()) {
                System.out.printf("%6.1f s %s %d/%d%n", (System.nanoTime() - start) / 1e9, last.getPhase(), last.getLoansDone(), last.getLoansTotal());
            }
        }
        System.out.printf("done in %.1f s: run %d, %d loans, allowance %s, fingerprint %s%n", (System.nanoTime() - start) / 1e9,
                last.getRun().getRunId(), last.getRun().getLoanCount(), last.getRun().getAllowance().getAmount(), last.getRun().getFingerprint());
        channel.shutdownNow();
    }
}
