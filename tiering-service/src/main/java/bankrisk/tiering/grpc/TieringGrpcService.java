package bankrisk.tiering.grpc;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.ListAuditEventsResponse;
import bank.tiering.v1.CreateCustomerRequest;
import bank.tiering.v1.CreateSchemeRequest;
import bank.tiering.v1.CreateValueClassSchemeRequest;
import bank.tiering.v1.Customer;
import bank.tiering.v1.CustomerProjection;
import bank.tiering.v1.CustomerTier;
import bank.tiering.v1.DecideTierFloorRequest;
import bank.tiering.v1.EvaluateMonthRequest;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.GetCustomerRequest;
import bank.tiering.v1.GetCustomerTierRequest;
import bank.tiering.v1.GetTierDistributionRequest;
import bank.tiering.v1.GetTierHistoryRequest;
import bank.tiering.v1.GetTierHistoryResponse;
import bank.tiering.v1.ListSchemesRequest;
import bank.tiering.v1.ListSchemesResponse;
import bank.tiering.v1.ListTierChangesRequest;
import bank.tiering.v1.ListTierChangesResponse;
import bank.tiering.v1.ListTierRisksRequest;
import bank.tiering.v1.ListTierRisksResponse;
import bank.tiering.v1.ListTierCustomersRequest;
import bank.tiering.v1.ListTierCustomersResponse;
import bank.tiering.v1.ListValueClassSchemesRequest;
import bank.tiering.v1.ListValueClassSchemesResponse;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.ProjectCustomerTierRequest;
import bank.tiering.v1.ProposeTierFloorRequest;
import bank.tiering.v1.PutBalancesRequest;
import bank.tiering.v1.PutFxRatesRequest;
import bank.tiering.v1.PutFxRatesResponse;
import bank.tiering.v1.StreamTierAssignmentsRequest;
import bank.tiering.v1.TierAssignment;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TierDistribution;
import bank.tiering.v1.TierFloor;
import bank.tiering.v1.TierScheme;
import bank.tiering.v1.TieringService;
import bank.tiering.v1.ValueClassScheme;
import bank.tiering.v1.WatchTierChangesRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Paging;
import bankrisk.api.convert.Texts;
import bankrisk.api.error.RunInProgressStatus;
import bankrisk.common.error.RunInProgressException;
import bankrisk.common.error.Violations;
import bankrisk.common.run.RunLock;
import bankrisk.common.security.Actor;
import bankrisk.common.security.Roles;
import bankrisk.platform.audit.AuditEvents;
import bankrisk.platform.security.Caller;
import bankrisk.platform.stream.InboundFlowControl;
import bankrisk.platform.stream.LoadCalls;
import bankrisk.platform.stream.PacedStreams;
import bankrisk.tiering.balance.BalanceService;
import bankrisk.tiering.balance.FxRateService;
import bankrisk.tiering.customer.CustomerService;
import bankrisk.tiering.evaluation.EvaluationService;
import bankrisk.tiering.evaluation.TierChangeBroadcaster;
import bankrisk.tiering.evaluation.TierChangeFeed;
import bankrisk.tiering.evaluation.TierQueries;
import bankrisk.tiering.floor.FloorService;
import bankrisk.tiering.projection.ProjectionService;
import bankrisk.tiering.scheme.SchemeService;
import io.grpc.Context;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** gRPC adapter of {@code bank.tiering.v1.TieringService}: maps messages, delegates to the domain services. */
@GrpcService
@RegisterInterceptor(InboundFlowControl.class)
@Blocking
public class TieringGrpcService implements TieringService {

    /** Longest reason or comment of a floor (the audit trail's reason holds 1,000 characters). */
    private static final int TEXT_LENGTH = 1000;

    private final CustomerService customers;
    private final BalanceService balances;
    private final FxRateService fxRates;
    private final SchemeService schemes;
    private final EvaluationService evaluations;
    private final TierQueries queries;
    private final TierChangeBroadcaster broadcaster;
    private final AuditEvents auditEvents;
    private final Caller caller;
    private final LoadCalls loadCalls;

    @Inject
    DataSource dataSource;

    @Inject
    PacedStreams streams;

    @Inject
    ProjectionService projections;

    @Inject
    FloorService floors;

