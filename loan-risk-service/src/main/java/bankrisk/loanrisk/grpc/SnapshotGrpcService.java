package bankrisk.loanrisk.grpc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.LoanFlow;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotFlowBatch;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotGradeBatch;
import bank.loanrisk.v1.SnapshotServiceGrpc;
import bank.loanrisk.v1.StreamSnapshotFlowsRequest;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.error.GrpcErrors;
import bankrisk.common.error.Violations;
import bankrisk.common.security.Roles;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.reconciliation.Reconciliations;
import bankrisk.loanrisk.snapshot.StreamedGrade;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.loanrisk.snapshot.Snapshots;
import bankrisk.platform.stream.PacedStreams;
import bankrisk.platform.stream.Source;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;

/**
 * gRPC adapter of {@code bank.loanrisk.v1.SnapshotService}: a snapshot is streamed by {@link PacedStreams}, read page
 * by page in loan-id order (keyset paging on the immutable rows, so no cursor or connection is held while a slow
 * client reads) and sent as the client reads. Memory stays at one page plus gRPC's outbound buffer whatever the
 * snapshot's size. Both grade streams read the same pages: one grade per message, or a page's grades batched into few
 * messages. The flows between two snapshots are paged and batched the same way, from {@link Reconciliations}' query.
 */
@GrpcService
@Blocking
public class SnapshotGrpcService extends SnapshotServiceGrpc.SnapshotServiceImplBase {

    /** Bound of one batch message, well under every client's default 4 MiB inbound limit. */
    static final int MAX_BATCH_BYTES = 1 << 20;

    private final Snapshots snapshots;
    private final LoanRiskConfig config;
    private final PacedStreams streams;
    private final Reconciliations reconciliations;

    @Inject
    SnapshotGrpcService(Snapshots snapshots, LoanRiskConfig config, PacedStreams streams, Reconciliations reconciliations) {
        this.snapshots = snapshots;
        this.config = config;
        this.streams = streams;
        this.reconciliations = reconciliations;
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
        stream(request, observer, (rows, header) -> rows.stream().map(row -> GradeMapper.grade(row, header.currency(),
                header.previousSnapshotId())).toList());
    }

    @Override
    @RolesAllowed({ Roles.SERVICE, Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public void streamSnapshotGradeBatches(StreamSnapshotGradesRequest request, StreamObserver<SnapshotGradeBatch> observer) {
        stream(request, observer, SnapshotGrpcService::batches);
    }

    private <T> void stream(StreamSnapshotGradesRequest request, StreamObserver<T> observer,
            BiFunction<List<StreamedGrade>, Period, List<T>> toMessages) {
        SnapshotHeader header;
        try {
            header = snapshots.byId(GradeMapper.snapshotId(request.getSnapshotId(), "snapshot_id"));
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatusException(e));
            return;
        }
        streams.stream(observer, new Pages<>(header, config.snapshotPageSize(), toMessages));
    }

    @Override
    @RolesAllowed({ Roles.SERVICE, Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public void streamSnapshotFlows(StreamSnapshotFlowsRequest request, StreamObserver<SnapshotFlowBatch> observer) {
        Reconciliations.Pair pair;
        try {
            Violations violations = new Violations();
            String from = GradeMapper.snapshotId(request.getFromSnapshotId(), "from_snapshot_id", violations);
            String to = GradeMapper.snapshotId(request.getToSnapshotId(), "to_snapshot_id", violations);
            violations.throwIfAny();
            pair = reconciliations.pair(from, to);
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatusException(e));
            return;
        }
        streams.stream(observer, new FlowPages(pair, config.snapshotPageSize()));
    }

    /** A page of rows as batches of at most {@link #MAX_BATCH_BYTES} each (one batch unless reason codes are huge). */
    static List<SnapshotGradeBatch> batches(List<StreamedGrade> rows, Period period) {
        return batches(rows.stream().map(row -> GradeMapper.grade(row, period.currency(), period.previousSnapshotId())).toList(),
                grades -> SnapshotGradeBatch.newBuilder().addAllGrades(grades).build());
    }

    /**
     * Messages as consecutive batches of at most {@link #MAX_BATCH_BYTES} of encoded items each (an item larger than
     * that alone in its batch); none for no items, so a batch is never empty.
     */
    static <M extends MessageLite, B> List<B> batches(List<M> items, Function<List<M>, B> batch) {
        List<B> batches = new ArrayList<>(1);
        int first = 0;
        int bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            int size = CodedOutputStream.computeMessageSize(1, items.get(i));
            if (bytes + size > MAX_BATCH_BYTES && i > first) {
                batches.add(batch.apply(items.subList(first, i)));
                first = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (items.size() > first) {
            batches.add(batch.apply(items.subList(first, items.size())));
        }
        return batches;
    }

    /** What every row of one stream shares: the reporting currency and the period since the previous snapshot. */
    record Period(String currency, String previousSnapshotId, LocalDate start, LocalDate end) {
    }

    /** A snapshot's rows page by page in loan-id order, as messages. */
    private final class Pages<T> implements Source<T> {
        private final UUID snapshotId;
        private final Period period;
        private final int pageSize;
        private final BiFunction<List<StreamedGrade>, Period, List<T>> toMessages;
        private String lastLoanId;

        Pages(SnapshotHeader header, int pageSize, BiFunction<List<StreamedGrade>, Period, List<T>> toMessages) {
            this.snapshotId = header.snapshotId();
            Optional<SnapshotHeader> previous = snapshots.latestBefore(header.asOf());
            this.period = new Period(header.currency(), previous.map(p -> p.snapshotId().toString()).orElse(""),
                    previous.map(SnapshotHeader::asOf).orElse(null), header.asOf());
            this.pageSize = pageSize;
            this.toMessages = toMessages;
        }

        @Override
        public Batch<T> next() {
            List<StreamedGrade> rows = snapshots.page(snapshotId, period.start(), period.end(), lastLoanId, pageSize);
            if (!rows.isEmpty()) {
                lastLoanId = rows.get(rows.size() - 1).grade().loanId();
            }
            List<T> messages = toMessages.apply(rows, period);
            return rows.size() < pageSize ? Batch.last(messages) : Batch.more(messages);
        }
    }

    /** The loans between two snapshots page by page in loan-id order, as batches. */
    private final class FlowPages implements Source<SnapshotFlowBatch> {
        private final Reconciliations.Pair pair;
        private final int pageSize;
        private String lastLoanId = "";

        FlowPages(Reconciliations.Pair pair, int pageSize) {
            this.pair = pair;
            this.pageSize = pageSize;
        }

        @Override
        public Batch<SnapshotFlowBatch> next() {
            var rows = reconciliations.page(pair, lastLoanId, pageSize);
            if (!rows.isEmpty()) {
                lastLoanId = rows.get(rows.size() - 1).loanId();
            }
            List<LoanFlow> flows = rows.stream().map(row -> GradeMapper.flow(row, pair.to().currency())).toList();
            List<SnapshotFlowBatch> messages = batches(flows, loans -> SnapshotFlowBatch.newBuilder().addAllLoans(loans).build());
            return rows.size() < pageSize ? Batch.last(messages) : Batch.more(messages);
        }
    }
}
