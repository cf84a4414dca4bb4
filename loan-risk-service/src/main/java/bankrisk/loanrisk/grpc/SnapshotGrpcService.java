package bankrisk.loanrisk.grpc;

import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.GrpcErrors;
import bankrisk.common.error.Violations;
import bankrisk.common.security.Roles;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.snapshot.GradedLoan;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.loanrisk.snapshot.Snapshots;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;

/**
 * gRPC adapter of {@code bank.loanrisk.v1.SnapshotService}, written against the plain grpc-java observer API for
 * its flow control: a snapshot is sent only while the transport is ready ({@code isReady}/{@code onReadyHandler}),
 * read page by page in loan-id order (keyset paging on the immutable rows, so no cursor or connection is held while
 * a slow client reads). Memory stays at one page plus gRPC's outbound buffer whatever the snapshot's size.
 */
@GrpcService
@Blocking
public class SnapshotGrpcService extends SnapshotServiceGrpc.SnapshotServiceImplBase {

    private final Snapshots snapshots;
    private final LoanRiskConfig config;

    @Inject
    SnapshotGrpcService(Snapshots snapshots, LoanRiskConfig config) {
        this.snapshots = snapshots;
        this.config = config;
    }

    @Override
    @RolesAllowed({ Roles.SERVICE, Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public void getSnapshot(GetSnapshotRequest request, StreamObserver<Snapshot> observer) {
        try {
            Violations violations = new Violations();
            var asOf = Dates.parse(request.getAsOf(), "as_of", violations);
            violations.throwIfAny();
            observer.onNext(GradeMapper.snapshot(snapshots.byAsOf(asOf)));
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatusException(e));
        }
    }

    @Override
    @RolesAllowed({ Roles.SERVICE, Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public void streamSnapshotGrades(StreamSnapshotGradesRequest request, StreamObserver<SnapshotGrade> observer) {
        SnapshotHeader header;
        try {
            header = snapshots.byId(GradeMapper.snapshotId(request.getSnapshotId(), "snapshot_id"));
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatusException(e));
            return;
        }
        ServerCallStreamObserver<SnapshotGrade> call = (ServerCallStreamObserver<SnapshotGrade>) observer;
        Pump pump = new Pump(call, header, config.snapshotPageSize());
        call.setOnCancelHandler(pump::cancel);
        call.setOnReadyHandler(pump::drain);
        pump.drain();
    }

    /** Sends rows while the client keeps up; fetches the next page only when the previous one is sent. */
    private final class Pump {
        private final ServerCallStreamObserver<SnapshotGrade> call;
        private final UUID snapshotId;
        private final String currency;
        private final int pageSize;
        private Iterator<GradedLoan> page = List.<GradedLoan> of().iterator();
        private String lastLoanId;
        private boolean lastPage;
        private boolean done;

        Pump(ServerCallStreamObserver<SnapshotGrade> call, SnapshotHeader header, int pageSize) {
            this.call = call;
            this.snapshotId = header.snapshotId();
            this.currency = header.currency();
            this.pageSize = pageSize;
        }

        synchronized void cancel() {
            done = true;
        }

        synchronized void drain() {
            try {
                while (!done && call.isReady()) {
                    if (!page.hasNext()) {
                        if (lastPage) {
                            done = true;
                            call.onCompleted();
                            return;
                        }
                        List<GradedLoan> rows = snapshots.page(snapshotId, lastLoanId, pageSize);
                        lastPage = rows.size() < pageSize;
                        page = rows.iterator();
                        continue;
                    }
                    GradedLoan row = page.next();
                    lastLoanId = row.loanId();
                    call.onNext(GradeMapper.grade(row, currency));
                }
            } catch (RuntimeException e) {
                if (!done) {
                    done = true;
                    call.onError(GrpcErrors.toStatusException(e));
                }
            }
        }
    }
}
