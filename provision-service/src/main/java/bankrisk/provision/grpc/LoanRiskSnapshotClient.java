package bankrisk.provision.grpc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bank.common.v1.Money;
import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotGradeBatch;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bank.loanrisk.v1.StreamSnapshotGradesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Amounts;
import bankrisk.platform.security.ServiceIdentity;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.run.CollateralKind;
import bankrisk.provision.run.GradedLoan;
import bankrisk.provision.run.SnapshotHeader;
import bankrisk.provision.run.SnapshotSource;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;

/**
 * Reads loan-risk's {@code SnapshotService} (gRPC client {@code loan-risk}) as {@code provision-service} (role
 * {@code service}, {@link ServiceIdentity}). Each call has a deadline ({@code provision.run.snapshot-deadline},
 * {@code stream-deadline}); {@link bankrisk.provision.run.RunService} retries the transient failures. A snapshot row that cannot be
 * provisioned (another currency, a negative or malformed amount, no category) fails the run with
 * FAILED_PRECONDITION naming the row: provisions are never computed on part of a book.
 */
@ApplicationScoped
public class LoanRiskSnapshotClient implements SnapshotSource {

    static final String SERVICE = "loan-risk";

    private final SnapshotServiceBlockingStub stub;
    private final ProvisionConfig config;

    @Inject
    LoanRiskSnapshotClient(@GrpcClient("loan-risk") @RegisterClientInterceptor(ServiceIdentity.class) SnapshotServiceBlockingStub stub, ProvisionConfig config) {
        this.stub = stub;
        this.config = config;
    }

    @Override
    public SnapshotHeader snapshot(LocalDate asOf) {
        Snapshot snapshot;
        try {
            snapshot = UpstreamCalls.unary(() -> stub.withDeadlineAfter(config.run().snapshotDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(asOf)).build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new FailedPreconditionException("SNAPSHOT_NOT_FOUND", "loan-risk has no completed snapshot for " + asOf);
            }
            throw UpstreamCalls.translate(SERVICE, e);
        }
        Violations violations = new Violations();
        LocalDate snapshotDate = Dates.parse(snapshot.getAsOf(), "as_of", violations);
        BigDecimal total = Decimals.parseAmount(snapshot.getTotalBalance(), "total_balance", violations);
        String currency = snapshot.getTotalBalance().getCurrencyCode().isEmpty() ? config.reportingCurrency()
                : snapshot.getTotalBalance().getCurrencyCode();
        violations.require(!snapshot.getSnapshotId().isEmpty(), "snapshot_id", "is empty");
        violations.require(snapshot.getLoanCount() >= 0, "loan_count", "is negative");
        rethrowAsBadData(violations, "snapshot of " + asOf);
        if (!asOf.equals(snapshotDate)) {
            throw new FailedPreconditionException("SNAPSHOT_DATE_MISMATCH", "loan-risk returned the snapshot of " + snapshotDate
                    + " when asked for " + asOf);
        }
        return new SnapshotHeader(snapshot.getSnapshotId(), snapshotDate, snapshot.getLoanCount(), total, currency,
                snapshot.getRuleSetVersion(), snapshot.getFingerprint());
    }

    /**
     * Reads the batched stream (many grades per message). A loan-risk that predates it answers UNIMPLEMENTED before
     * any row: the same rows are then read one per message, within the same deadline.
     */
    @Override
    public void forEachGrade(String snapshotId, Consumer<GradedLoan> sink) {
        UpstreamCalls.cancellable(SERVICE, () -> {
            SnapshotServiceBlockingStub call = stub.withDeadline(Deadline.after(config.run().streamDeadline().toMillis(), TimeUnit.MILLISECONDS));
            StreamSnapshotGradesRequest request = StreamSnapshotGradesRequest.newBuilder().setSnapshotId(snapshotId).build();
            long row = 0;
            try {
                Iterator<SnapshotGradeBatch> batches = call.streamSnapshotGradeBatches(request);
                while (batches.hasNext()) {
                    for (SnapshotGrade grade : batches.next().getGradesList()) {
                        sink.accept(toDomain(grade, row++));
                    }
                }
            } catch (StatusRuntimeException e) {
                if (row > 0 || e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                    throw e;
                }
                Iterator<SnapshotGrade> grades = call.streamSnapshotGrades(request);
                while (grades.hasNext()) {
                    sink.accept(toDomain(grades.next(), row++));
                }
            }
            return null;
        });
    }

    GradedLoan toDomain(SnapshotGrade grade, long row) {
        Violations violations = new Violations();
        violations.require(!grade.getLoanId().isEmpty(), "loan_id", "is empty");
        BigDecimal balance = amount(grade.getOutstandingBalance(), "outstanding_balance", violations, grade, row);
        if (balance != null) {
            violations.require(balance.signum() >= 0, "outstanding_balance", "is negative");
        }
        CollateralKind collateral = grade.getCollateralKind() == bank.loanrisk.v1.CollateralKind.COLLATERAL_KIND_UNSPECIFIED
                ? CollateralKind.NONE
                : Enums.fromProto(grade.getCollateralKind(), CollateralKind.class, "collateral_kind", violations);
        BigDecimal collateralValue = grade.getCollateralValue().getAmount().isEmpty() ? Amounts.ZERO
                : amount(grade.getCollateralValue(), "collateral_value", violations, grade, row);
        if (collateralValue != null) {
            violations.require(collateralValue.signum() >= 0, "collateral_value", "is negative");
        }
        LoanCategory category = Enums.fromProto(grade.getCategory(), LoanCategory.class, "category", violations);
        violations.require(grade.getDaysPastDue() >= 0, "days_past_due", "is negative");
        if (!violations.isEmpty()) {
            rethrowAsBadData(violations, where(grade, row));
        }
        return new GradedLoan(grade.getLoanId(), grade.getBorrowerCustomerNumber(), name(grade.getBorrowerKind()),
                name(grade.getProduct()), grade.getBranchCode(), balance, collateral, collateralValue, category, grade.getDaysPastDue());
    }

    /** Named only when a row fails: building the text for every row would cost more than checking it. */
    private static String where(SnapshotGrade grade, long row) {
        return "snapshot row " + row + " (loan '" + grade.getLoanId() + "')";
    }

    private BigDecimal amount(Money money, String field, Violations violations, SnapshotGrade grade, long row) {
        String currency = money.getCurrencyCode();
        if (!currency.isEmpty() && !currency.equals(config.reportingCurrency())) {
            throw new FailedPreconditionException("CURRENCY_MISMATCH", "loan-risk " + where(grade, row) + ": " + field + " is in " + currency
                    + ", not the reporting currency " + config.reportingCurrency());
        }
        return Decimals.parseAmount(money, field, violations);
    }

    /** loan-risk's data is not the caller's argument: a bad row is a failed precondition of the run, naming the row. */
    private static void rethrowAsBadData(Violations violations, String where) {
        try {
            violations.throwIfAny();
        } catch (InvalidArgumentException e) {
            throw new FailedPreconditionException("SNAPSHOT_ROW_INVALID", "loan-risk " + where + " cannot be provisioned: " + e.getMessage());
        }
    }

    /** "PRODUCT_PERSONAL_MORTGAGE" → "PERSONAL_MORTGAGE". */
    private static String name(Enum<?> value) {
        String name = value.name();
        int cut = value instanceof bank.loanrisk.v1.Product ? "PRODUCT_".length() : "BORROWER_KIND_".length();
        return name.length() > cut ? name.substring(cut) : name;
    }
}
