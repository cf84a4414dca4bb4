package bankrisk.provision.bench;

import java.math.BigDecimal;

import bank.common.v1.Money;
import bank.loanrisk.v1.BorrowerKind;
import bank.loanrisk.v1.CollateralKind;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.Product;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotGradeBatch;
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * A stand-in loan-risk for measuring a run by hand (not a test): streams N generated, deterministic grades with
 * flow control (it sends only when the client can take more). Usage:
 * {@code java -cp <test-classes:classpath> bankrisk.provision.bench.BenchLoanRiskServer 100000 9190}
 *
 * <p>It binds {@code AsyncService} by hand rather than extending the generated base class, so that Quarkus's test
 * instance never mistakes it for a service to serve beside {@code FakeLoanRisk}.
 */
public final class BenchLoanRiskServer implements SnapshotServiceGrpc.AsyncService {

    private static final LoanCategory[] CATEGORIES = LoanCategory.values();
    private static final CollateralKind[] COLLATERAL = {CollateralKind.COLLATERAL_KIND_NONE, CollateralKind.COLLATERAL_KIND_REAL_ESTATE,
            CollateralKind.COLLATERAL_KIND_CASH_DEPOSIT, CollateralKind.COLLATERAL_KIND_MOVABLE_PROPERTY};

    private final int loans;
    private final BigDecimal total;

    BenchLoanRiskServer(int loans) {
        this.loans = loans;
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < loans; i++) {
            sum = sum.add(balance(i));
        }
        this.total = sum;
    }

    public static void main(String[] args) throws Exception {
        int loans = Integer.parseInt(args[0]);
        int port = Integer.parseInt(args[1]);
        Server server = NettyServerBuilder.forPort(port).addService(SnapshotServiceGrpc.bindService(new BenchLoanRiskServer(loans))).build().start();
        System.out.println("bench loan-risk serving " + loans + " loans on " + port);
        server.awaitTermination();
    }

    @Override
    public void getSnapshot(GetSnapshotRequest request, StreamObserver<Snapshot> response) {
        response.onNext(Snapshot.newBuilder().setSnapshotId("BENCH-" + loans).setAsOf(request.getAsOf()).setLoanCount(loans)
                .setTotalBalance(Money.newBuilder().setAmount(total.toPlainString()).setCurrencyCode("CNY"))
                .setRuleSetVersion("bench").setFingerprint("bench-" + loans).build());
        response.onCompleted();
    }

    @Override
    public void streamSnapshotGrades(StreamSnapshotGradesRequest request, StreamObserver<SnapshotGrade> response) {
        ServerCallStreamObserver<SnapshotGrade> call = (ServerCallStreamObserver<SnapshotGrade>) response;
        int[] next = {0};
        call.setOnReadyHandler(() -> {
            while (call.isReady() && next[0] < loans) {
                call.onNext(grade(next[0]++));
            }
            if (next[0] == loans) {
                next[0]++;
                call.onCompleted();
            }
        });
    }

    @Override
    public void streamSnapshotGradeBatches(StreamSnapshotGradesRequest request, StreamObserver<SnapshotGradeBatch> response) {
        ServerCallStreamObserver<SnapshotGradeBatch> call = (ServerCallStreamObserver<SnapshotGradeBatch>) response;
        int[] next = {0};
        call.setOnReadyHandler(() -> {
            while (call.isReady() && next[0] < loans) {
                SnapshotGradeBatch.Builder batch = SnapshotGradeBatch.newBuilder();
                for (int end = Math.min(loans, next[0] + 1000); next[0] < end; next[0]++) {
                    batch.addGrades(grade(next[0]));
                }
                call.onNext(batch.build());
            }
            if (next[0] == loans) {
                next[0]++;
                call.onCompleted();
            }
        });
    }

    private static BigDecimal balance(int i) {
        return BigDecimal.valueOf(1_000_000L + (i * 7919L) % 99_000_000L, 2);
    }

    private static SnapshotGrade grade(int i) {
        int bucket = i % 100;
        LoanCategory category = bucket < 90 ? CATEGORIES[1] : bucket < 95 ? CATEGORIES[2] : bucket < 97 ? CATEGORIES[3]
                : bucket < 99 ? CATEGORIES[4] : CATEGORIES[5];
        CollateralKind collateral = COLLATERAL[i % COLLATERAL.length];
        return SnapshotGrade.newBuilder()
                .setLoanId(String.format("L%09d", i))
                .setBorrowerCustomerNumber(String.format("C%08d", i / 3))
                .setBorrowerKind(i % 2 == 0 ? BorrowerKind.BORROWER_KIND_RETAIL : BorrowerKind.BORROWER_KIND_NON_RETAIL)
                .setProduct(Product.forNumber(1 + i % 7))
                .setBranchCode(String.format("BR%02d", i % 50))
                .setOutstandingBalance(Money.newBuilder().setAmount(balance(i).toPlainString()).setCurrencyCode("CNY"))
                .setCollateralKind(collateral)
                .setCollateralValue(Money.newBuilder().setAmount(collateral == CollateralKind.COLLATERAL_KIND_NONE ? "0.00" : "50000.00")
                        .setCurrencyCode("CNY"))
                .setCategory(category)
                .setDaysPastDue(bucket < 88 ? 0 : bucket < 95 ? 45 : 200)
                .addReasonCodes("BENCH")
                .build();
    }
}
