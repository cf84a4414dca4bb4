package bankrisk.loanrisk.grpc;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
import bank.loanrisk.v1.RegisterLoanRequest;
import bank.loanrisk.v1.SnapshotSummary;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.api.convert.Texts;
import bankrisk.api.error.RunInProgressStatus;
import bankrisk.common.error.RunInProgressException;
import bankrisk.common.error.Violations;
import bankrisk.common.run.RunLock;
import bankrisk.common.security.Actor;
import bankrisk.common.security.Roles;
import bankrisk.loanrisk.config.LoanRiskConfig;
import bankrisk.loanrisk.facts.FactsLoader;
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

    @Inject
    DataSource dataSource;

    @Inject
    PacedStreams streams;

    @Inject
    LoanRiskGrpcService(LoanService loans, FactsLoader loader, ClassificationRun run, LoanGrading grading, Reports reports,
            OverrideService overrides, AuditEvents audit, Caller caller, LoanRiskConfig config, Clock clock, LoadCalls loadCalls) {
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
                (rows, load) -> FactsMapper.readers(rows, config.reportingCurrency()).forEach(load::accept), FactsMapper::toProto);
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
