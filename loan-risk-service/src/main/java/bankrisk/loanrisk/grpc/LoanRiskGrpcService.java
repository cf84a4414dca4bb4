package bankrisk.loanrisk.grpc;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import bank.common.v1.ListAuditEventsRequest;
import bank.common.v1.ListAuditEventsResponse;
import bank.loanrisk.v1.CardKind;
import bank.loanrisk.v1.ClassificationProgress;
import bank.loanrisk.v1.ClassificationStage;
import bank.loanrisk.v1.ClassifyPortfolioRequest;
import bank.loanrisk.v1.DecideOverrideRequest;
import bank.loanrisk.v1.DecideWriteOffRequest;
import bank.loanrisk.v1.GetLoanHistoryRequest;
import bank.loanrisk.v1.ListLoanEventsRequest;
import bank.loanrisk.v1.ListLoansRequest;
import bank.loanrisk.v1.ListLoansResponse;
import bank.loanrisk.v1.LoanCategory;
import bank.loanrisk.v1.LoanHistory;
import bank.loanrisk.v1.LoanHistoryEntry;
import bank.loanrisk.v1.PutFxRatesRequest;
import bank.loanrisk.v1.PutFxRatesResponse;
import bank.loanrisk.v1.ReconcileSnapshotsRequest;
import bank.loanrisk.v1.Reconciliation;
import bank.loanrisk.v1.ReconciliationBreak;
import bank.loanrisk.v1.ListLoanEventsResponse;
import bank.loanrisk.v1.ListPendingOverridesRequest;
import bank.loanrisk.v1.ListPendingOverridesResponse;
import bank.loanrisk.v1.ListPendingWriteOffsRequest;
import bank.loanrisk.v1.ListPendingWriteOffsResponse;
import bank.loanrisk.v1.LoadLoanEventsBatch;
import bank.loanrisk.v1.LoadLoanEventsResponse;
import bank.loanrisk.v1.GetLoanGradeRequest;
import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.GetMigrationMatrixRequest;
import bank.loanrisk.v1.GetSnapshotSummaryRequest;
import bank.loanrisk.v1.LoadLoanFactsBatch;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.Loan;
import bank.loanrisk.v1.LoanGrade;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.MigrationCell;
import bank.loanrisk.v1.MigrationMatrix;
import bank.loanrisk.v1.OverrideProposal;
import bank.loanrisk.v1.OverrideStatus;
import bank.loanrisk.v1.PreCheckConsumerLoanRequest;
import bank.loanrisk.v1.PreCheckConsumerLoanResponse;
import bank.loanrisk.v1.ProposeOverrideRequest;
import bank.loanrisk.v1.RecordLoanEventRequest;
import bank.loanrisk.v1.RecordLoanEventResponse;
import bank.loanrisk.v1.RegisterLoanRequest;
import bank.loanrisk.v1.SnapshotSummary;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.api.convert.Paging;
import bankrisk.api.convert.Texts;
import bankrisk.api.error.RunInProgressStatus;
import bankrisk.common.error.RunInProgressException;
import bankrisk.common.error.Violations;
import bankrisk.common.run.RunLock;
import bankrisk.common.security.Actor;
import bankrisk.common.security.Roles;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.event.LoanEventService;
import bankrisk.loanrisk.facts.FactsLoader;
import bankrisk.loanrisk.fx.FxRates;
import bankrisk.loanrisk.loan.LoanFilter;
import bankrisk.loanrisk.loan.LoanList;
import bankrisk.loanrisk.loan.Product;
import bankrisk.loanrisk.reconciliation.Reconciliations;
import bankrisk.loanrisk.snapshot.GradedLoan;
import bankrisk.loanrisk.snapshot.Snapshots;
import bankrisk.loanrisk.grading.Category;
import bankrisk.loanrisk.grading.LoanGrading;
import bankrisk.loanrisk.loan.LoanService;
import bankrisk.loanrisk.override.OverrideService;
import bankrisk.loanrisk.precheck.ConsumerLoanPreCheck;
import bankrisk.loanrisk.precheck.IdDocument;
import bankrisk.loanrisk.snapshot.ClassificationRun;
import bankrisk.loanrisk.snapshot.Reports;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.platform.audit.AuditEvents;
import bankrisk.platform.security.Caller;
import bankrisk.platform.stream.InboundFlowControl;
import bankrisk.platform.stream.LoadCalls;
import bankrisk.platform.stream.PacedStreams;
import io.grpc.Context;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * gRPC adapter of {@code bank.loanrisk.v1.LoanRiskService}: checks the caller's roles, maps messages, delegates to the
 * domain services. Who acts is always the verified caller ({@link Caller}), read when the call arrives, before any
 * work moves to another thread.
 */
