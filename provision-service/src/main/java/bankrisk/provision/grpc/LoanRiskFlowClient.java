package bankrisk.provision.grpc;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bank.common.v1.Money;
import bank.loanrisk.v1.LoanFlow;
import bank.loanrisk.v1.PeriodFlows;
import bank.loanrisk.v1.SnapshotFlowBatch;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bank.loanrisk.v1.StreamSnapshotFlowsRequest;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.common.error.FailedPreconditionException;
import bankrisk.common.error.InvalidArgumentException;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Amounts;
import bankrisk.platform.security.ServiceIdentity;
import bankrisk.provision.config.ProvisionConfig;
import bankrisk.provision.policy.LoanCategory;
import bankrisk.provision.returns.FlowSource;
import bankrisk.provision.returns.LoanFlowFact;
import io.grpc.Deadline;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;

/**
 * Reads loan-risk's {@code StreamSnapshotFlows} (gRPC client {@code loan-risk}, as {@code provision-service}) within the
 * stream deadline. A row that cannot be reported (a malformed amount, a balance in another currency than the
 * reporting one) refuses the return with FAILED_PRECONDITION naming the row: a return is never built on part of a book.
 */
@ApplicationScoped
public class LoanRiskFlowClient implements FlowSource {

    private final SnapshotServiceBlockingStub stub;
    private final ProvisionConfig config;

    @Inject
    LoanRiskFlowClient(@GrpcClient("loan-risk") @RegisterClientInterceptor(ServiceIdentity.class) SnapshotServiceBlockingStub stub,
            ProvisionConfig config) {
        this.stub = stub;
        this.config = config;
    }

    @Override
    public void forEachFlow(String fromSnapshotId, String toSnapshotId, Consumer<LoanFlowFact> sink) {
        UpstreamCalls.cancellable(LoanRiskSnapshotClient.SERVICE, () -> {
            Iterator<SnapshotFlowBatch> batches = stub
                    .withDeadline(Deadline.after(config.run().streamDeadline().toMillis(), TimeUnit.MILLISECONDS))
                    .streamSnapshotFlows(StreamSnapshotFlowsRequest.newBuilder().setFromSnapshotId(fromSnapshotId).setToSnapshotId(toSnapshotId).build());
            long row = 0;
            while (batches.hasNext()) {
                for (LoanFlow flow : batches.next().getLoansList()) {
                    sink.accept(toDomain(flow, row++));
                }
            }
            return null;
        });
    }

    LoanFlowFact toDomain(LoanFlow flow, long row) {
        Violations violations = new Violations();
        violations.require(!flow.getLoanId().isEmpty(), "loan_id", "is empty");
        PeriodFlows f = flow.getFlowsReporting();
        LoanFlowFact fact = new LoanFlowFact(flow.getLoanId(), flow.getBorrowerCustomerNumber(), flow.getOriginalCurrencyCode(),
                category(flow.getFromCategory(), "from_category", violations), category(flow.getToCategory(), "to_category", violations),
                reporting(flow.getOpeningBalance(), "opening_balance", violations), reporting(flow.getClosingBalance(), "closing_balance", violations),
                reporting(f.getDisbursed(), "flows_reporting.disbursed", violations), reporting(f.getRepaid(), "flows_reporting.repaid", violations),
                reporting(f.getWrittenOff(), "flows_reporting.written_off", violations),
                reporting(f.getTransferred(), "flows_reporting.transferred", violations),
                reporting(f.getForeclosed(), "flows_reporting.foreclosed", violations),
                optional(flow.getUnexplainedDifference(), "unexplained_difference", violations), flow.getBranchCode(),
                reporting(f.getRecovered(), "flows_reporting.recovered", violations),
                reporting(f.getTransferPrice(), "flows_reporting.transfer_price", violations),
                reporting(f.getForeclosedAssetValue(), "flows_reporting.foreclosed_asset_value", violations));
        try {
            violations.throwIfAny();
        } catch (InvalidArgumentException e) {
            throw new FailedPreconditionException("FLOW_ROW_INVALID", "loan-risk flow row " + row + " (loan '" + flow.getLoanId()
                    + "') cannot be reported: " + e.getMessage());
        }
        return fact;
    }

    /** UNSPECIFIED means "not in that snapshot", a fact the contract states, not a malformed row. */
    private static LoanCategory category(bank.loanrisk.v1.LoanCategory category, String field, Violations violations) {
        return category == bank.loanrisk.v1.LoanCategory.LOAN_CATEGORY_UNSPECIFIED ? null
                : Enums.fromProto(category, LoanCategory.class, field, violations);
    }

    private BigDecimal reporting(Money money, String field, Violations violations) {
        if (money.getAmount().isEmpty()) {
            return Amounts.ZERO;
        }
        if (!money.getCurrencyCode().isEmpty() && !money.getCurrencyCode().equals(config.reportingCurrency())) {
            violations.add(field, "is in " + money.getCurrencyCode() + ", not the reporting currency " + config.reportingCurrency());
            return Amounts.ZERO;
        }
        BigDecimal amount = Decimals.parseAmount(money, field, violations);
        return amount == null ? Amounts.ZERO : amount;
    }

    private static BigDecimal optional(Money money, String field, Violations violations) {
        if (money.getAmount().isEmpty()) {
            return Amounts.ZERO;
        }
        BigDecimal amount = Decimals.parseAmount(money, field, violations);
        return amount == null ? Amounts.ZERO : amount;
    }
}