    @Inject
    TieringGrpcService(CustomerService customers, BalanceService balances, FxRateService fxRates, SchemeService schemes,
            EvaluationService evaluations, TierQueries queries, TierChangeBroadcaster broadcaster, AuditEvents auditEvents,
            Caller caller, LoadCalls loadCalls) {
        this.customers = customers;
        this.balances = balances;
        this.fxRates = fxRates;
        this.schemes = schemes;
        this.evaluations = evaluations;
        this.queries = queries;
        this.broadcaster = broadcaster;
        this.auditEvents = auditEvents;
        this.caller = caller;
        this.loadCalls = loadCalls;
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Uni<Customer> createCustomer(CreateCustomerRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> CustomerMapper.toProto(customers.register(actor, CustomerMapper.toDomain(request))));
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
        return Uni.createFrom().item(() -> CustomerMapper.toProto(customers.get(customerNumber(request.getCustomerNumber()))));
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Uni<LoadBalancesResponse> loadBalances(Multi<LoadBalancesRequest> request) {
        Actor actor = caller.actor();
        return loadCalls.receive(request, () -> balances.stream(actor),
                (chunk, load) -> BalanceMapper.readers(chunk.getBalancesList()).forEach(load::accept), BalanceMapper::toProto);
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Uni<LoadBalancesResponse> putBalances(PutBalancesRequest request) {
        Actor actor = caller.actor();
        Context call = Context.current();
        return Uni.createFrom().item(() -> BalanceMapper.toProto(
                balances.put(actor, BalanceMapper.readers(request.getBalancesList()), () -> !call.isCancelled())));
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Uni<PutFxRatesResponse> putFxRates(PutFxRatesRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> PutFxRatesResponse.newBuilder()
                .setStored(fxRates.put(actor, BalanceMapper.rates(request.getRatesList())))
                .build());
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Uni<TierScheme> createScheme(CreateSchemeRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> SchemeMapper.toProto(schemes.create(actor, SchemeMapper.toDomain(request))));
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<ListSchemesResponse> listSchemes(ListSchemesRequest request) {
        return Uni.createFrom().item(() -> {
            ListSchemesResponse.Builder out = ListSchemesResponse.newBuilder();
            schemes.list().forEach(scheme -> out.addSchemes(SchemeMapper.toProto(scheme)));
            return out.build();
        });
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Uni<ValueClassScheme> createValueClassScheme(CreateValueClassSchemeRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> SchemeMapper.toProto(schemes.createValueClasses(actor, SchemeMapper.toDomain(request))));
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<ListValueClassSchemesResponse> listValueClassSchemes(ListValueClassSchemesRequest request) {
        return Uni.createFrom().item(() -> {
            ListValueClassSchemesResponse.Builder out = ListValueClassSchemesResponse.newBuilder();
            schemes.listValueClasses().forEach(scheme -> out.addSchemes(SchemeMapper.toProto(scheme)));
            return out.build();
        });
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Multi<EvaluationProgress> evaluateMonth(EvaluateMonthRequest request) {
        Actor actor = caller.actor();
        return streams.<EvaluationProgress> progress(progress -> {
            try {
                YearMonth month = month(request.getMonth(), "month");
                // One replica evaluates a month; the others answer ABORTED RUN_IN_PROGRESS with the job id.
                try (RunLock lock = RunLock.acquire(dataSource, "tiering/evaluate-month", month.toString())) {
                    evaluations.evaluate(actor, month, request.getForce(),
                            stage -> progress.emit(TierMapper.toProto(stage).toBuilder().setJobId(lock.jobId()).build()));
                }
                progress.complete();
            } catch (RunInProgressException running) {
                progress.fail(RunInProgressStatus.of(running));
            } catch (RuntimeException failure) {
                progress.fail(failure);
            }
        }).runSubscriptionOn(worker());
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    @NonBlocking // a hot read: one hop to a worker for the query; @Blocking hops for every event of the call
    public Uni<CustomerTier> getCustomerTier(GetCustomerTierRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String number = Texts.identifier(request.getCustomerNumber(), "customer_number", 32, violations);
            YearMonth month = Dates.parse(request.getMonth(), "month", violations);
            violations.throwIfAny();
            return TierMapper.toProto(queries.customerTier(number, month));
        }).runSubscriptionOn(worker());
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<GetTierHistoryResponse> getTierHistory(GetTierHistoryRequest request) {
        return Uni.createFrom().item(() -> {
            GetTierHistoryResponse.Builder out = GetTierHistoryResponse.newBuilder();
            queries.history(customerNumber(request.getCustomerNumber()))
                    .forEach(tier -> out.addMonths(TierMapper.toProto(tier)));
            return out.build();
        });
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<ListTierCustomersResponse> listTierCustomers(ListTierCustomersRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            YearMonth month = Dates.parse(request.getMonth(), "month", violations);
            String tier = request.getTierCode().isEmpty() ? null
                    : Texts.identifier(request.getTierCode(), "tier_code", 32, violations);
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            violations.throwIfAny();
            TierQueries.Page<TierQueries.CustomerTier> found = queries.tierCustomers(month, tier, page.offset(), page.size());
            ListTierCustomersResponse.Builder out = ListTierCustomersResponse.newBuilder()
                    .setPage(Paging.info(page, found.items().size(), found.total()));
            found.items().forEach(item -> out.addCustomers(TierMapper.toProto(item)));
            return out.build();
        });
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<TierDistribution> getTierDistribution(GetTierDistributionRequest request) {
        return Uni.createFrom().item(() -> TierMapper.toProto(queries.distribution(month(request.getMonth(), "month"))));
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<ListTierChangesResponse> listTierChanges(ListTierChangesRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            YearMonth from = Dates.parse(request.getFromMonth(), "from_month", violations);
            YearMonth to = Dates.parse(request.getToMonth(), "to_month", violations);
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            violations.throwIfAny();
            TierQueries.Page<TierQueries.Change> found = queries.changes(from, to, page.offset(), page.size());
            ListTierChangesResponse.Builder out = ListTierChangesResponse.newBuilder()
                    .setPage(Paging.info(page, found.items().size(), found.total()));
            found.items().forEach(change -> out.addChanges(TierMapper.toProto(change)));
            return out.build();
        });
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Multi<TierChange> watchTierChanges(WatchTierChangesRequest request) {
        Violations violations = new Violations();
        long after = request.getFromSequence();
        boolean anyMonth = after > 0 && !request.hasFromMonth();
        YearMonth from = anyMonth ? null : Dates.parse(request.getFromMonth(), "from_month", violations);
        if (after < 0) {
            violations.add("from_sequence", "must not be negative");
        } else if (after > 0) {
            long last = queries.lastSequence();
            violations.require(after <= last, "from_sequence", after + " is beyond the last sequence " + last);
        }
        violations.throwIfAny();
        return streams.stream(new TierChangeFeed(from, after, queries, broadcaster, queries.pageSize())
                .map(TierMapper::toProto));
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Multi<TierAssignment> streamTierAssignments(StreamTierAssignmentsRequest request) {
        YearMonth month = month(request.getMonth(), "month");
        return streams.stream(queries.assignments(month).map(TierMapper::toAssignment));
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<CustomerProjection> projectCustomerTier(ProjectCustomerTierRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String number = Texts.identifier(request.getCustomerNumber(), "customer_number", 32, violations);
            YearMonth month = Dates.parse(request.getMonth(), "month", violations);
            LocalDate date = Dates.parse(request.getBusinessDate(), "business_date", violations);
            violations.throwIfAny();
            return ProjectionMapper.toProto(projections.project(number, month, date));
        });
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR, Roles.SERVICE })
    public Uni<ListTierRisksResponse> listTierRisks(ListTierRisksRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            YearMonth month = Dates.parse(request.getMonth(), "month", violations);
            LocalDate date = Dates.parse(request.getBusinessDate(), "business_date", violations);
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            violations.throwIfAny();
            ProjectionService.Risks found = projections.risks(month, date, page.offset(), page.size());
            ListTierRisksResponse.Builder out = ListTierRisksResponse.newBuilder()
                    .setPage(Paging.info(page, found.items().size(), found.total()));
            found.items().forEach(risk -> out.addRisks(ProjectionMapper.toProto(risk, found.currency())));
            return out.build();
        });
    }

    @Override
    @RolesAllowed(Roles.TIER_ADMIN)
    public Uni<TierFloor> proposeTierFloor(ProposeTierFloorRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String number = Texts.identifier(request.getCustomerNumber(), "customer_number", 32, violations);
            String tier = Texts.identifier(request.getTierCode(), "tier_code", 32, violations);
            YearMonth first = Dates.parse(request.getFirstMonth(), "first_month", violations);
            YearMonth last = Dates.parse(request.getLastMonth(), "last_month", violations);
            String reason = Texts.text(request.getReason(), "reason", TEXT_LENGTH, violations);
            violations.throwIfAny();
            return FloorMapper.toProto(floors.propose(actor, number, tier, first, last, reason));
        });
    }