@GrpcService
@RegisterInterceptor(InboundFlowControl.class)
@Blocking
public class LoanRiskGrpcService implements LoanRiskService {

    private static final int TEXT_LENGTH = 1000;

    private final LoanService loans;
    private final FactsLoader loader;
    private final ClassificationRun run;
    private final LoanGrading grading;
    private final Reports reports;
    private final OverrideService overrides;
    private final AuditEvents audit;
    private final Caller caller;
    private final LoanRiskConfig config;
    private final Clock clock;
    private final LoadCalls loadCalls;
    private final LoanEventService events;
    private final LoanList loanList;
    private final Snapshots snapshots;
    private final Reconciliations reconciliations;
    private final FxRates fxRates;

    @Inject
    DataSource dataSource;

    @Inject
    PacedStreams streams;

    @Inject
    LoanRiskGrpcService(LoanService loans, FactsLoader loader, ClassificationRun run, LoanGrading grading, Reports reports,
            OverrideService overrides, AuditEvents audit, Caller caller, LoanRiskConfig config, Clock clock, LoadCalls loadCalls,
            LoanEventService events, LoanList loanList, Snapshots snapshots, Reconciliations reconciliations, FxRates fxRates) {
        this.loans = loans;
        this.loader = loader;
        this.run = run;
        this.grading = grading;
        this.reports = reports;
        this.overrides = overrides;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
        this.loadCalls = loadCalls;
        this.events = events;
        this.loanList = loanList;
        this.snapshots = snapshots;
        this.reconciliations = reconciliations;
        this.fxRates = fxRates;
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Uni<Loan> registerLoan(RegisterLoanRequest request) {
        String actor = caller.name();
        String reason = caller.reason();
        return Uni.createFrom().item(() -> LoanMapper.toProto(loans.register(LoanMapper.toDomain(request), actor, reason)));
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE })
    public Uni<Loan> getLoan(GetLoanRequest request) {
        return Uni.createFrom().item(() -> LoanMapper.toProto(loans.get(loanId(request.getLoanId()))));
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Uni<LoadLoanFactsResponse> loadLoanFacts(Multi<LoadLoanFactsRequest> request) {
        return load(request.map(List::of));
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Uni<LoadLoanFactsResponse> loadLoanFactsBatches(Multi<LoadLoanFactsBatch> request) {
        return load(request.map(LoadLoanFactsBatch::getRowsList));
    }

    /** One facts load, whatever number of rows each message carries. */
    private Uni<LoadLoanFactsResponse> load(Multi<List<LoadLoanFactsRequest>> messages) {
        Actor actor = caller.actor();
        return loadCalls.receive(messages, () -> loader.stream(actor),
                (rows, load) -> FactsMapper.readers(rows).forEach(load::accept), FactsMapper::toProto);
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Multi<ClassificationProgress> classifyPortfolio(ClassifyPortfolioRequest request) {
        String actor = caller.name();
        String reason = caller.reason();
        return streams.<ClassificationProgress> progress(emitter -> {
            try {
                Violations violations = new Violations();
                LocalDate asOf = Dates.parse(request.getAsOf(), "as_of", violations);
                violations.throwIfAny();
                AtomicBoolean completed = new AtomicBoolean();
                // One replica classifies an as-of date; the others answer ABORTED RUN_IN_PROGRESS with the job id.
                try (RunLock lock = RunLock.acquire(dataSource, "loan-risk/classify-portfolio", asOf.toString())) {
                    SnapshotHeader snapshot = run.classify(asOf, actor, reason, progress -> {
                        completed.set(progress.stage() == ClassificationRun.Stage.COMPLETED);
                        emitter.emit(GradeMapper.progress(progress).toBuilder().setJobId(lock.jobId()).build());
                    });
                    if (!completed.get()) {
                        emitter.emit(ClassificationProgress.newBuilder()
                                .setStage(ClassificationStage.CLASSIFICATION_STAGE_COMPLETED)
                                .setLoansGraded(snapshot.loanCount())
                                .setRuleSetVersion(snapshot.ruleSetVersion())
                                .setSnapshot(GradeMapper.snapshot(snapshot))
                                .setJobId(lock.jobId())
                                .build());
                    }
                }
                emitter.complete();
            } catch (RunInProgressException running) {
                emitter.fail(RunInProgressStatus.of(running));
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE })
    @NonBlocking // a hot read: one hop to a worker for the query; @Blocking hops for every event of the call
    public Uni<LoanGrade> getLoanGrade(GetLoanGradeRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String loanId = Texts.identifier(request.getLoanId(), "loan_id", 40, violations);
            LocalDate asOf = request.hasAsOf() ? Dates.parse(request.getAsOf(), "as_of", violations) : LocalDate.now(clock);
            violations.throwIfAny();
            return GradeMapper.loanGrade(grading.explain(loanId, asOf));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE })
    public Uni<SnapshotSummary> getSnapshotSummary(GetSnapshotSummaryRequest request) {
        return Uni.createFrom().item(() -> {
            Reports.Summary summary = reports.summary(GradeMapper.snapshotId(request.getSnapshotId(), "snapshot_id"));
            String currency = summary.snapshot().currency();
            SnapshotSummary.Builder out = SnapshotSummary.newBuilder()
                    .setSnapshot(GradeMapper.snapshot(summary.snapshot()))
                    .setNplRatio(Decimals.toDecimal(summary.nplRatio()))
                    .setNplBalance(Decimals.toMoney(summary.nplBalance(), currency));
            summary.categories().forEach(t -> out.addCategories(GradeMapper.total(t, currency)));
            reconciliations.againstPrevious(summary.snapshot()).ifPresent(count -> out
                    .setPreviousSnapshotId(count.previous().snapshotId().toString())
                    .setUnreconciledLoanCount(count.unreconciled()));
            return out.build();
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE })
    public Uni<MigrationMatrix> getMigrationMatrix(GetMigrationMatrixRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String from = GradeMapper.snapshotId(request.getFromSnapshotId(), "from_snapshot_id", violations);
            String to = GradeMapper.snapshotId(request.getToSnapshotId(), "to_snapshot_id", violations);
            violations.throwIfAny();
            Reports.MigrationMatrix matrix = reports.migration(from, to);
            String currency = matrix.to().currency();
            MigrationMatrix.Builder out = MigrationMatrix.newBuilder()
                    .setFrom(GradeMapper.snapshot(matrix.from()))
                    .setTo(GradeMapper.snapshot(matrix.to()));
            matrix.cells().forEach(c -> out.addCells(MigrationCell.newBuilder()
                    .setFrom(GradeMapper.category(c.from()))
                    .setTo(GradeMapper.category(c.to()))
                    .setLoanCount(c.loanCount())
                    .setBalance(Decimals.toMoney(c.balance(), currency))));
            matrix.newLoans().forEach(t -> out.addNewLoans(GradeMapper.total(t, currency)));
            matrix.repaidLoans().forEach(t -> out.addRepaidLoans(GradeMapper.total(t, currency)));
            return out.build();
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Uni<OverrideProposal> proposeOverride(ProposeOverrideRequest request) {
        String actor = caller.name();
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String loanId = Texts.identifier(request.getLoanId(), "loan_id", 40, violations);
            Category category = Enums.fromProto(request.getCategory(), Category.class, "category", violations);
            String reason = Texts.text(request.getReason(), "reason", TEXT_LENGTH, violations);
            LocalDate effectiveFrom = Dates.parse(request.getEffectiveFrom(), "effective_from", violations);
            violations.throwIfAny();
            return proposal(overrides.propose(loanId, category, reason, actor, effectiveFrom));
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_APPROVER)
    public Uni<OverrideProposal> approveOverride(DecideOverrideRequest request) {
        String actor = caller.name();
        return Uni.createFrom().item(() -> {
            Decision d = decision(request);
            return proposal(overrides.approve(d.proposalId(), actor, d.comment()));
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_APPROVER)
    public Uni<OverrideProposal> rejectOverride(DecideOverrideRequest request) {
        String actor = caller.name();
        return Uni.createFrom().item(() -> {
            Decision d = decision(request);
            return proposal(overrides.reject(d.proposalId(), actor, d.comment()));
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public Uni<ListAuditEventsResponse> listAuditEvents(ListAuditEventsRequest request) {
        return Uni.createFrom().item(() -> {
            // A NUL in a filter would reach PostgreSQL (which cannot compare it) as a server error: refused here.
            Violations violations = new Violations();
            Texts.optionalText(request.getSubject(), "subject", 200, violations);
            Texts.optionalText(request.getAction(), "action", 64, violations);
            Texts.optionalText(request.getActor(), "actor", 256, violations);
            violations.throwIfAny();
            return audit.list(request);
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Uni<RecordLoanEventResponse> recordLoanEvent(RecordLoanEventRequest request) {
        Actor actor = caller.actor();
        Context call = Context.current();
        return Uni.createFrom().item(() -> {
            LoanEventService.Recorded recorded = events.record(actor, EventMapper.reader(request.getEvent()), () -> !call.isCancelled());
            return RecordLoanEventResponse.newBuilder()
                    .setEvent(EventMapper.toProto(recorded.event(), null))
                    .setAlreadyRecorded(recorded.alreadyRecorded())
                    .build();
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Uni<LoadLoanEventsResponse> loadLoanEvents(Multi<LoadLoanEventsBatch> request) {
        Actor actor = caller.actor();
        return loadCalls.receive(request.map(LoadLoanEventsBatch::getEventsList), () -> events.stream(actor),
                (rows, load) -> EventMapper.readers(rows).forEach(load::accept), EventMapper::toProto);
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE })
    public Uni<ListLoanEventsResponse> listLoanEvents(ListLoanEventsRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String loanId = Texts.identifier(request.getLoanId(), "loan_id", 40, violations);
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            violations.throwIfAny();
            LoanEventService.LoanEvents listed = events.list(loanId, page.size(), page.offset());
            ListLoanEventsResponse.Builder out = ListLoanEventsResponse.newBuilder()
                    .setPage(Paging.info(page, listed.events().size(), listed.total()))
                    .setBalance(Decimals.toMoney(listed.balance(), listed.currency()))
                    .setWrittenOff(Decimals.toMoney(listed.writtenOff(), listed.currency()))
                    .setRecovered(Decimals.toMoney(listed.recovered(), listed.currency()));
            listed.events().forEach(e -> out.addEvents(EventMapper.toProto(e.event(), e.balanceAfter())));
            return out.build();
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_APPROVER)
    public Uni<bank.loanrisk.v1.LoanEvent> approveWriteOff(DecideWriteOffRequest request) {
        String actor = caller.name();
        return Uni.createFrom().item(() -> {
            WriteOffDecision d = writeOffDecision(request);
            return EventMapper.toProto(events.approveWriteOff(d.eventId(), actor, d.comment()), null);
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_APPROVER)
    public Uni<bank.loanrisk.v1.LoanEvent> rejectWriteOff(DecideWriteOffRequest request) {
        String actor = caller.name();
        return Uni.createFrom().item(() -> {
            WriteOffDecision d = writeOffDecision(request);
            return EventMapper.toProto(events.rejectWriteOff(d.eventId(), actor, d.comment()), null);
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public Uni<ListPendingWriteOffsResponse> listPendingWriteOffs(ListPendingWriteOffsRequest request) {
        return Uni.createFrom().item(() -> {
            Paging.Page page = page(request.getPage());
            ListPendingWriteOffsResponse.Builder out = ListPendingWriteOffsResponse.newBuilder();
            events.pendingWriteOffs(page.size(), page.offset()).forEach(e -> out.addWriteOffs(EventMapper.toProto(e, null)));
            return out.setPage(Paging.info(page, out.getWriteOffsCount(), events.countPendingWriteOffs())).build();
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public Uni<ListPendingOverridesResponse> listPendingOverrides(ListPendingOverridesRequest request) {
        return Uni.createFrom().item(() -> {
            Paging.Page page = page(request.getPage());
            ListPendingOverridesResponse.Builder out = ListPendingOverridesResponse.newBuilder();
            overrides.pending(page.size(), page.offset()).forEach(p -> out.addProposals(proposal(p)));
            return out.setPage(Paging.info(page, out.getProposalsCount(), overrides.countPending())).build();
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE })
    public Uni<ListLoansResponse> listLoans(ListLoansRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            boolean bySnapshot = !request.getCategoryInSnapshotId().isEmpty();
            boolean byCategory = request.getCategory() != LoanCategory.LOAN_CATEGORY_UNSPECIFIED;
            violations.require(bySnapshot == byCategory, bySnapshot ? "category" : "category_in_snapshot_id",
                    "category and category_in_snapshot_id go together");
            Category category = byCategory ? Enums.fromProto(request.getCategory(), Category.class, "category", violations) : null;
            String snapshotId = bySnapshot ? GradeMapper.snapshotId(request.getCategoryInSnapshotId(), "category_in_snapshot_id",
                    violations) : null;
            Product product = request.getProduct() == bank.loanrisk.v1.Product.PRODUCT_UNSPECIFIED ? null
                    : Enums.fromProto(request.getProduct(), Product.class, "product", violations);
            String branch = emptyToNull(Texts.optionalLine(request.getBranchCode(), "branch_code", 32, violations));
            String borrower = emptyToNull(Texts.optionalLine(request.getBorrowerCustomerNumber(), "borrower_customer_number", 32,
                    violations));
            String currency = request.getCurrencyCode().isEmpty() ? null
                    : Decimals.parseCurrency(request.getCurrencyCode(), "currency_code", violations);
            violations.throwIfAny();
            UUID snapshot = snapshotId == null ? null : snapshots.byId(snapshotId).snapshotId();
            LoanList.Page listed = loanList.list(new LoanFilter(snapshot, category == null ? null : category.rank(), product, branch,
                    borrower, currency, request.hasWrittenOff() ? request.getWrittenOff() : null), page.size(), page.offset());
            ListLoansResponse.Builder out = ListLoansResponse.newBuilder();
            listed.loans().forEach(l -> out.addLoans(LoanMapper.toProto(l)));
            return out.setPage(Paging.info(page, listed.loans().size(), listed.total())).build();
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR, Roles.SERVICE })
    public Uni<LoanHistory> getLoanHistory(GetLoanHistoryRequest request) {
        return Uni.createFrom().item(() -> {
            String loanId = loans.get(loanId(request.getLoanId())).loanId;
            LoanHistory.Builder out = LoanHistory.newBuilder().setLoanId(loanId);
            for (Snapshots.HistoryEntry entry : snapshots.history(loanId)) {
                GradedLoan g = entry.grade();
                out.addEntries(LoanHistoryEntry.newBuilder()
                        .setSnapshot(GradeMapper.snapshot(entry.snapshot()))
                        .setCategory(GradeMapper.category(g.category()))
                        .setRuleFloor(GradeMapper.category(g.ruleFloor()))
                        .addAllReasonCodes(g.reasonCodes())
                        .setOutstandingBalance(Decimals.toMoney(entry.originalBalance(), entry.currency()))
                        .setDaysPastDue(g.daysPastDue()));
            }
            return out.build();
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_OFFICER)
    public Uni<PutFxRatesResponse> putFxRates(PutFxRatesRequest request) {
        Actor actor = caller.actor();
        return Uni.createFrom().item(() -> {
            FxRates.Stored stored = fxRates.put(FxMapper.rates(request.getRatesList(), config.reportingCurrency()), actor);
            return PutFxRatesResponse.newBuilder().setStored(stored.stored()).setUnchanged(stored.unchanged()).build();
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.RISK_APPROVER, Roles.AUDITOR })
    public Uni<Reconciliation> reconcileSnapshots(ReconcileSnapshotsRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String from = GradeMapper.snapshotId(request.getFromSnapshotId(), "from_snapshot_id", violations);
            String to = GradeMapper.snapshotId(request.getToSnapshotId(), "to_snapshot_id", violations);
            Paging.Page page = Paging.parse(request.getPage(), "page", violations);
            violations.throwIfAny();
            Reconciliations.Page found = reconciliations.breaks(from, to, page.size(), page.offset());
            Reconciliation.Builder out = Reconciliation.newBuilder()
                    .setFrom(GradeMapper.snapshot(found.from()))
                    .setTo(GradeMapper.snapshot(found.to()))
                    .setPage(Paging.info(page, found.breaks().size(), found.total()));
            found.breaks().forEach(b -> out.addBreaks(ReconciliationBreak.newBuilder()
                    .setLoanId(b.loanId())
                    .setOpeningBalance(Decimals.toMoney(b.openingOriginal(), b.currency()))
                    .setDisbursed(Decimals.toMoney(b.flows().disbursed(), b.currency()))
                    .setRepaid(Decimals.toMoney(b.flows().repaid(), b.currency()))
                    .setWrittenOff(Decimals.toMoney(b.flows().writtenOff(), b.currency()))
                    .setTransferred(Decimals.toMoney(b.flows().transferred(), b.currency()))
                    .setForeclosed(Decimals.toMoney(b.flows().foreclosed(), b.currency()))
                    .setClosingBalance(Decimals.toMoney(b.closingOriginal(), b.currency()))
                    .setDifference(Decimals.toMoney(b.unexplained(), b.currency()))));
            return out.build();
        });
    }

    @Override
    @RolesAllowed({ Roles.RISK_OFFICER, Roles.SERVICE })
    public Uni<PreCheckConsumerLoanResponse> preCheckConsumerLoan(PreCheckConsumerLoanRequest request) {
        return Uni.createFrom().item(() -> {
            Violations violations = new Violations();
            String name = Texts.text(request.getApplicantName(), "applicant_name", 100, violations);
            violations.require(!request.getResidentId().isEmpty(), "resident_id", "is required");
            violations.require(request.getResidentId().length() <= 40, "resident_id", "must be at most 40 characters");
            Texts.optionalText(request.getResidentId(), "resident_id", 40, violations);
            LocalDate applied = Dates.parse(request.getApplicationDate(), "application_date", violations);
            violations.require(request.getCardKind() != CardKind.CARD_KIND_UNSPECIFIED && request.getCardKind() != CardKind.UNRECOGNIZED,
                    "card_kind", "must be CARD_KIND_DEBIT or CARD_KIND_CREDIT");
            String holder = Texts.text(request.getCardHolderName(), "card_holder_name", 100, violations);
            IdDocument document = idDocument(request, violations);
            violations.throwIfAny();
            ConsumerLoanPreCheck.Result result = ConsumerLoanPreCheck.check(new ConsumerLoanPreCheck.Application(name,
                    request.getResidentId(), document, applied, request.getStudent(),
                    request.getCardKind() == CardKind.CARD_KIND_DEBIT, holder));
            return PreCheckConsumerLoanResponse.newBuilder()
                    .setEligible(result.eligible())
                    .addAllReasons(result.reasons())
                    .setAge(result.age())
                    .build();
        });
    }

    /** The document shown; an unset kind or date means "not stated" (callers from before the fields). */
    private static IdDocument idDocument(PreCheckConsumerLoanRequest request, Violations violations) {
        IdDocument.Kind kind = switch (request.getIdDocumentKind()) {
            case ID_DOCUMENT_KIND_UNSPECIFIED -> IdDocument.Kind.NOT_STATED;
            case ID_DOCUMENT_KIND_SECOND_GENERATION_CARD -> IdDocument.Kind.SECOND_GENERATION_CARD;
            case ID_DOCUMENT_KIND_TEMPORARY_CARD -> IdDocument.Kind.TEMPORARY_CARD;
            case ID_DOCUMENT_KIND_OTHER -> IdDocument.Kind.OTHER;
            case UNRECOGNIZED -> {
                violations.add("id_document_kind", "must be one of ID_DOCUMENT_KIND_SECOND_GENERATION_CARD, "
                        + "ID_DOCUMENT_KIND_TEMPORARY_CARD, ID_DOCUMENT_KIND_OTHER (or unset)");
                yield null;
            }
        };
        LocalDate validUntil = request.hasIdValidUntil() ? Dates.parse(request.getIdValidUntil(), "id_valid_until", violations)
                : null;
        return new IdDocument(kind, validUntil);
    }

    private record Decision(long proposalId, String comment) {
    }

    private static Decision decision(DecideOverrideRequest request) {
        Violations violations = new Violations();
        violations.require(request.getProposalId() > 0, "proposal_id", "is required");
        String comment = Texts.optionalText(request.getComment(), "comment", TEXT_LENGTH, violations);
        violations.throwIfAny();
        return new Decision(request.getProposalId(), comment);
    }

    private record WriteOffDecision(String eventId, String comment) {
    }

    private static WriteOffDecision writeOffDecision(DecideWriteOffRequest request) {
        Violations violations = new Violations();
        String eventId = Texts.identifier(request.getEventId(), "event_id", EventMapper.EVENT_ID_LENGTH, violations);
        String comment = Texts.optionalText(request.getComment(), "comment", TEXT_LENGTH, violations);
        violations.throwIfAny();
        return new WriteOffDecision(eventId, comment);
    }

    private static Paging.Page page(bank.common.v1.PageRequest request) {
        Violations violations = new Violations();
        Paging.Page page = Paging.parse(request, "page", violations);
        violations.throwIfAny();
        return page;
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static String loanId(String value) {
        Violations violations = new Violations();
        String loanId = Texts.identifier(value, "loan_id", 40, violations);
        violations.throwIfAny();
        return loanId;
    }

    private static OverrideProposal proposal(bankrisk.loanrisk.override.OverrideProposal p) {
        return OverrideProposal.newBuilder()
                .setProposalId(p.proposalId)
                .setLoanId(p.loanId)
                .setCategory(GradeMapper.category(Category.ofRank(p.category)))
                .setReason(p.reason)
                .setProposedBy(p.proposedBy)
                .setEffectiveFrom(Dates.toDate(p.effectiveFrom))
                .setStatus(Enums.toProto(p.status, OverrideStatus.class))
                .setDecidedBy(p.decidedBy == null ? "" : p.decidedBy)
                .setDecisionComment(p.decisionComment == null ? "" : p.decisionComment)
                .setRuleFloor(GradeMapper.category(Category.ofRank(p.ruleFloor)))
                .build();
    }
}