    @Override
    @RolesAllowed(Roles.TIER_APPROVER)
    public Uni<TierFloor> approveTierFloor(DecideTierFloorRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> {
            String comment = comment(request);
            return FloorMapper.toProto(floors.approve(request.getFloorId(), actor, comment));
        });
    }

    @Override
    @RolesAllowed(Roles.TIER_APPROVER)
    public Uni<TierFloor> rejectTierFloor(DecideTierFloorRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> {
            String comment = comment(request);
            return FloorMapper.toProto(floors.reject(request.getFloorId(), actor, comment));
        });
    }

    /** Validates a decision's id and comment (every bad field at once). */
    private static String comment(DecideTierFloorRequest request) {
        Violations violations = new Violations();
        violations.require(request.getFloorId() > 0, "floor_id", "must be a floor id (> 0)");
        String comment = Texts.optionalText(request.getComment(), "comment", TEXT_LENGTH, violations);
        violations.throwIfAny();
        return comment == null ? "" : comment;
    }

    @Override
    @RolesAllowed({ Roles.TIER_ADMIN, Roles.AUDITOR })
    public Uni<ListAuditEventsResponse> listAuditEvents(ListAuditEventsRequest request) {
        return Uni.createFrom().item(() -> auditEvents.list(request));
    }

    private static String customerNumber(String value) {
        Violations violations = new Violations();
        String number = Texts.identifier(value, "customer_number", 32, violations);
        violations.throwIfAny();
        return number;
    }

    private static YearMonth month(bank.common.v1.YearMonth value, String field) {
        Violations violations = new Violations();
        YearMonth month = Dates.parse(value, field, violations);
        violations.throwIfAny();
        return month;
    }

    private static Executor worker() {
        return Infrastructure.getDefaultWorkerPool();
    }
}
